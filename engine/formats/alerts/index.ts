/**
 * Alerts read back for scoring: pushstorm's own alert lines, or another engine's findings as rows (CSV, Parquet,
 * NDJSON) with a column mapping.
 * @module
 */
export type { AlertsFormat } from './AlertsFormat.ts';
export { alertsFormats } from './AlertsFormat.ts';
export type { ForeignAlertRow, ForeignColumn, ForeignEntityKind } from './ForeignAlertRow.ts';
export { foreignColumns, foreignEntityKinds } from './ForeignAlertRow.ts';
export type { ReadAlertsOptions } from './readAlertsInput.ts';
export { readAlertsInput } from './readAlertsInput.ts';
