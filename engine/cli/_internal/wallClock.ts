import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WallClock } from '../../tools/replay/replayEvents.ts';

/** The longest delay a Node.js timer holds (2^31−1 ms, about 24.8 days): a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real wall clock, for commands that talk to the outside world in real time (`replay`). */
export const wallClock: WallClock = {
  now: () => performance.now(),
  epochMs: () => Date.now(),
  sleep: async (ms, signal) => {
    for (let left = ms; left > 0 && !signal?.aborted; left -= MAX_TIMER_MS) {
      try {
        await sleep(Math.min(left, MAX_TIMER_MS), undefined, { signal });
      } catch {
        return; // aborted: the caller looks at the signal
      }
    }
  },
  timeout: (ms) => AbortSignal.timeout(Math.min(ms, MAX_TIMER_MS)),
};
