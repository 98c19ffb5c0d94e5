#!/usr/bin/env node
// The npm bin: runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` and `npm pack` run through
// the `prepare` script). Plain JavaScript, no TypeScript loader, so a command starts in a fraction of a second.
import { existsSync } from 'node:fs';

const main = new URL('../dist/engine/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('pushstorm: the compiled CLI (dist/) is missing; run `npm run build` in the pushstorm folder\n');
  process.exit(1);
}
await import(main.href);
