import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';

describe('summariseSamples', () => {
  it('gives the median, the range and the quartiles of the samples, which it keeps in the order measured', () => {
    expect(summariseSamples([3, 1, 2])).toEqual({ rounds: 3, median: 2, min: 1, max: 3, q1: 1.5, q3: 2.5, samples: [3, 1, 2] });
    expect(summariseSamples([4, 1, 3, 2])).toMatchObject({ median: 2.5, q1: 1.75, q3: 3.25 });
    expect(summariseSamples([7])).toMatchObject({ rounds: 1, median: 7, min: 7, max: 7, q1: 7, q3: 7 });
  });

  it('refuses to summarise nothing', () => {
    expect(() => summariseSamples([])).toThrow(RangeError);
  });

  it('orders its figures min ≤ q1 ≤ median ≤ q3 ≤ max, whatever the order of the samples', () => {
    const sample = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 20 }), (samples) => {
        const summary = summariseSamples(samples);
        expect(summary.min).toBeLessThanOrEqual(summary.q1);
        expect(summary.q1).toBeLessThanOrEqual(summary.median);
        expect(summary.median).toBeLessThanOrEqual(summary.q3);
        expect(summary.q3).toBeLessThanOrEqual(summary.max);
        const { samples: _, ...reversed } = summariseSamples([...samples].reverse());
        const { samples: __, ...figures } = summary;
        expect(reversed).toEqual(figures);
      }),
    );
  });
});

describe('rateOf and formatWithRange', () => {
  it('turns timings into a rate: the slowest round gives the lowest rate', () => {
    expect(rateOf(1_000, summariseSamples([2, 4, 5]))).toEqual({ median: 250, min: 200, max: 500 });
  });

  it('prints the median and the range for a table cell', () => {
    expect(formatWithRange({ median: 39_964.4, min: 38_120, max: 41_200 })).toBe('39,964 (38,120–41,200)');
    expect(formatWithRange(summariseSamples([1.26, 1.04, 1.3]), 1)).toBe('1.3 (1.0–1.3)');
  });
});
