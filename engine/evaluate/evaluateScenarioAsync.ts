import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import type { Truth } from '../model/generated/truth.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import { feedCachedWorld, feedSimulatedWorld, lookupWorld } from './_internal/feedWorld.ts';
import type { Evaluation } from './Evaluation.ts';
import type { EvaluateOptions } from './evaluateScenario.ts';
import { EvaluationPass } from './EvaluationPass.ts';
import { SqlDetectors } from './sql/SqlDetectors.ts';

/**
 * {@link evaluateScenario} for a detector set that may hold SQL detectors (`--sql-detector`): their queries run on
 * DuckDB over the world's events once the simulation ends. Without SQL detectors it gives what `evaluateScenario` gives.
 * The simulator (xstate, faker, the world's machines) is loaded only for a world the cache does not hold, so a `gate`
 * or `tune` whose worlds are all cached never loads it.
 */
export async function evaluateScenarioAsync(
  scenario: ResolvedScenario,
  instances: readonly DetectorInstance[],
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const sql = await SqlDetectors.of(instances);
  let truth: Truth;
  let pass: EvaluationPass;
  try {
    const hit = lookupWorld(scenario, options);
    const simulate = hit ? undefined : (await import('../../generators/world/simulate.ts')).simulate;
    pass = new EvaluationPass(instances, { graceMs: options.graceMs, sql, labels: hit?.truth.labels });
    truth = hit ? feedCachedWorld(hit, pass, options) : feedSimulatedWorld(scenario, pass, options, simulate!);
  } catch (error) {
    sql?.close();
    throw error;
  }
  return sql === undefined ? pass.finish(truth) : pass.finishAsync(truth);
}
