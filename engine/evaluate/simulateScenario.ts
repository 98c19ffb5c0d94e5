import type { CanonicalEvent } from '../model/generated/event.ts';
import type { Truth } from '../model/generated/truth.ts';
import { loadScenarioFile, resolveScenario, type ResolvedScenario, type ScenarioOverrides } from '../../generators/scenario/index.ts';
import { simulateAsync } from '../../generators/world/simulateAsync.ts';
import type { SimulationProgress, SimulationSummary } from '../../generators/world/SimulationResult.ts';

/** Options of {@link simulateScenario}: the CLI's `--seed`, `--users`, `--days`, and a progress callback. */
export interface SimulateScenarioOptions extends ScenarioOverrides {
  /** Called every few simulated hours with the share of simulated time done and the events so far. */
  onProgress?: (progress: SimulationProgress) => void;
}

/** A simulated world, held in memory. */
export interface SimulatedWorld {
  /** The scenario as run: every default filled, overrides applied. */
  scenario: ResolvedScenario;
  /** The canonical events, in time order. */
  events: CanonicalEvent[];
  /** The ground truth: incidents and a label per attack or noise event id. Detectors never see it; scoring does. */
  truth: Truth;
  /** Counts of the run (events by type and source, users, Macs, incidents, compromises). */
  summary: SimulationSummary;
}

/**
 * Simulates a scenario in memory: a scenario file (YAML or JSON), or a scenario object as such a file would parse
 * to, validated and resolved first. The same scenario and seed give the same events, byte for byte, as
 * `pushstorm simulate` writes. For worlds too big to hold, stream with `simulate` from `generators/world` instead.
 *
 * @throws ScenarioError listing every problem of the scenario (file, JSON path, message).
 * @example
 * ```ts
 * const world = await simulateScenario('scenarios/tiny.yaml', { seed: 7, users: 30, days: 2 });
 * console.log(world.events.length, world.truth.incidents.length);
 * ```
 */
export async function simulateScenario(scenario: string | object, options: SimulateScenarioOptions = {}): Promise<SimulatedWorld> {
  const { onProgress, ...overrides } = options;
  const resolved = typeof scenario === 'string' ? await loadScenarioFile(scenario, overrides) : resolveScenario(scenario, overrides);
  const events: CanonicalEvent[] = [];
  const { truth, summary } = await simulateAsync(resolved, (event) => events.push(event), onProgress ? { onProgress } : {});
  return { scenario: resolved, events, truth, summary };
}
