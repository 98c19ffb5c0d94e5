import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../generators/world/simulate.ts';
import { simulateAsync } from '../../../generators/world/simulateAsync.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

describe('simulateAsync', () => {
  it('writes exactly the bytes and truth of simulate, whatever the progress step (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 48 }),
        async (seed, users, hours) => {
          const scenario = tinyScenario({ seed, users, days: 2 });
          const serial: string[] = [];
          const expected = simulate(scenario, (e) => serial.push(JSON.stringify(e)));
          const lines: string[] = [];
          const result = await simulateAsync(scenario, (e) => lines.push(JSON.stringify(e)), { progressEvery: hours * 3_600_000 });
          expect(lines).toEqual(serial);
          expect(JSON.stringify(result.truth)).toBe(JSON.stringify(expected.truth));
          expect(result.summary).toEqual(expected.summary);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('lets the event loop turn between steps, so a timer (or a signal handler) runs during the simulation', async () => {
    const scenario = tinyScenario({ seed: 1, users: 4, days: 2 });
    let turns = 0;
    let stepsSeen = 0;
    const ticking = setInterval(() => turns++, 0);
    await simulateAsync(scenario, () => {}, { progressEvery: 3_600_000, onProgress: () => stepsSeen++ });
    clearInterval(ticking);
    expect(stepsSeen).toBe(48);
    expect(turns).toBeGreaterThan(0);
  });
});
