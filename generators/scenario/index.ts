/**
 * Scenario files → validated, resolved scenarios: the only way the simulation learns about a scenario.
 * @module
 */
export { loadScenarioFile, resolveScenario } from './loadScenario.ts';
export type {
  Profile,
  ResolvedAttack,
  ResolvedDayTime,
  ResolvedScenario,
  ScenarioOverrides,
  SourceKind,
  Strategy,
} from './ResolvedScenario.ts';
