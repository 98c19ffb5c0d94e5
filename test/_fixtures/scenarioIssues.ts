import type { ScenarioIssue } from '../../engine/model/errors/ScenarioError.ts';
import { ScenarioError } from '../../engine/model/errors/ScenarioError.ts';
import { resolveScenario } from '../../generators/scenario/index.ts';
import type { ScenarioOverrides } from '../../generators/scenario/ResolvedScenario.ts';

/** The problems `resolveScenario` reports for `raw` (none for a valid scenario); any other error is rethrown. */
export function scenarioIssues(raw: unknown, overrides?: ScenarioOverrides): ScenarioIssue[] {
  try {
    resolveScenario(raw, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  return [];
}
