export { RandomStream } from './RandomStream.ts';
export { createSeededFaker } from './createSeededFaker.ts';
export type { SeededFaker } from './createSeededFaker.ts';
