import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { RealismStats } from '../../../../engine/tools/stats/index.ts';

const T0 = Date.UTC(2026, 2, 2); // a Monday, 00:00 UTC
const minute = 60_000;
const hour = 60 * minute;
let n = 0;
const ev = (type: CanonicalEvent['type'], user: string, time: number, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ id: `e${n++}`, time, source: 'idp', type, user, outcome: 'success', ...extra }) as CanonicalEvent;

describe('RealismStats', () => {
  it('counts volume per user-day, answers, retries, night and weekend shares', () => {
    const s = new RealismStats();
    const events = [
      ev('auth.attempt', 'ann', T0 + 9 * hour),
      ev('mfa.challenge', 'ann', T0 + 9 * hour),
      ev('mfa.result', 'ann', T0 + 9 * hour + minute, { outcome: 'failure', reason: 'timeout' }),
      ev('mfa.challenge', 'ann', T0 + 9 * hour + 5 * minute), // a retry: 4 minutes after the timeout
      ev('mfa.result', 'ann', T0 + 9 * hour + 6 * minute),
      ev('session.start', 'ann', T0 + 9 * hour + 6 * minute),
      ev('mfa.challenge', 'bob', T0 + 2 * hour), // night
      ev('mfa.result', 'bob', T0 + 2 * hour + minute, { outcome: 'failure', reason: 'denied' }),
      ev('mfa.challenge', 'bob', T0 + 5 * 24 * hour + 10 * hour), // Saturday; 5 days after the denial: no retry
      ev('mfa.result', 'bob', T0 + 5 * 24 * hour + 10 * hour + minute, { outcome: 'failure', reason: 'fraud' }),
    ];
    for (const e of events) s.push(e);
    const f = s.figures();
    expect(f).toMatchObject({ events: 10, users: 2, days: 6, userDays: 12, signIns: 1, sessions: 1, prompts: 4 });
    expect(f.promptsPerUserDay).toBeCloseTo(4 / 12);
    expect(f.answers).toEqual({ approved: 0.25, denied: 0.25, timeout: 0.25, fraud: 0.25, other: 0 });
    expect([f.retryShare, f.nightShare, f.weekendShare]).toEqual([0.25, 0.25, 0.25]);
  });

  it('has no figures to divide for no events', () => {
    expect(new RealismStats().figures()).toMatchObject({ events: 0, users: 0, days: 0, promptsPerUserDay: 0, retryShare: 0 });
  });

  it('counts every prompt once, and its answer shares sum to one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            user: fc.constantFrom('a', 'b', 'c'),
            at: fc.integer({ min: 0, max: 14 * 24 * 60 }),
            answer: fc.constantFrom('approved', 'denied', 'timeout', 'fraud', 'wrong_number'),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (prompts) => {
          const s = new RealismStats();
          const sorted = [...prompts].sort((x, y) => x.at - y.at);
          for (const p of sorted) {
            s.push(ev('mfa.challenge', p.user, T0 + p.at * minute));
            s.push(
              ev('mfa.result', p.user, T0 + p.at * minute + 1000, p.answer === 'approved' ? {} : { outcome: 'failure', reason: p.answer }),
            );
          }
          const f = s.figures();
          expect(f.prompts).toBe(prompts.length);
          const sum = Object.values(f.answers).reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(1);
          for (const share of [f.retryShare, f.nightShare, f.weekendShare]) expect(share).toBeGreaterThanOrEqual(0);
          expect(f.retryShare).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
