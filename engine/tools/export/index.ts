/**
 * Detectors written out for other engines, from their declarative shapes.
 * @module
 */
export { exportDetector, exportsOf, whyNotExportable } from './exportDetector.ts';
export type { ExportOptions } from './exportDetector.ts';
export type { ExportTarget, TargetInput } from './ExportTarget.ts';
export { exportTargetIds, exportTargets } from './exportTargets.ts';
export type { ExportTargetId } from './exportTargets.ts';
export { fieldOf, recordMatches } from './RecordCondition.ts';
export type { FieldValue, RecordCondition } from './RecordCondition.ts';
export { sqlDialectIds } from './sql/SqlDialect.ts';
export type { SqlDialectId } from './sql/SqlDialect.ts';
export { canonicalEventsView, sqlOfShape } from './sql/sqlOfShape.ts';
export { tumblingSqlOfShape } from './sql/tumblingSqlOfShape.ts';
export { slidingVariant } from './slidingVariant.ts';
export { tumblingVariant } from './tumblingVariant.ts';
export type { Windowing } from './Windowing.ts';
export { withWindowing } from './withWindowing.ts';
export { canonicalCondition, canonicalFields, exportFormats, fieldsFor } from './vendor/index.ts';
export type { ExportFormat, VendorFields } from './vendor/index.ts';
