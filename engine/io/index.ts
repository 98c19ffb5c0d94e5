/** NDJSON and JSON files: reading events (bad lines quarantined), the simulation's event sink, atomic results. */
export { NdjsonFileWriter } from './NdjsonFileWriter.ts';
export type { NdjsonFileWriterOptions } from './NdjsonFileWriter.ts';
export { writeJsonFileAtomic } from './writeJsonFileAtomic.ts';
export type { WriteJsonFileOptions } from './writeJsonFileAtomic.ts';
export { decodeEventLine, quarantineReasons } from './EventLineDecoder.ts';
export type { DecodedLine, QuarantineReason } from './EventLineDecoder.ts';
export { DEFAULT_MAX_LINE_BYTES, openEventInput, readLines } from './readEventLines.ts';
export type { LineInput, OversizedLine, ReadLinesOptions, TextLine } from './readEventLines.ts';
export { EventReader, readEvents } from './readEvents.ts';
export type { QuarantinedLine, ReadEventsOptions, ReadStats } from './readEvents.ts';
export { QuarantineWriter } from './QuarantineWriter.ts';
export { readAlertsFile } from './readAlertsFile.ts';
export { readTruthFile } from './readTruthFile.ts';
