/**
 * Whole pipelines — simulate, detect, score — in memory, for the commands that evaluate many configurations.
 * @module
 */
export { evaluateScenario } from './evaluateScenario.ts';
export type { EvaluateOptions, Evaluation } from './evaluateScenario.ts';
