import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import type { WallClock } from '../../../../engine/tools/replay/index.ts';

/** The replay tests' epoch: 2 March 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2, 9);

/** Event `i`, `seconds` after {@link T0} (default `i`). */
export const event = (i: number, seconds = i): CanonicalEvent => ({
  id: `e${i}`,
  time: T0 + seconds * 1000,
  source: 'idp',
  type: 'mfa.challenge',
  user: 'ann@x.org',
  outcome: 'success',
});

/** A virtual wall clock: sleeping advances it at once and is recorded; request deadlines are real. */
export function fakeClock(): WallClock & { slept: number[]; t: number } {
  const c = {
    t: 0,
    slept: [] as number[],
    now: () => c.t,
    epochMs: () => T0 + c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
    timeout: (ms: number) => AbortSignal.timeout(ms),
  };
  return c;
}
