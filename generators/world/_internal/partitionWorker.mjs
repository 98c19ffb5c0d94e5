// Worker-thread bootstrap: registers tsx in this thread, then loads the TypeScript worker. A worker's entry cannot be
// a .ts file directly on Node 20 (its loader hooks are not in place when the entry loads).
import { register } from 'tsx/esm/api';

register();
await import('./partitionWorker.ts');
