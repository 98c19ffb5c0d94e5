/**
 * Threshold tuning: parameter grids swept over scenarios × seeds in one detection pass per world, pooled with
 * confidence intervals, with the Pareto front and a recommendation within a false-alert budget.
 * @module
 */
export { formatInterval } from './Interval.ts';
export type { Interval } from './Interval.ts';
export { meanInterval } from './meanInterval.ts';
export { paretoFront } from './paretoFront.ts';
export type { Tradeoff } from './paretoFront.ts';
export { parseGrid } from './parseGrid.ts';
export type { Grid, GridPoint } from './parseGrid.ts';
export { rateInterval } from './rateInterval.ts';
export { runSweep, SWEEP_FLOORS } from './runSweep.ts';
export type { Recommendation, SweepEvidence, SweepOptions, SweepResult, SweepRow, SweepRun } from './runSweep.ts';
export { tuneScenarioFiles } from './tuneScenarioFiles.ts';
export type { TunedScenarioFiles, TuneScenarioFilesOptions } from './tuneScenarioFiles.ts';
export { wilsonInterval } from './wilsonInterval.ts';
export { writeParamsFile, paramsFileOf } from './writeParamsFile.ts';
