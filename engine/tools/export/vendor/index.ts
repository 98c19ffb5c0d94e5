/**
 * How each log format names what a detector shape reads, for the export targets.
 * @module
 */
export { canonicalCondition, canonicalFields } from './canonicalFields.ts';
export { fieldsFor } from './fieldsFor.ts';
export { exportFormats } from './VendorFields.ts';
export type { ExportFormat, VendorFields } from './VendorFields.ts';
