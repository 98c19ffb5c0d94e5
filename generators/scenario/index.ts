/**
 * Scenario files → validated, resolved scenarios: the only way the simulation learns about a scenario.
 * @module
 */
export { loadScenarioFile, resolveScenario } from './loadScenario.ts';
export type { ResolvedScenario, ScenarioOverrides } from './ResolvedScenario.ts';
