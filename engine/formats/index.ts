/** Log formats both ways: vendor codecs (Okta, Entra ID, Duo, OCSF, macOS unified log), reading any export, writing a world's logs. */
export type { DecodeStep, FieldLimit, FormatContext, LogFormat, MacHost, RecordDecoder, RecordEncoder, RecordRejectReason, SiemMetadata } from './LogFormat.ts';
export type { FormatId } from './logFormats.ts';
export { canonicalFormat } from './canonical/canonicalFormat.ts';
export { oktaClassicFormat, oktaFormat } from './okta/oktaFormat.ts';
export { duoFormat } from './duo/duoFormat.ts';
export { entraFormat } from './entra/entraFormat.ts';
export { entraSentinelFormat } from './entra/entraSentinelFormat.ts';
export { ocsfFormat } from './ocsf/ocsfFormat.ts';
export { unifiedLogFormat } from './unifiedlog/unifiedLogFormat.ts';
export { formatUnifiedLogLine } from './unifiedlog/formatUnifiedLogLine.ts';
export { formatIdsFor, getLogFormat, logFormats } from './logFormats.ts';
export { LogRecordReader } from './reader/LogRecordReader.ts';
export type { ContainerShape } from './reader/ContainerShape.ts';
export type { DetectedInput, LogReadOptions, LogReadStats, QuarantinedRecord, RecordEntry } from './reader/LogRecordReader.ts';
export { writeLogFiles } from './files/writeLogFiles.ts';
export type { WriteLogFilesOptions, WrittenLogFile } from './files/writeLogFiles.ts';
