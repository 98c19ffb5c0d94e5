import type { CanonicalEvent } from '../../engine/model/generated/event.ts';

/**
 * A reordering of time-sorted events that stays within an allowed lateness: walks the list once and swaps each pair
 * of neighbours at most `maxGapMs` apart when a seeded coin says so (a linear congruential generator, so a
 * fast-check integer reproduces the order). No event moves behind one more than `maxGapMs` later than it.
 */
export function swapNeighbours<E extends Pick<CanonicalEvent, 'time'>>(sorted: readonly E[], seed: number, maxGapMs: number): E[] {
  const out = [...sorted];
  let x = seed >>> 0;
  for (let i = 1; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    if (x % 2 === 0 && out[i].time - out[i - 1].time <= maxGapMs) [out[i - 1], out[i]] = [out[i], out[i - 1]];
  }
  return out;
}
