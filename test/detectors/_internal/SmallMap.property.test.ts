import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmallMap } from '../../../detectors/_internal/SmallMap.ts';

type Op = { kind: 'set'; key: number | string; value: number } | { kind: 'deleteBelow'; value: number };

/** Keys from a small pool, numbers and strings alike (`1` and `'1'` are different keys), so entries repeat and mix. */
const keyArb = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('', 'a', 'b', '1'));
const opsArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant<'set'>('set'), key: keyArb, value: fc.integer({ min: 0, max: 20 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant<'deleteBelow'>('deleteBelow'), value: fc.integer({ min: 0, max: 20 }) }) },
  ),
  { maxLength: 60 },
);

describe('SmallMap (property)', () => {
  it('answers get, has, size and some as a Map does, through sets and deletions', () => {
    fc.assert(
      fc.property(opsArb, fc.integer({ min: 0, max: 20 }), (ops: Op[], probe) => {
        const small = new SmallMap<number | string, number>();
        const reference = new Map<number | string, number>();
        for (const op of ops) {
          if (op.kind === 'set') {
            small.set(op.key, op.value);
            reference.set(op.key, op.value);
          } else {
            small.deleteWhere((v) => v < op.value);
            for (const [k, v] of reference) if (v < op.value) reference.delete(k);
          }
          expect(small.size).toBe(reference.size);
          for (const key of [0, 1, 2, 3, 4, '', 'a', 'b', '1']) {
            expect(small.get(key)).toBe(reference.get(key));
            expect(small.has(key)).toBe(reference.has(key));
          }
          expect(small.some((v) => v >= probe)).toBe([...reference.values()].some((v) => v >= probe));
        }
      }),
    );
  });
});
