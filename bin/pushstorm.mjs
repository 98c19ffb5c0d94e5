#!/usr/bin/env node
// The npm bin: runs the TypeScript CLI through tsx's loader, so `npx pushstorm simulate …` works without a build.
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli/main.ts');
