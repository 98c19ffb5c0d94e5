import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../../detectors/index.ts';
import { mfaWithoutLogin } from '../../../../detectors/mfaWithoutLogin.ts';
import { OptionError } from '../../../../engine/model/errors/OptionError.ts';
import { evaluateScenario } from '../../../../engine/evaluate/evaluateScenario.ts';
import {
  formatInterval,
  meanInterval,
  paretoFront,
  parseGrid,
  rateInterval,
  runSweep,
  wilsonInterval,
} from '../../../../engine/evaluate/tuning/index.ts';
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
    expect(grid.points[0]).toEqual({
      name: 'threshold=3,windowMs=5m,graceMs=0s',
      params: { threshold: 3, windowMs: 5 * minute, graceMs: 0, outageUsers: 5 },
    });
    expect(grid.points[26].name).toBe('threshold=5,windowMs=30m,graceMs=10m');
  });

  it('keeps the other parameters at their defaults', () => {
    expect(parseGrid(mfaWithoutLogin, 'threshold=7').points).toEqual([
      { name: 'threshold=7', params: { threshold: 7, windowMs: 10 * minute, graceMs: 10 * minute, outageUsers: 5 } },
    ]);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      parseGrid(mfaWithoutLogin, 'threshold=1..3,window=soon,colour=red,threshold=4,grace=9..2');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).issues.map((i) => `${i.option} ${i.value}`)).toEqual([
      '--grid threshold=1',
      '--grid window',
      '--grid colour',
      '--grid threshold',
      '--grid grace',
    ]);
    expect((error as OptionError).message).toMatch(/^tune options: 5 problems\n/);
    expect((error as OptionError).message).toContain('\n  --grid threshold=1: must be within [2, 30]');
  });

  it('refuses values off the parameter’s step, naming the step in the parameter’s units', () => {
    const issues = (text: string) => {
      try {
        parseGrid(mfaWithoutLogin, text);
      } catch (e) {
        return (e as OptionError).issues.map((i) => `${i.option} ${i.value}: ${i.message}`);
      }
      return [];
    };
    expect(issues('window=7m30s')).toEqual(["--grid window=7m30s: must be a multiple of 1m (the parameter's step)"]);
    expect(issues('threshold=3.5|4')).toEqual(["--grid threshold=3.5: must be a multiple of 1 (the parameter's step)"]);
    expect(issues('window=5m..10m:90s')).toEqual(["--grid window=6m30s|9m30s: must be a multiple of 1m (the parameter's step)"]);
    expect(issues('window=10')).toEqual(['--grid window=10ms: must be within [1m, 2h]']);
    expect(issues('windowMs=10m,graceMs=0s')).toEqual([]); // the full names too
  });
});

describe('meanInterval', () => {
  it('is Student’s t interval: a point for one value, t(2) = 4.303 for three', () => {
    expect(meanInterval([])).toBeNull();
    expect(meanInterval([0.5])).toEqual({ mean: 0.5, low: 0.5, high: 0.5, n: 1, method: 't' });
    const m = meanInterval([0.8, 1, 0.9])!;
    expect(m.mean).toBeCloseTo(0.9, 12);
    expect(m.high - m.mean).toBeCloseTo((4.303 * 0.1) / Math.sqrt(3), 12);
  });
});

describe('wilsonInterval', () => {
  it('matches the published values and is not overconfident on small counts', () => {
    const w = wilsonInterval(3, 4)!;
    expect([w.mean, w.low, w.high].map((v) => v.toFixed(4))).toEqual(['0.7500', '0.3006', '0.9544']);
    expect(formatInterval(wilsonInterval(4, 4))).toBe('1.00 [0.51, 1.00]'); // not 1.00 ± 0.00
    expect(formatInterval(wilsonInterval(0, 4))).toBe('0.00 [0.00, 0.49]');
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('stays within [0, 1] around the estimate, and narrows as trials grow (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.round(share * n);
        const w = wilsonInterval(k, n)!;
        expect(w.low).toBeGreaterThanOrEqual(0);
        expect(w.high).toBeLessThanOrEqual(1);
        expect(w.low).toBeLessThanOrEqual(w.mean + 1e-12);
        expect(w.high).toBeGreaterThanOrEqual(w.mean - 1e-12);
        const wider = wilsonInterval(k * 4, n * 4)!;
        expect(wider.high - wider.low).toBeLessThanOrEqual(w.high - w.low + 1e-12);
      }),
    );
  });
});

