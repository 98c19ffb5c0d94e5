import { describe, expect, it } from 'vitest';
import { type BenchAim, benchAims, evaluateAims } from './benchAims.ts';

const atLeast: BenchAim = { aim: 'fast', source: 'a', direction: 'atLeast', target: 2, unit: '×', read: (r) => r.x as number | undefined };
const atMost: BenchAim = {
  aim: 'small',
  source: 'b',
  direction: 'atMost',
  target: 1024,
  unit: 'B/user',
  read: (r) => r.y as number | undefined,
};

describe('evaluateAims', () => {
  it('meets an at-least aim from its target up and an at-most aim up to its target, scoring how far each is', () => {
    const rows = evaluateAims({ a: { x: 3, date: '2026-12-04T10:00:00Z' }, b: { y: 2048, quick: true } }, [atLeast, atMost]);
    expect(rows[0]).toMatchObject({ target: '≥ 2.00×', measured: '3.00×', score: 1.5, met: true, measuredOn: '2026-12-04' });
    expect(rows[1]).toMatchObject({
      target: '≤ 1,024 B/user',
      measured: '2,048 B/user',
      score: 0.5,
      met: false,
      measuredOn: 'undated, quick run',
    });
    expect(evaluateAims({ a: { x: 2 }, b: { y: 1024 } }, [atLeast, atMost]).map((r) => r.met)).toEqual([true, true]);
    expect(evaluateAims({ a: { x: 1.99 }, b: { y: 1025 } }, [atLeast, atMost]).map((r) => r.met)).toEqual([false, false]);
  });

  it('says "not measured" — never met or missed — when a benchmark has not run or its file lacks the figure', () => {
    const rows = evaluateAims({ a: undefined, b: { z: 1 } }, [atLeast, atMost]);
    expect(rows.map((r) => [r.measured, r.met, r.score, r.measuredOn])).toEqual([
      ['not measured', null, null, 'not run'],
      ['not measured', null, null, 'undated'],
    ]);
  });

  it('reads each built-in aim from the figures the benchmarks write', () => {
    const detect = {
      inMemory: [
        { variant: 'runtime, no detector', eventsPerSecond: { median: 9e6 } },
        { variant: 'full default set (15 detectors)', eventsPerSecond: { median: 4e5 } },
      ],
      ratios: { detectVsParse: 0.5 },
      distinctUsers: { users: 1024, peakLiveHeapMiB: 1 },
    };
    const sweep = {
      measures: [
        { way: 'detection, events in memory', ratio: 6 },
        { way: 'tune, world cached: read + detect + score', sharedRatio: 2, perSetRatio: 7 },
      ],
    };
    const simulate = { xstateToHand: 0.25, parallelRatio: 1.8, handToStringify: 0.6 };
    const columnar = { columnarReadDetect: { eventsPerSecond: { median: 1e6 } } };
    const gate = { gate: { filledPercentOfFirst: 40 } };
    const rows = evaluateAims({ detect, sweep, simulate, columnar, gate });
    expect(rows.every((r) => r.score !== null)).toBe(true);
    expect(rows.map((r) => r.measured)).toEqual([
      '0.40 M events/s',
      '1.00 M events/s',
      '0.50',
      '6.00×',
      '2.00×',
      '0.25',
      '0.60',
      '1.80×',
      '40%',
      '1,024 B/user',
    ]);
    expect(rows.map((r) => r.met)).toEqual([false, false, false, false, true, false, true, true, false, true]);
    expect(benchAims).toHaveLength(rows.length);
  });
});
