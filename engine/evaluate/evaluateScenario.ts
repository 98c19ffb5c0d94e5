import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/simulate.ts';
import type { SimulationProgress } from '../../generators/world/SimulationResult.ts';
import type { WorldCache } from '../formats/cache/WorldCache.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import { feedCachedWorld, feedSimulatedWorld, lookupWorld } from './_internal/feedWorld.ts';
import type { Evaluation } from './Evaluation.ts';
import { EvaluationPass } from './EvaluationPass.ts';

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
  const hit = lookupWorld(scenario, options);
  const pass = new EvaluationPass(instances, { graceMs: options.graceMs, labels: hit?.truth.labels });
  return pass.finish(hit ? feedCachedWorld(hit, pass, options) : feedSimulatedWorld(scenario, pass, options, simulate));
}
