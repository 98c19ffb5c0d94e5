/**
 * Samples of the scenario space on disk.
 * @module
 */
export { writeSpaceSample } from './writeSpaceSample.ts';
