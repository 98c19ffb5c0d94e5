import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { DetectorInstance } from '../../engine/runtime/DetectorRuntime.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { swapNeighbours } from './swapNeighbours.ts';

/**
 * The alerts of one detector instance on time-sorted `events`, and on the same events with neighbours up to
 * `maxGapMs` apart swapped by `seed` (within the runtime's default lateness): the two must be equal.
 */
export function alertsInAndOutOfOrder(
  instance: DetectorInstance,
  events: readonly CanonicalEvent[],
  seed: number,
  maxGapMs = 30_000,
): { sorted: Alert[]; shuffled: Alert[] } {
  const run = (stream: readonly CanonicalEvent[]) => {
    const alerts: Alert[] = [];
    const runtime = new DetectorRuntime([instance], (a) => alerts.push(a));
    for (const e of stream) runtime.push(e);
    runtime.finish();
    return alerts;
  };
  return { sorted: run(events), shuffled: run(swapNeighbours(events, seed, maxGapMs)) };
}
