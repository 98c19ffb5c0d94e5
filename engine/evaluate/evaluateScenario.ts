import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';
import type { SimulationProgress, SimulationSummary } from '../../generators/world/SimulationResult.ts';
import type { CachedWorld, WorldCache } from '../formats/cache/WorldCache.ts';
import type { Truth } from '../model/generated/truth.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import { worldKeyOf } from './_internal/worldKeyOf.ts';
import type { Evaluation } from './Evaluation.ts';
import { EvaluationPass } from './EvaluationPass.ts';
import { SqlDetectors } from './sql/SqlDetectors.ts';

/** Options of {@link evaluateScenario}. */
export interface EvaluateOptions {
  /** Match grace of the scoring (default 1 h). */
  graceMs?: number;
  /** Called now and then with the simulation's progress (fraction of simulated time, records so far). */
  onProgress?: (progress: SimulationProgress) => void;
  /**
   * Where simulated worlds are kept: a world already there is read back instead of simulated, one that is not is
   * stored as it is simulated. The figures are the same either way.
   */
  cache?: WorldCache;
  /** Told whether the world came from the cache (true) or was simulated (false). */
  onWorld?: (fromCache: boolean) => void;
}

/**
 * Simulates a resolved scenario and runs `instances` over its events as they are produced — one pass, every
 * detector and parameter set at once, nothing written to disk — then scores each instance against the truth.
 * The in-memory form of the one pipeline ({@link EvaluationPass}): `tune`, `gate` and the library use it;
 * `pushstorm run` runs the same pass over the files it writes (`evaluateToDirectory`), with the same figures.
 * With `options.cache`, a world simulated before (same scenario hash, seed, pushstorm version and simulator code) is
 * read from there.
 */
export function evaluateScenario(
  scenario: ResolvedScenario,
  instances: readonly DetectorInstance[],
  options: EvaluateOptions = {},
): Evaluation {
  const hit = lookup(scenario, options);
  const pass = new EvaluationPass(instances, { graceMs: options.graceMs, labels: hit?.truth.labels });
  return pass.finish(feedWorld(scenario, pass, hit, options));
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
  let truth: Truth;
  let pass: EvaluationPass;
  try {
    const hit = lookup(scenario, options);
    pass = new EvaluationPass(instances, { graceMs: options.graceMs, sql, labels: hit?.truth.labels });
    truth = feedWorld(scenario, pass, hit, options);
  } catch (error) {
    sql.close();
    throw error;
  }
  return pass.finishAsync(truth);
}

/**
 * The world in the cache, if any. Found, its truth comes before its events, so the pass keeps only the attack's
 * timeline records instead of every challenge of the world (the figures are the same either way).
 */
const lookup = (scenario: ResolvedScenario, options: EvaluateOptions): CachedWorld | undefined =>
  options.cache?.lookup(worldKeyOf(scenario));

/**
 * Pushes the world's events into `pass` and returns its truth: the cached world's when there is one, else simulated
 * (and stored in the cache as it goes, when there is a cache).
 */
function feedWorld(scenario: ResolvedScenario, pass: EvaluationPass, hit: CachedWorld | undefined, options: EvaluateOptions): Truth {
  if (hit) {
    hit.readEvents((event) => pass.push(event));
    options.onWorld?.(true);
    return hit.truth;
  }
  const fill = options.cache?.fill(worldKeyOf(scenario));
  let truth: Truth;
  let summary: SimulationSummary;
  try {
    ({ truth, summary } = simulate(
      scenario,
      fill
        ? (event) => {
            pass.push(event);
            fill.write(event);
          }
        : (event) => pass.push(event),
      options.onProgress ? { progressEvery: 3_600_000, onProgress: options.onProgress } : {},
    ));
  } catch (error) {
    fill?.abort();
    throw error;
  }
  fill?.commit(truth, summary);
  options.onWorld?.(false);
  return truth;
}
