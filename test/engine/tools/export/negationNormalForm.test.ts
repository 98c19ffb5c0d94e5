import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negationNormalForm } from '../../../../engine/tools/export/negationNormalForm.ts';
import { type RecordCondition, recordMatches } from '../../../../engine/tools/export/RecordCondition.ts';

const fields = ['a', 'b.c', 'b.d'];
const values = ['x', 'y', 1, true];

/** Any condition over a few fields and values, nested three deep. */
const conditionArb: fc.Arbitrary<RecordCondition> = fc.letrec<{ c: RecordCondition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ field: fc.constantFrom(...fields), oneOf: fc.subarray(values, { minLength: 1 }) }),
    fc.record({ field: fc.constantFrom(...fields), notOneOf: fc.subarray(values, { minLength: 1 }) }),
    fc.record({ field: fc.constantFrom(...fields), contains: fc.constantFrom('x', 'y', '1') }),
    fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

/** Records that have each field, or not, with any of the values. */
const recordArb = fc.record(
  { a: fc.constantFrom(...values), b: fc.record({ c: fc.constantFrom(...values), d: fc.constantFrom(...values) }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);

/** Whether a `not` stands anywhere but directly around a `contains`. */
function hasOtherNot(c: RecordCondition): boolean {
  if ('all' in c) return c.all.some(hasOtherNot);
  if ('any' in c) return c.any.some(hasOtherNot);
  if ('not' in c) return !('contains' in c.not);
  return false;
}

describe('negationNormalForm', () => {
  it('keeps what every record matches, and leaves a not only around contains', () => {
    fc.assert(
      fc.property(conditionArb, fc.array(recordArb, { minLength: 1, maxLength: 8 }), (condition, records) => {
        const normal = negationNormalForm(condition);
        expect(hasOtherNot(normal)).toBe(false);
        for (const record of records) expect(recordMatches(normal, record)).toBe(recordMatches(condition, record));
      }),
      { numRuns: 500 },
    );
  });

  it('flattens nested junctions and unwraps a single member', () => {
    const leaf: RecordCondition = { field: 'a', oneOf: ['x'] };
    expect(negationNormalForm({ all: [{ all: [leaf, leaf] }, { any: [leaf] }] })).toEqual({ all: [leaf, leaf, leaf] });
    expect(negationNormalForm({ not: { any: [leaf, { field: 'b', notOneOf: [1] }] } })).toEqual({
      all: [
        { field: 'a', notOneOf: ['x'] },
        { field: 'b', oneOf: [1] },
      ],
    });
  });
});
