import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RecordCondition, recordMatches } from '../../../../../../engine/tools/export/index.ts';
import { simplified } from '../../../../../../engine/tools/export/vendor/_internal/simplified.ts';

const field = fc.constantFrom('a', 'b', 'c.d');
const value = fc.constantFrom(1, 2, 'x', true);

const { condition } = fc.letrec<{ condition: RecordCondition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ field, oneOf: fc.array(value, { maxLength: 3 }) }),
    fc.record({ field, notOneOf: fc.array(value, { maxLength: 2 }) }),
    fc.record({ field, contains: fc.constantFrom('x', '1') }),
    fc.record({ all: fc.array(tie('condition'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('condition'), { maxLength: 4 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));

const record = fc.record({ a: value, b: value, c: fc.record({ d: value }, { requiredKeys: [] }) }, { requiredKeys: [] });

describe('simplified', () => {
  it('holds for exactly the records the condition holds for', () => {
    fc.assert(
      fc.property(condition, fc.array(record, { minLength: 1, maxLength: 20 }), (c, records) => {
        const s = simplified(c);
        for (const r of records) expect(recordMatches(s, r), JSON.stringify([c, s, r])).toBe(recordMatches(c, r));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes a shared conjunct out of alternatives and joins lists on one field', () => {
    const code = { field: 'code', oneOf: [500121] };
    expect(
      simplified({
        any: [{ all: [code, { field: 'text', oneOf: ['declined'] }] }, { all: [code, { field: 'text', oneOf: ['blocked', 'declined'] }] }],
      }),
    ).toEqual({ all: [code, { field: 'text', oneOf: ['declined', 'blocked'] }] });
    // An alternative that is only the shared part makes the others moot.
    expect(simplified({ any: [{ all: [code] }, { all: [code, { field: 'text', oneOf: ['x'] }] }] })).toEqual(code);
    expect(simplified({ all: [{ all: [code] }, code] })).toEqual(code);
  });
});
