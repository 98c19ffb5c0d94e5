import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionTimeOf } from '../../../../../engine/formats/alerts/_internal/decisionTimeOf.ts';

const T = Date.UTC(2026, 2, 2, 9, 5, 0, 123);

describe('decisionTimeOf', () => {
  it('takes epoch milliseconds as a number, a bigint (DuckDB BIGINT) or digits (CSV)', () => {
    expect(decisionTimeOf(T)).toBe(T);
    expect(decisionTimeOf(BigInt(T))).toBe(T);
    expect(decisionTimeOf(` ${T} `)).toBe(T);
    expect(decisionTimeOf(-1000)).toBe(-1000);
  });

  it('takes ISO 8601 text: T or a space, Z or an offset, UTC without one, the fraction cut to the millisecond', () => {
    expect(decisionTimeOf('2026-03-02T09:05:00.123Z')).toBe(T);
    expect(decisionTimeOf('2026-03-02 09:05:00.123')).toBe(T); // as DuckDB writes a TIMESTAMP to CSV or JSON
    expect(decisionTimeOf('2026-03-02T09:05:00.123999Z')).toBe(T);
    expect(decisionTimeOf('2026-03-02T11:05:00.123+02:00')).toBe(T);
    expect(decisionTimeOf('2026-03-02T04:35:00.123-0430')).toBe(T);
    expect(decisionTimeOf('2026-03-02T11:05:00.123+02')).toBe(T);
    expect(decisionTimeOf('2026-03-02T09:05Z')).toBe(T - 123);
    expect(decisionTimeOf('2026-03-02t09:05:00,123z')).toBe(T);
  });

  it('takes a Date (DuckDB TIMESTAMP)', () => {
    expect(decisionTimeOf(new Date(T))).toBe(T);
  });

  it.each([
    ['1.5', /not a time/],
    [1.5, /not a whole number of epoch milliseconds/],
    [Number.NaN, /not a whole number/],
    ['99999999999999999999', /too large/],
    ['2026-03-02', /not a time .*ISO 8601/],
    ['2026-02-30T10:00:00Z', /no such date or time of day/],
    ['2026-03-02T24:00:00Z', /no such date or time of day/],
    ['2026-03-02T09:60:00Z', /no such date or time of day/],
    ['2026-03-02T09:00:00+25:00', /no such date or time of day/],
    ['yesterday', /not a time \(got "yesterday"\)/],
    [true, /not a time \(got true\)/],
    [{ t: 1 }, /not a time/],
    [new Date(Number.NaN), /out of range/],
  ])('refuses %j', (value, problem) => {
    const read = decisionTimeOf(value);
    expect(typeof read).toBe('object');
    expect((read as { problem: string }).problem).toMatch(problem);
  });

  it('reads back any instant written as ISO 8601, with any offset (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        (ms, offsetMinutes, space) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offsetMinutes);
          const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(decisionTimeOf(`${space ? local.replace('T', ' ') : local}${offset}`)).toBe(ms);
          expect(decisionTimeOf(new Date(ms).toISOString())).toBe(ms);
        },
      ),
    );
  });
});
