export { simulate } from './simulate.ts';
export type { SimulateOptions } from './simulate.ts';
export { simulateParallel, WorkerFailedError } from './simulateParallel.ts';
export type { SimulateParallelOptions } from './simulateParallel.ts';
export type { SimulationProgress, SimulationResult, SimulationSummary } from './SimulationResult.ts';
export { World } from './World.ts';
export type { IncidentTally } from './World.ts';
export type { Cell, EventDraft, WorldPort } from './WorldPort.ts';
export type * from './messages.ts';
