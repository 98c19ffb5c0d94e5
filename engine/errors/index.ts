export { PushstormError, isPushstormError } from './PushstormError.ts';
export { ScenarioError } from './ScenarioError.ts';
export type { ScenarioIssue } from './ScenarioError.ts';
export { SimulationError } from './SimulationError.ts';
