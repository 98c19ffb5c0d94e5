import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { assembleResult } from './_internal/assembleResult.ts';
import { partitionSteps } from './_internal/runPartition.ts';
import type { SimulateOptions } from './simulate.ts';
import type { SimulationResult } from './SimulationResult.ts';

/**
 * `simulate`, giving the event loop a turn after every progress step (6 h of virtual time by default), so a
 * signal handler (Ctrl-C removing temporary files), a timer or a progress bar runs during a long simulation. The
 * records, their order and the result are those of `simulate`, byte for byte.
 */
export async function simulateAsync(
  scenario: ResolvedScenario,
  sink: (event: CanonicalEvent) => void,
  options: SimulateOptions = {},
): Promise<SimulationResult> {
  const labels: Record<string, string> = {};
  const steps = partitionSteps(
    scenario,
    (event, label) => {
      if (label !== undefined) labels[event.id] = label;
      sink(event);
    },
    { part: 0, parts: 1, ...options },
  );
  for (;;) {
    const next = steps.next();
    if (next.done) return assembleResult(scenario, [next.value], labels);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
