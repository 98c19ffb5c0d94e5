/**
 * Samples of the scenario space on disk.
 * @module
 */
export { writeSpaceReport } from './writeSpaceReport.ts';
export { writeSpaceSample } from './writeSpaceSample.ts';
