import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { pushKey, PushWindow } from '../../../detectors/_internal/PushWindow.ts';

type Step = { kind: 'add' | 'carry'; dt: number; txn: number | null; challenge: number | null } | { kind: 'evict'; back: number };

/** Adds (counted or carried) at non-decreasing times, keys from small pools so pushes repeat; evictions up to now, as a window's start never passes the event that slides it. */
const stepsArb = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constantFrom<'add' | 'carry'>('add', 'add', 'add', 'carry'),
      dt: fc.integer({ min: 0, max: 3 }),
      txn: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 4 }),
      challenge: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 2 }),
    }),
    fc.record({ kind: fc.constant<'evict'>('evict'), back: fc.integer({ min: 0, max: 10 }) }),
  ),
  { maxLength: 80 },
);

describe('PushWindow (property)', () => {
  it('holds exactly the kept events, counts exactly the distinct pushes of those that count, and says true only for a push’s first kept record', () => {
    fc.assert(
      fc.property(stepsArb, (steps: Step[]) => {
        // Events of type 'carried' do not count: they ride along as evidence.
        const w = new PushWindow((e) => e.type !== ('carried' as CanonicalEvent['type']));
        // The naive model: every event added, with whether it counts; the window's start.
        const all: Array<{ event: CanonicalEvent; counted: boolean }> = [];
        let from = -Infinity;
        let now = 0;
        steps.forEach((step, i) => {
          if (step.kind === 'evict') {
            from = Math.max(from, now - step.back);
            w.evictBefore(now - step.back);
          } else {
            now += step.dt;
            const event = {
              id: `e${i}`,
              time: now,
              type: step.kind === 'add' ? 'mfa.challenge' : 'carried',
              ...(step.txn === null ? {} : { transaction: `t${step.txn}` }),
              ...(step.challenge === null ? {} : { challenge: { id: `c${step.challenge}` } }),
            } as CanonicalEvent;
            const kept = all.filter((a) => a.event.time >= from);
            const before = new Set(kept.filter((a) => a.counted).map((a) => pushKey(a.event)));
            expect(w.add(event)).toBe(step.kind === 'add' && !before.has(pushKey(event)));
            all.push({ event, counted: step.kind === 'add' });
          }
          const kept = all.filter((a) => a.event.time >= from);
          expect(w.evidence()).toEqual(kept.map((a) => a.event));
          expect(w.distinct).toBe(new Set(kept.filter((a) => a.counted).map((a) => pushKey(a.event))).size);
        });
      }),
    );
  });
});
