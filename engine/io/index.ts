/** NDJSON and JSON file output: the simulation's event sink and atomic result files. */
export { NdjsonFileWriter } from './NdjsonFileWriter.ts';
export type { NdjsonFileWriterOptions } from './NdjsonFileWriter.ts';
export { writeJsonFileAtomic } from './writeJsonFileAtomic.ts';
export type { WriteJsonFileOptions } from './writeJsonFileAtomic.ts';
