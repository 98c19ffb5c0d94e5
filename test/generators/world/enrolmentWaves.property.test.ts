/**
 * An enrolment wave enrols each member once, from the wave's own time (regression: a 14:00 wave started at the
 * members' arrival, 00:00 UTC being taken as its start, and every member enrolled again on every later workday —
 * false-positive-week: 1,276 enrolments by 383 users).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';

const day = 86_400_000;
const minute = 60_000;

describe('enrolment waves', () => {
  it('enrol each member at most once, no earlier than the wave starts and within its span (waiting for the member to arrive) (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 23 * 60 }),
        fc.integer({ min: 1, max: 48 }),
        (seed, waveDay, minuteOfDay, overHours) => {
          const scenario = tinyScenario({
            seed,
            users: 12,
            days: 6,
            attacks: false,
            enrolmentWaves: [{ at: { day: waveDay, minuteOfDay }, fraction: 0.8, overMs: overHours * 3_600_000 }],
          });
          const run = runWorld(scenario);
          const enrolments = run.events.filter((e) => e.type === 'factor.enroll' && run.truth.labels[e.id] === 'noise:enrolment');
          const perUser = new Map<string, number>();
          for (const e of enrolments) perUser.set(e.user, (perUser.get(e.user) ?? 0) + 1);
          for (const [user, count] of perUser) expect(count, user).toBe(1);
          const start = scenario.startMs + waveDay * day + minuteOfDay * minute;
          for (const e of enrolments) {
            // A moment before the member's arrival waits for it (at most a day); one after they leave is missed.
            expect(e.time).toBeGreaterThanOrEqual(start);
            expect(e.time).toBeLessThan(start + overHours * 3_600_000 + day);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a wave at 14:00 UTC over an hour enrols no one before 14:00 on its day', () => {
    const scenario = tinyScenario({
      seed: 7,
      users: 30,
      days: 4,
      attacks: false,
      enrolmentWaves: [{ at: { day: 1, minuteOfDay: 14 * 60 }, fraction: 1, overMs: 3_600_000 }],
    });
    const run = runWorld(scenario);
    const times = run.events.filter((e) => run.truth.labels[e.id] === 'noise:enrolment' && e.type === 'factor.enroll').map((e) => e.time);
    expect(times.length).toBeGreaterThan(0);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(scenario.startMs + day + 14 * 60 * minute);
  });
});
