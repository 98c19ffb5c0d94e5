import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindSqlParams, sqlPlaceholders } from '../../../../engine/evaluate/sql/bindSqlParams.ts';

describe('bindSqlParams', () => {
  it('writes each :name as its value, and leaves casts, strings, quoted names and comments alone', () => {
    const sql = `SELECT x::BIGINT, ':threshold', "a:threshold" -- :threshold\n/* :window */ FROM t WHERE n >= :threshold AND w < :window`;
    expect(sqlPlaceholders(sql)).toEqual(['threshold', 'window']);
    expect(bindSqlParams(sql, { threshold: 5, window: 600_000 })).toBe(
      `SELECT x::BIGINT, ':threshold', "a:threshold" -- :threshold\n/* :window */ FROM t WHERE n >= 5 AND w < 600000`,
    );
  });

  it('refuses a placeholder without a value', () => {
    expect(() => bindSqlParams('SELECT :missing', {})).toThrow('no value for :missing');
  });

  it('leaves no placeholder outside quotes and comments, and changes nothing inside them (property)', () => {
    const name = fc.constantFrom('a', 'threshold', 'w_1');
    const piece = fc.oneof(
      name.map((n) => ({ text: `:${n}`, kind: 'placeholder' as const })),
      name.map((n) => ({ text: `':${n}'`, kind: 'kept' as const })),
      name.map((n) => ({ text: `-- :${n}\n`, kind: 'kept' as const })),
      name.map((n) => ({ text: `/* :${n} */`, kind: 'kept' as const })),
      fc.constantFrom(' ', ' x::INT ', ' + ', 'SELECT ', ' 1 ').map((text) => ({ text, kind: 'kept' as const })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 0, max: 10 ** 9 }), (pieces, value) => {
        const sql = pieces.map((p) => p.text).join(' ');
        const bound = bindSqlParams(sql, { a: value, threshold: value, w_1: value });
        const expected = pieces.map((p) => (p.kind === 'placeholder' ? String(value) : p.text)).join(' ');
        expect(bound).toBe(expected);
        expect(sqlPlaceholders(bound)).toEqual([]);
      }),
    );
  });
});
