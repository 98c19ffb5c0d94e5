// Worker-thread bootstrap, used only when pushstorm runs from its TypeScript sources (vitest, tsx): registers tsx in
// this thread, then loads the TypeScript worker. A worker's entry cannot be a .ts file directly on Node 20 (its loader
// hooks are not in place when the entry loads). The compiled build starts `partitionWorker.js` instead, without tsx.
import { register } from 'tsx/esm/api';

register();
await import('./partitionWorker.ts');
