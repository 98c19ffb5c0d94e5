export { RandomStream } from './RandomStream.ts';
export { createSeededFaker } from './createSeededFaker.ts';
