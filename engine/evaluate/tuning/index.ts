/**
 * Threshold tuning: parameter grids swept over scenarios × seeds in one detection pass per world, pooled with
 * confidence intervals, with the Pareto front and a recommendation within a false-alert budget.
 * @module
 */
export { formatInterval } from './Interval.ts';
export { meanInterval } from './meanInterval.ts';
export { paretoFront } from './paretoFront.ts';
export { parseGrid } from './parseGrid.ts';
export { rateInterval } from './rateInterval.ts';
export { runSweep } from './runSweep.ts';
export { wilsonInterval } from './wilsonInterval.ts';
