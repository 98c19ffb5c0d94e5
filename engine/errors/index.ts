export { PushstormError, isPushstormError } from './PushstormError.ts';
export { ScenarioError } from './ScenarioError.ts';
export type { ScenarioIssue } from './ScenarioError.ts';
export { SimulationError } from './SimulationError.ts';
export { BadInputError } from './BadInputError.ts';
export { InputError } from './InputError.ts';
export { ParamsError } from './ParamsError.ts';
export type { ParamsIssue } from './ParamsError.ts';
