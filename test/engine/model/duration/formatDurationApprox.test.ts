import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDurationApprox } from '../../../../engine/model/duration/formatDurationApprox.ts';
import { parseDuration } from '../../../../engine/model/duration/parseDuration.ts';

describe('formatDurationApprox', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1_234, '1.2s'],
    [45_000, '45s'],
    [59_960, '1m'],
    [600_000, '10m'],
    [133_000, '2m13s'],
    [3_599_600, '1h'],
    [202_591_000, '2d8h'],
    [203_463_000, '2d9h'],
    [604_800_000, '7d'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDurationApprox(ms)).toBe(text);
  });

  it('refuses a negative or endless duration', () => {
    expect(() => formatDurationApprox(-1)).toThrow(RangeError);
    expect(() => formatDurationApprox(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('uses at most two units, off by at most half the unit it rounds at (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60_000, max: 400 * 86_400_000 }), (ms) => {
        const text = formatDurationApprox(ms);
        expect(text).toMatch(/^\d+[dhms](\d+[dhms])?$/);
        // Rounded at the unit below the largest one in ms (2d8h16m → hours): off by at most half of it.
        const sizes = [86_400_000, 3_600_000, 60_000, 1_000];
        const roundedAt = sizes[sizes.findIndex((size) => size <= ms) + 1];
        expect(Math.abs(parseDuration(text) - ms)).toBeLessThanOrEqual(roundedAt / 2);
      }),
    );
  });
});
