/**
 * Attacks anchored to each target's own day: `relativeTo` starts at the moment of the target's day it names (with
 * offset and jitter), `during` at a time drawn in that part of the target's day, and the truth names the rule and
 * the start it gave. Anchors are refused where they cannot apply, at their JSON paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import { localMidnight } from '../../../generators/population/zoneOffset.ts';
import type { ResolvedAnchor, ResolvedAttack } from '../../../generators/scenario/ResolvedScenario.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const anchored = (anchor: ResolvedAnchor, target: number): ResolvedAttack => ({
  ...burst,
  targets: [target],
  targetProfile: undefined,
  socialEngineering: undefined,
  at: { day: 1, minuteOfDay: 0 },
  anchor,
  pushes: 3,
  response: { kind: 'never' },
});

describe('anchored attacks', () => {
  it('relativeTo firstSignIn: the first push comes within a minute of the victim’s own first sign-in of that day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 5 }), (seed, target) => {
        const scenario = tinyScenario({
          seed,
          users: 6,
          days: 9,
          attacks: [anchored({ relativeTo: 'firstSignIn', offsetMs: 0, jitterMs: 0 }, target)],
        });
        const run = runWorld(scenario);
        const [incident] = run.truth.incidents;
        if (!incident) return; // the victim signed in on none of the days left (rare in 8 days): nothing ran
        expect(incident.anchor).toEqual({ rule: 'firstSignIn', at: incident.start });
        const victim = buildPopulation(scenario)[target];
        const midnight = localMidnight(victim.timeZone, incident.start);
        const own = run.events.filter(
          (e) =>
            e.type === 'auth.attempt' &&
            e.user === victim.login &&
            run.truth.labels[e.id] !== incident.id &&
            e.time >= midnight &&
            e.time < midnight + day,
        );
        expect(own.length).toBeGreaterThan(0);
        expect(Math.abs(own[0].time - incident.start)).toBeLessThan(minute);
        expect(incident.start).toBeGreaterThanOrEqual(scenario.startMs + day - 14 * hour);
      }),
      { numRuns: 20 },
    );
  });

  it('relativeTo with an offset and jitter starts within [moment + offset, moment + offset + jitter]', () => {
    const plain = runWorld(
      tinyScenario({ seed: 5, users: 6, days: 5, attacks: [anchored({ relativeTo: 'workStart', offsetMs: 0, jitterMs: 0 }, 1)] }),
    );
    const moved = runWorld(
      tinyScenario({
        seed: 5,
        users: 6,
        days: 5,
        attacks: [anchored({ relativeTo: 'workStart', offsetMs: 20 * minute, jitterMs: 10 * minute }, 1)],
      }),
    );
    const [a, b] = [plain.truth.incidents[0], moved.truth.incidents[0]];
    expect(b.start - a.start).toBeGreaterThanOrEqual(20 * minute);
    expect(b.start - a.start).toBeLessThanOrEqual(30 * minute);
    expect(b.anchor!.rule).toBe('workStart+20m~10m');
  });

  it('during: the start lies in that part of the target’s own day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('workHours' as const, 'evening' as const, 'night' as const),
        (seed, during) => {
          const scenario = tinyScenario({ seed, users: 6, days: 4, attacks: [anchored({ during }, 3)] });
          const run = runWorld(scenario);
          const [incident] = run.truth.incidents;
          const victim = buildPopulation(scenario)[3];
          const midnight = localMidnight(victim.timeZone, scenario.startMs + day + day / 2);
          const minuteOfDay = (incident.start - midnight) / minute;
          const [from, to] =
            during === 'workHours'
              ? [victim.workStartMin, victim.workEndMin]
              : during === 'evening'
                ? [Math.min(victim.workEndMin + 60, 22 * 60), 23 * 60]
                : [30, 300];
          expect(minuteOfDay).toBeGreaterThanOrEqual(from);
          expect(minuteOfDay).toBeLessThanOrEqual(to + 1);
          expect(incident.anchor).toEqual({ rule: `during:${during}`, at: incident.start });
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('anchor validation', () => {
  const scenario = (at: object, strategy = 'burst') => ({
    name: 'a',
    start: '2026-03-02T00:00:00Z',
    duration: '5d',
    population: { users: 5 },
    attacks: [{ name: 'x', strategy, at: { day: 1, ...at }, pushes: 3 }],
  });
  it.each([
    [{ relativeTo: 'firstSignIn', time: '09:00' }, 'burst', '/attacks/0/at/time', 'is decided per target by relativeTo'],
    [{ relativeTo: 'lunch', during: 'night' }, 'burst', '/attacks/0/at', 'has both relativeTo and during'],
    [{ offset: '5m' }, 'burst', '/attacks/0/at/offset', 'applies with relativeTo only'],
    [{ during: 'evening' }, 'spray', '/attacks/0/at/during', 'not spray'],
    [{ relativeTo: 'workStart' }, 'script', '/attacks/0/at/relativeTo', 'a script times its steps from a fixed start'],
    [{ relativeTo: 'breakfast' }, 'burst', '/attacks/0/at/relativeTo', 'must be one of'],
    [{ relativeTo: 'lunch', offset: '5 minutes' }, 'burst', '/attacks/0/at/offset', ''],
    [{ during: 'evening', day: 4 }, 'burst', '/attacks/0/at', 'starts on day 4 at 23:59'],
  ])('refuses %j on %s at its path', (at, strategy, path, message) => {
    const issues = scenarioIssues(scenario(at, strategy));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });

  it('accepts an anchor with a negative offset, and resolves it', () => {
    expect(scenarioIssues(scenario({ relativeTo: 'firstSignIn', offset: '-2m', jitter: '1m' }))).toEqual([]);
  });
});
