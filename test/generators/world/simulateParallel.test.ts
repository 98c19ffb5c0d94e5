import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../generators/world/simulate.ts';
import { simulateParallel } from '../../../generators/world/simulateParallel.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

function serialRun(scenario: ReturnType<typeof tinyScenario>) {
  const lines: string[] = [];
  const result = simulate(scenario, (e) => lines.push(JSON.stringify(e)));
  return { lines, result };
}

describe('simulateParallel', () => {
  it('writes exactly the bytes of a single-thread run, whatever the worker count (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 1, max: 64 }),
        async (seed, users, workers, batchSize) => {
          const scenario = tinyScenario({ seed, users, days: 2 });
          const serial = serialRun(scenario);
          const lines: string[] = [];
          const parallel = await simulateParallel(scenario, (l) => lines.push(l), { workers, batchSize });
          expect(lines).toEqual(serial.lines);
          expect(JSON.stringify(parallel.truth)).toBe(JSON.stringify(serial.result.truth));
          expect(parallel.summary).toEqual(serial.result.summary);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('reports progress up to the end of the run', async () => {
    const scenario = tinyScenario({ seed: 3, users: 6, days: 1 });
    const fractions: number[] = [];
    await simulateParallel(scenario, () => {}, { workers: 2, onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.length).toBeGreaterThan(0);
    expect(Math.max(...fractions)).toBe(1);
  });
});
