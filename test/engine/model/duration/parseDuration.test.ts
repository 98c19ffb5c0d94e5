import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../../../../engine/model/duration/parseDuration.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['0s', 0],
    ['45s', 45_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['3d', 259_200_000],
    ['1.5h', 5_400_000],
    ['1.1s', 1_100],
    ['0.25s', 250],
    ['2ms', 2],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'invalid duration "": empty'],
    ['10', 'invalid duration "10": expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"'],
    ['10 m', 'invalid duration "10 m": expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"'],
    ['-5s', 'invalid duration "-5s": expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"'],
    ['1w', 'invalid duration "1w": expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"'],
    ['.5s', 'invalid duration ".5s": expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"'],
    ['5S', 'invalid duration "5S": expected a number and a unit (ms, s, m, h, d), e.g. "45s" or "1h30m"'],
    ['0.5ms', 'invalid duration "0.5ms": not a whole number of milliseconds'],
    ['30m1h', 'invalid duration "30m1h": units must appear once each, largest first'],
    ['1m1m', 'invalid duration "1m1m": units must appear once each, largest first'],
    ['99999999999999999d', 'invalid duration "99999999999999999d": too long'],
  ])('rejects %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new Error(message));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1_500, '1s500ms'],
    [5_400_000, '1h30m'],
    [86_400_000, '1d'],
    [93_784_005, '1d2h3m4s5ms'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects %d', (ms) => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });

  it('round-trips through parseDuration for every whole number of milliseconds', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it('round-trips the durations scenarios use (small values, every unit)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 90 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms),
      { numRuns: 2_000 },
    );
  });
});
