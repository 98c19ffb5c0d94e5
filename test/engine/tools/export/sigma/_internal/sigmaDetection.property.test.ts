import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RecordCondition, recordMatches } from '../../../../../../engine/tools/export/RecordCondition.ts';
import { sigmaDetection, sigmaString } from '../../../../../../engine/tools/export/sigma/_internal/sigmaDetection.ts';
import { sigmaMatches } from '../sigmaEvaluator.ts';

/**
 * The detection section a record condition becomes holds on exactly the records the condition holds on
 * (`recordMatches`, the reference every target keeps), read the way the Sigma specification says. Values are lower
 * case — Sigma matches strings without regard to case, a difference the target states — and use Sigma's wildcard and
 * escape characters, which must come out literal.
 */
const fields = ['type', 'outcome', 'challenge.result', 'origin.proxy'];
const text = fc.string({ unit: fc.constantFrom('a', 'b', '.', '*', '?', '\\', ' '), minLength: 0, maxLength: 4 });
const value = fc.oneof(text, fc.integer({ min: 0, max: 2 }), fc.boolean());
const values = fc.array(value, { minLength: 1, maxLength: 3 });

const condition: fc.Arbitrary<RecordCondition> = fc.letrec<{ c: RecordCondition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ field: fc.constantFrom(...fields), oneOf: values }),
    fc.record({ field: fc.constantFrom(...fields), notOneOf: values }),
    fc.record({ field: fc.constantFrom(...fields), contains: text }),
    fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

const record = fc.record(
  {
    type: value,
    outcome: value,
    challenge: fc.record({ result: value }, { requiredKeys: [] }),
    origin: fc.option(fc.record({ proxy: value, ip: text }, { requiredKeys: [] }), { nil: null }),
  },
  { requiredKeys: [] },
);

describe('sigmaDetection', () => {
  it('holds on exactly the records its record condition holds on', () => {
    fc.assert(
      fc.property(condition, fc.array(record, { minLength: 1, maxLength: 8 }), (c, records) => {
        const detection = sigmaDetection(c);
        for (const r of records) expect(sigmaMatches(detection, r), JSON.stringify({ detection, r })).toBe(recordMatches(c, r));
      }),
      { numRuns: 400 },
    );
  });

  it('requires the fields it is asked to, as Sigma’s exists modifier', () => {
    fc.assert(
      fc.property(condition, record, (c, r) => {
        const detection = sigmaDetection(c, ['origin.ip']);
        expect(sigmaMatches(detection, r)).toBe(recordMatches(c, r) && r.origin?.ip !== undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a conjunction as one map and a negated list as a filter', () => {
    const detection = sigmaDetection({
      all: [
        { field: 'eventType', oneOf: ['user.authentication.auth_via_mfa'] },
        { field: 'outcome.result', oneOf: ['FAILURE', 'DENY'] },
        { field: 'debugContext.debugData.factor', notOneOf: ['PASSWORD_AS_FACTOR'] },
        { field: 'AuthenticationDetails', contains: 'MFA denied' },
      ],
    });
    expect(detection).toEqual({
      selection: {
        eventType: 'user.authentication.auth_via_mfa',
        'outcome.result': ['FAILURE', 'DENY'],
        'AuthenticationDetails|contains': 'MFA denied',
      },
      filter: { 'debugContext.debugData.factor': 'PASSWORD_AS_FACTOR' },
      condition: 'selection and not filter',
    });
  });

  it('brackets what binds looser than its operator', () => {
    const a = { field: 'a', oneOf: ['1'] };
    const b = { field: 'b', oneOf: ['2'] };
    expect(sigmaDetection({ not: { any: [a, b] } }).condition).toBe('not (selection or selection_2)');
    expect(sigmaDetection({ all: [{ any: [a, b] }, { field: 'c', oneOf: ['3'] }] }).condition).toBe(
      'selection and (selection_2 or selection_3)',
    );
  });

  it('escapes Sigma’s wildcards and their escape character', () => {
    expect(sigmaString('a*b?c\\d')).toBe('a\\*b\\?c\\\\d');
  });
});
