/**
 * Threshold tuning: parameter grids swept over scenarios × seeds in one detection pass per world, aggregated with
 * confidence intervals, with the Pareto front and a recommendation within a false-alert budget.
 * @module
 */
export { meanInterval } from './meanInterval.ts';
export type { MeanInterval } from './meanInterval.ts';
export { paretoFront } from './paretoFront.ts';
export type { Tradeoff } from './paretoFront.ts';
export { parseGrid } from './parseGrid.ts';
export type { Grid, GridPoint } from './parseGrid.ts';
export { runSweep } from './runSweep.ts';
export type { SweepOptions, SweepResult, SweepRow, SweepRun } from './runSweep.ts';
