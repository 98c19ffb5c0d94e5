import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../../detectors/index.ts';
import { mfaWithoutLogin } from '../../../../detectors/mfaWithoutLogin.ts';
import { ParamsError } from '../../../../engine/model/errors/ParamsError.ts';
import { evaluateScenario } from '../../../../engine/evaluate/evaluateScenario.ts';
import { meanInterval, paretoFront, parseGrid, runSweep } from '../../../../engine/evaluate/tuning/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';

const minute = 60_000;

describe('parseGrid', () => {
  it('expands ranges by the parameter’s step or a given one, lists, durations, and names without "Ms"', () => {
    const grid = parseGrid(mfaWithoutLogin, 'threshold=3..5, window=5m|10m|1800000, grace=0s..10m:5m');
    expect(grid.axes).toEqual([
      { param: 'threshold', values: [3, 4, 5] },
      { param: 'windowMs', values: [5 * minute, 10 * minute, 30 * minute] },
      { param: 'graceMs', values: [0, 5 * minute, 10 * minute] },
    ]);
    expect(grid.points).toHaveLength(27);
    expect(grid.points[0]).toEqual({ name: 'threshold=3,windowMs=5m,graceMs=0s', params: { threshold: 3, windowMs: 5 * minute, graceMs: 0 } });
    expect(grid.points[26].name).toBe('threshold=5,windowMs=30m,graceMs=10m');
  });

  it('keeps the other parameters at their defaults', () => {
    expect(parseGrid(mfaWithoutLogin, 'threshold=7').points).toEqual([{ name: 'threshold=7', params: { threshold: 7, windowMs: 10 * minute, graceMs: 10 * minute } }]);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      parseGrid(mfaWithoutLogin, 'threshold=1..3,window=soon,colour=red,threshold=4,grace=9..2');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParamsError);
    expect((error as ParamsError).issues.map((i) => i.path)).toEqual(['--grid threshold', '--grid window', '--grid colour', '--grid threshold', '--grid grace']);
    expect((error as ParamsError).message).toContain('outside [2, 30]: 1');
  });
});

describe('meanInterval', () => {
  it('is Student’s t interval: 0 width for one value, t(2) = 4.303 for three', () => {
    expect(meanInterval([])).toBeNull();
    expect(meanInterval([0.5])).toEqual({ mean: 0.5, halfWidth: 0, n: 1 });
    const m = meanInterval([0.8, 1, 0.9])!;
    expect(m.mean).toBeCloseTo(0.9, 12);
    expect(m.halfWidth).toBeCloseTo((4.303 * 0.1) / Math.sqrt(3), 12);
  });
});

describe('paretoFront', () => {
  const pointArb = fc.record({ recall: fc.integer({ min: 0, max: 4 }), prevented: fc.integer({ min: 0, max: 4 }), falseAlertsPer1000UserDays: fc.integer({ min: 0, max: 4 }) });
  const dominates = (q: { recall: number; prevented: number; falseAlertsPer1000UserDays: number }, p: typeof q) =>
    q.recall >= p.recall && q.prevented >= p.prevented && q.falseAlertsPer1000UserDays <= p.falseAlertsPer1000UserDays &&
    (q.recall > p.recall || q.prevented > p.prevented || q.falseAlertsPer1000UserDays < p.falseAlertsPer1000UserDays);

  it('holds exactly the points nothing dominates, and every other point is dominated by one on it (property)', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { maxLength: 30, size: 'max' }), (points) => {
        const front = new Set(paretoFront(points));
        points.forEach((p, i) => {
          if (front.has(i)) expect(points.some((q) => dominates(q, p))).toBe(false);
          else expect([...front].some((j) => dominates(points[j], p))).toBe(true);
        });
      }),
    );
  });
});

describe('runSweep', () => {
  it('gives every grid point the figures it gets when run on its own (property)', async () => {
    const scenario = await loadScenarioFile('scenarios/uber-burst.yaml', { users: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.constantFrom('2m', '5m', '10m', '30m'), { minLength: 1, maxLength: 2 }),
        async (thresholds, windows) => {
          const definition = detectorRegistry.get('denied-burst')!;
          const grid = parseGrid(definition, `threshold=${thresholds.join('|')},window=${windows.join('|')}`);
          const sweep = runSweep([scenario], definition, grid);
          grid.points.forEach((point, i) => {
            const alone = evaluateScenario(scenario, [{ definition, params: point.params }]).score.detectors[0];
            const row = sweep.rows[i];
            expect([row.recall?.mean, row.preventedRate?.mean, row.falseAlertsPer1000UserDays.mean, row.precision?.mean ?? null, row.pooled.alerts]).toEqual([
              alone.recall, alone.preventedRate, alone.falseAlertsPer1000UserDays, alone.precision, alone.alerts,
            ]);
          });
        },
      ),
      { numRuns: 4 },
    );
  }, 60_000);

  it('aggregates over seeds, marks the front, and recommends the most recall within the budget', async () => {
    const scenarios = await Promise.all([2022, 2023].map((seed) => loadScenarioFile('scenarios/uber-burst.yaml', { users: 40, seed })));
    const definition = detectorRegistry.get('mfa-without-login')!;
    const sweep = runSweep(scenarios, definition, parseGrid(definition, 'threshold=3|30'), { falseAlertBudget: 1 });
    expect(sweep.runs.map((r) => r.seed)).toEqual([2022, 2023]);
    const [low, high] = sweep.rows;
    expect([low.name, low.kind, high.name]).toEqual(['threshold=3', 'grid', 'threshold=30']);
    expect(low.recall).toEqual({ mean: 1, halfWidth: 0, n: 2 });
    expect(high.recall?.mean).toBe(0);
    expect([low.front, high.front]).toEqual([true, false]);
    expect(sweep.recommended).toBe(0);
    expect(sweep.rows.map((r) => r.kind)).toEqual(['grid', 'grid', 'defaults']);
  }, 30_000);
});