describe('rateInterval', () => {
  it('gives nothing counted an upper bound above 0, and scales to the unit asked for', () => {
    const r = rateInterval(0, 1680, 1000)!;
    expect([r.mean, r.low]).toEqual([0, 0]);
    expect(r.high).toBeCloseTo(2.2866, 3);
    expect(rateInterval(5, 1000, 1000)!.mean).toBe(5);
    expect(rateInterval(1, 0)).toBeNull();
  });

  it('holds the rate, never goes below 0 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1_000_000 }), (k, exposure) => {
        const r = rateInterval(k, exposure, 1000)!;
        expect(r.low).toBeGreaterThanOrEqual(0);
        expect(r.low).toBeLessThanOrEqual(r.mean + 1e-12);
        expect(r.high).toBeGreaterThan(r.mean);
      }),
    );
  });
});

describe('paretoFront', () => {
  const pointArb = fc.record({
    recall: fc.integer({ min: 0, max: 4 }),
    prevented: fc.integer({ min: 0, max: 4 }),
    falseAlertsPer1000UserDays: fc.integer({ min: 0, max: 4 }),
  });
  const dominates = (q: { recall: number; prevented: number; falseAlertsPer1000UserDays: number }, p: typeof q) =>
    q.recall >= p.recall &&
    q.prevented >= p.prevented &&
    q.falseAlertsPer1000UserDays <= p.falseAlertsPer1000UserDays &&
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
          const sweep = await runSweep([scenario], definition, grid);
          grid.points.forEach((point, i) => {
            const alone = evaluateScenario(scenario, [{ definition, params: point.params }]).score.detectors[0];
            const row = sweep.rows[i];
            expect([
              row.recall?.mean,
              row.preventedRate?.mean,
              row.falseAlertsPer1000UserDays.mean,
              row.precision?.mean ?? null,
              row.pooled.alerts,
            ]).toEqual([alone.recall, alone.preventedRate, alone.falseAlertsPer1000UserDays, alone.precision, alone.alerts]);
          });
        },
      ),
      { numRuns: 4 },
    );
  }, 60_000);

  it('aggregates over seeds, marks the front, and recommends the most recall within the budget', async () => {
    const scenarios = await Promise.all([2022, 2023].map((seed) => loadScenarioFile('scenarios/uber-burst.yaml', { users: 40, seed })));
    const definition = detectorRegistry.get('mfa-without-login')!;
    const sweep = await runSweep(scenarios, definition, parseGrid(definition, 'threshold=3|30'), { falseAlertBudget: 1 });
    expect(sweep.runs.map((r) => r.seed)).toEqual([2022, 2023]);
    const [low, high] = sweep.rows;
    expect([low.name, low.kind, high.name]).toEqual(['threshold=3', 'grid', 'threshold=30']);
    expect(low.recall).toEqual(wilsonInterval(2, 2)); // pooled: 2 of 2 incidents
    expect(high.recall?.mean).toBe(0);
    expect([low.front, high.front]).toEqual([true, false]);
    expect(sweep.recommendedIndex).toBe(0);
    expect(sweep.recommended).toEqual({ detector: 'mfa-without-login', name: 'threshold=3', params: low.params, tentative: true });
    expect(sweep.evidence).toEqual({
      incidents: 2,
      minIncidents: 20,
      userDays: (2 * 40 * scenarios[0].durationMs) / 86_400_000,
      minUserDays: 10_000,
      shortfalls: [
        '2 incidents, fewer than 20',
        `${((2 * 40 * scenarios[0].durationMs) / 86_400_000).toLocaleString('en-US')} user-days, fewer than 10,000`,
      ],
    });
    const firm = await runSweep(scenarios, definition, parseGrid(definition, 'threshold=3|30'), {
      falseAlertBudget: 1,
      minIncidents: 2,
      minUserDays: 1,
    });
    expect(firm.recommended?.tentative).toBe(false);
    expect(firm.evidence.shortfalls).toEqual([]);
    expect(sweep.rows.map((r) => r.kind)).toEqual(['grid', 'grid', 'defaults']);
  }, 30_000);
});
