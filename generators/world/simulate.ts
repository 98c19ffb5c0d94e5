import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { assembleResult } from './_internal/assembleResult.ts';
import { runPartition } from './_internal/runPartition.ts';
import type { SimulationProgress, SimulationResult } from './SimulationResult.ts';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Called every `progressEvery` ms of virtual time (default 6 h). */
  onProgress?: (progress: SimulationProgress) => void;
  progressEvery?: number;
}

/**
 * Runs a scenario to its end in this thread: builds the population (each user's identity from their own stream),
 * creates one root xstate actor per entity on a shared virtual clock (user, Mac, lab Mac, phone, IdP account; one
 * attacker per attack target), runs the clock, and hands every record to `sink` in time order. Returns the truth and
 * the counts. {@link simulateParallel} gives the same output from several worker threads.
 *
 * Deterministic: the same scenario (seed included) gives the same records in the same order, byte for byte.
 *
 * @example
 * const lines: string[] = [];
 * const { truth } = simulate(scenario, (e) => lines.push(JSON.stringify(e)));
 */
export function simulate(
  scenario: ResolvedScenario,
  sink: (event: CanonicalEvent) => void,
  options: SimulateOptions = {},
): SimulationResult {
  const labels: Record<string, string> = {};
  const run = runPartition(
    scenario,
    (event, label) => {
      if (label !== undefined) labels[event.id] = label;
      sink(event);
    },
    { part: 0, parts: 1, ...options },
  );
  return assembleResult(scenario, [run], labels);
}
