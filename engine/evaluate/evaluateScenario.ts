import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';
import type { SimulationProgress } from '../../generators/world/SimulationResult.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import type { Evaluation } from './Evaluation.ts';
import { EvaluationPass } from './EvaluationPass.ts';
import { SqlDetectors } from './sql/SqlDetectors.ts';

/** Options of {@link evaluateScenario}. */
export interface EvaluateOptions {
  /** Match grace of the scoring (default 1 h). */
  graceMs?: number;
  /** Called now and then with the simulation's progress (fraction of simulated time, records so far). */
  onProgress?: (progress: SimulationProgress) => void;
}

/**
 * Simulates a resolved scenario and runs `instances` over its events as they are produced — one pass, every
 * detector and parameter set at once, nothing written to disk — then scores each instance against the truth.
 * The in-memory form of the one pipeline ({@link EvaluationPass}): `tune`, `gate` and the library use it;
 * `pushstorm run` runs the same pass over the files it writes (`evaluateToDirectory`), with the same figures.
 */
export function evaluateScenario(
  scenario: ResolvedScenario,
  instances: readonly DetectorInstance[],
  options: EvaluateOptions = {},
): Evaluation {
  const pass = new EvaluationPass(instances, { graceMs: options.graceMs });
  const { truth } = simulate(
    scenario,
    (event) => pass.push(event),
    options.onProgress ? { progressEvery: 3_600_000, onProgress: options.onProgress } : {},
  );
  return pass.finish(truth);
}

/**
 * {@link evaluateScenario} for a detector set that may hold SQL detectors (`--sql-detector`): their queries run on
 * DuckDB over the world's events once the simulation ends. Without SQL detectors it gives what `evaluateScenario` gives.
 */
export async function evaluateScenarioAsync(
  scenario: ResolvedScenario,
  instances: readonly DetectorInstance[],
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const sql = await SqlDetectors.of(instances);
  if (sql === undefined) return evaluateScenario(scenario, instances, options);
  const pass = new EvaluationPass(instances, { graceMs: options.graceMs, sql });
  let truth: Evaluation['truth'];
  try {
    ({ truth } = simulate(
      scenario,
      (event) => pass.push(event),
      options.onProgress ? { progressEvery: 3_600_000, onProgress: options.onProgress } : {},
    ));
  } catch (error) {
    sql.close();
    throw error;
  }
  return pass.finishAsync(truth);
}
