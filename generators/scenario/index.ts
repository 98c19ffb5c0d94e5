/**
 * Scenario files → validated, resolved scenarios: the only way the simulation learns about a scenario.
 * @module
 */
export { loadScenarioFile, resolveScenario } from './loadScenario.ts';
export { formatDuration, parseDuration } from './parseDuration.ts';
export type {
  Profile,
  ResolvedAttack,
  ResolvedDayTime,
  ResolvedScenario,
  ScenarioOverrides,
  SourceKind,
  Strategy,
} from './ResolvedScenario.ts';
