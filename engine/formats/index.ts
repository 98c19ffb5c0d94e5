/** Log formats both ways: vendor codecs (Okta, Entra ID, Duo, OCSF, macOS unified log), reading any export, writing a world's logs. */
export type { DecodeStep, FieldLimit, FormatContext, FormatId, LogFormat, MacHost, RecordDecoder, RecordEncoder, RecordRejectReason } from './LogFormat.ts';
export { canonicalFormat } from './canonicalFormat.ts';
export { oktaClassicFormat, oktaFormat } from './oktaFormat.ts';
export { duoFormat } from './duoFormat.ts';
export { entraFormat } from './entraFormat.ts';
export { entraSentinelFormat } from './entraSentinelFormat.ts';
export { ocsfFormat } from './ocsfFormat.ts';
export { unifiedLogFormat } from './unifiedLogFormat.ts';
export { formatUnifiedLogLine } from './formatUnifiedLogLine.ts';
export { macInventory } from './macInventory.ts';
export { formatIdsFor, getLogFormat, logFormats } from './logFormats.ts';
export { LogRecordReader } from './LogRecordReader.ts';
export type { ContainerShape, DetectedInput, LogReadOptions, LogReadStats, QuarantinedRecord, RecordEntry } from './LogRecordReader.ts';
export { writeLogFiles } from './writeLogFiles.ts';
export type { WriteLogFilesOptions, WrittenLogFile } from './writeLogFiles.ts';
