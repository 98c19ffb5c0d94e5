/**
 * A low-and-slow attack keeps to the victim's working week (regression: `interval` was ignored, pushes landed at the
 * spread divided by the count, and weekends were pushed like any day): with `pushesPerDay` at most that many pushes a
 * workday, with a stated `interval` at least the jittered interval apart — both only in the victim's working hours,
 * Monday to Friday in their time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import type { UserIdentity } from '../../../generators/population/UserIdentity.ts';
import { localMidnight, localWeekday } from '../../../generators/population/zoneOffset.ts';
import type { ResolvedAttack, ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { scenarioIssues as issuesOf } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();
const minute = 60_000;
const hour = 60 * minute;
/** An attempt reaches the IdP a few hundred milliseconds after the attacker sends it. */
const delivery = 10_000;

const slow = (fields: Partial<ResolvedAttack>): ResolvedAttack => ({
  ...burst,
  name: 'slow',
  strategy: 'low-and-slow',
  targetProfile: undefined,
  socialEngineering: undefined,
  at: { day: 0, minuteOfDay: 11 * 60 },
  response: { kind: 'never' },
  jitter: 0.3,
  ...fields,
});

/** The attacker's pushes at the incident's target, in time order, and the target's identity. */
function slowPushes(scenario: ResolvedScenario): { pushes: CanonicalEvent[]; victim: UserIdentity; prompts: number } {
  const run = runWorld(scenario);
  const [incident] = run.truth.incidents;
  const victim = buildPopulation(scenario).find((u) => u.login === incident.target)!;
  const pushes = run.events.filter((e) => e.type === 'auth.attempt' && run.truth.labels[e.id] === incident.id);
  return { pushes, victim, prompts: incident.prompts };
}

/** Whether `t` is in the victim's working hours (30 minutes in from each end) on a workday of theirs. */
function inWorkingWeek(t: number, victim: UserIdentity): boolean {
  const midnight = localMidnight(victim.timeZone, t - delivery);
  const weekday = localWeekday(victim.timeZone, midnight + 12 * hour);
  const from = victim.workStartMin + 30;
  const to = Math.max(from + 60, victim.workEndMin - 30);
  // A push is logged after the attacker sends it: never before the window's start, up to `delivery` after its end.
  return weekday >= 1 && weekday <= 5 && t >= midnight + from * minute && t <= midnight + to * minute + delivery;
}

describe('low-and-slow', () => {
  it('pushesPerDay: every push sent, at most that many a local day, after the first only in working hours on workdays (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, perDay, extraDays) => {
          // As many pushes as four workdays hold: within the 12 days even across a weekend.
          const pushes = Math.max(2, perDay * (1 + extraDays));
          const scenario = tinyScenario({ seed, users: 5, days: 12, attacks: [slow({ pushes, pushesPerDay: perDay })] });
          const run = slowPushes(scenario);
          expect(run.prompts).toBe(pushes);
          expect(run.pushes).toHaveLength(pushes);
          const perLocalDay = new Map<number, number>();
          for (const push of run.pushes) {
            const midnight = localMidnight(run.victim.timeZone, push.time - delivery);
            perLocalDay.set(midnight, (perLocalDay.get(midnight) ?? 0) + 1);
          }
          for (const count of perLocalDay.values()) expect(count).toBeLessThanOrEqual(perDay);
          for (const push of run.pushes.slice(1))
            expect(inWorkingWeek(push.time, run.victim), new Date(push.time).toISOString()).toBe(true);
        },
      ),
      { numRuns: 25, examples: [[2725404489, 2, 3]] },
    );
  });

  it('interval: pushes at least the jittered interval apart, after the first only in working hours on workdays (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom(30 * minute, 2 * hour, 5 * hour, 20 * hour),
        fc.integer({ min: 2, max: 6 }),
        (seed, intervalMs, pushes) => {
          const scenario = tinyScenario({ seed, users: 5, days: 14, attacks: [slow({ pushes, intervalMs })] });
          const run = slowPushes(scenario);
          expect(run.pushes).toHaveLength(pushes);
          for (let k = 1; k < run.pushes.length; k++) {
            expect(run.pushes[k].time - run.pushes[k - 1].time).toBeGreaterThanOrEqual(intervalMs * 0.7 - delivery);
            expect(inWorkingWeek(run.pushes[k].time, run.victim), new Date(run.pushes[k].time).toISOString()).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses pushesPerDay on other strategies and beside interval, and reports a pace that runs past the end', () => {
    const attack = { name: 'a', at: { day: 0, time: '10:00' }, pushesPerDay: 3 };
    // 2026-03-02 is a Monday; one time zone, so the attack's clock is the victim's.
    const scenarioIssues = (fields: object) =>
      issuesOf({
        name: 's',
        start: '2026-03-02T00:00:00Z',
        duration: '14d',
        population: { users: 5, timeZones: { 'America/New_York': 1 } },
        ...fields,
      });
    expect(scenarioIssues({ attacks: [{ ...attack, strategy: 'burst' }] })).toContainEqual({
      path: '/attacks/0/pushesPerDay',
      message: 'applies to low-and-slow attacks, not burst',
    });
    expect(scenarioIssues({ attacks: [{ ...attack, strategy: 'low-and-slow', interval: '4h' }] })).toContainEqual({
      path: '/attacks/0/pushesPerDay',
      message: "paces the pushes by the victim's workdays: give it without interval",
    });
    expect(scenarioIssues({ attacks: [{ ...attack, strategy: 'low-and-slow', pushesPerDay: 0 }] }).map((i) => i.path)).toContain(
      '/attacks/0/pushesPerDay',
    );
    // 40 pushes at 2 a workday need 20 workdays, four weeks: a 10-day scenario cannot hold them.
    const late = scenarioIssues({ duration: '10d', attacks: [{ ...attack, strategy: 'low-and-slow', pushes: 40, pushesPerDay: 2 }] });
    expect(late.map((i) => i.path)).toEqual(['/attacks/0/pushesPerDay']);
    expect(late[0].message).toMatch(/sends 40 pushes, 2 on each of the victim's workdays, .* would fall after the end/);
    // 21 at 3 a workday fit in ten days from a Tuesday.
    expect(
      scenarioIssues({ duration: '10d', attacks: [{ ...attack, at: { day: 1, time: '09:40' }, strategy: 'low-and-slow', pushes: 21 }] }),
    ).toEqual([]);
  });
});
