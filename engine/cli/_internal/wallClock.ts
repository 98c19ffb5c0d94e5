import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WallClock } from '../../tools/replay/replayEvents.ts';

/** The real wall clock, for commands that talk to the outside world in real time (`replay`). */
export const wallClock: WallClock = {
  now: () => performance.now(),
  sleep: async (ms) => {
    await sleep(ms);
  },
};
