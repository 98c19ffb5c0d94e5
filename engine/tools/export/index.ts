/**
 * Detectors written out for other engines, from their declarative shapes.
 * @module
 */
export { exportDetector, exportTargets } from './exportDetector.ts';
export type { ExportTarget } from './exportDetector.ts';
export { canonicalEventsView, sqlOfShape } from './sqlOfShape.ts';
