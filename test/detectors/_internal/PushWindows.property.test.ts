import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { PushWindow } from '../../../detectors/_internal/PushWindow.ts';
import { PushWindows } from '../../../detectors/_internal/PushWindows.ts';

/** Events at non-decreasing times, pushes from a small pool so they repeat; some do not count (they ride along). */
const stepsArb = fc.array(
  fc.record({
    dt: fc.integer({ min: 0, max: 4 }),
    txn: fc.integer({ min: 0, max: 6 }),
    counts: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  }),
  { maxLength: 80, size: 'max' },
);

describe('PushWindows (property)', () => {
  it('says for every window what a PushWindow of its length says, fed the same events', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 5 }), stepsArb, (lengths, steps) => {
        const counts = (e: CanonicalEvent) => e.type === 'mfa.challenge';
        const many = new PushWindows(lengths, counts);
        const each = lengths.map(() => new PushWindow(counts));
        let now = 0;
        steps.forEach((step, i) => {
          now += step.dt;
          const event = {
            id: `e${i}`,
            time: now,
            type: step.counts ? 'mfa.challenge' : 'mfa.result',
            transaction: `t${step.txn}`,
          } as CanonicalEvent;
          many.slide(now);
          const added = each.map((w, k) => {
            w.evictBefore(now - lengths[k]);
            return w.add(event);
          });
          expect(many.add(event)).toBe(added.some(Boolean));
          each.forEach((w, k) => {
            expect(many.isNew(k)).toBe(added[k]);
            expect(many.distinct(k)).toBe(w.distinct);
            expect(many.evidence(k)).toEqual(w.evidence());
          });
        });
      }),
    );
  });
});
