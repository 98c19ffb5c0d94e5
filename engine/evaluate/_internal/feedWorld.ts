import type { ResolvedScenario } from '../../../generators/scenario/index.ts';
import type { simulate } from '../../../generators/world/simulate.ts';
import type { SimulationProgress, SimulationSummary } from '../../../generators/world/SimulationResult.ts';
import type { CachedWorld, WorldCache } from '../../formats/cache/WorldCache.ts';
import type { Truth } from '../../model/generated/truth.ts';
import type { EvaluationPass } from '../EvaluationPass.ts';
import { worldKeyOf } from './worldKeyOf.ts';

/** What feeding a world reads of the evaluation's options. */
interface FeedOptions {
  cache?: WorldCache;
  onWorld?: (fromCache: boolean) => void;
  onProgress?: (progress: SimulationProgress) => void;
}

/**
 * The world in the cache, if any. Found, its truth comes before its events, so the pass keeps only the attack's
 * timeline records instead of every challenge of the world (the figures are the same either way).
 */
export const lookupWorld = (scenario: ResolvedScenario, options: FeedOptions): CachedWorld | undefined =>
  options.cache?.lookup(worldKeyOf(scenario));

/** Pushes a cached world's events into `pass` and returns its truth. */
export function feedCachedWorld(hit: CachedWorld, pass: EvaluationPass, options: FeedOptions): Truth {
  hit.readEvents((event) => pass.push(event));
  options.onWorld?.(true);
  return hit.truth;
}

/**
 * Simulates the world with `simulateWorld` (the simulator, passed in so that a caller may load it only when a world is
 * not cached), pushes its events into `pass` as they come, stores it in the cache when there is one, and returns its
 * truth.
 */
export function feedSimulatedWorld(
  scenario: ResolvedScenario,
  pass: EvaluationPass,
  options: FeedOptions,
  simulateWorld: typeof simulate,
): Truth {
  const fill = options.cache?.fill(worldKeyOf(scenario));
  let truth: Truth;
  let summary: SimulationSummary;
  try {
    ({ truth, summary } = simulateWorld(
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
