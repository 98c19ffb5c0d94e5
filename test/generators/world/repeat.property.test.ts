/**
 * A recurring attack (`repeat`) is one incident per target holding every burst: the stated number of bursts, each
 * of `pushes` attempts, starting `every` apart — off the victim's weekend with `workdaysOnly` — and the truth lists
 * each burst's times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { localWeekday } from '../../../generators/population/zoneOffset.ts';
import type { ResolvedAttack } from '../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();
const day = 86_400_000;
const hour = 3_600_000;

describe('repeat', () => {
  it('gives each target one incident with the stated bursts, every apart or moved off the weekend (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(6 * hour, day, 2 * day),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        (seed, times, everyMs, workdaysOnly, pushes) => {
          const attack: ResolvedAttack = { ...burst, pushes, response: { kind: 'never' }, repeat: { everyMs, times, workdaysOnly } };
          const scenario = tinyScenario({ seed, users: 6, days: 16, attacks: [attack] });
          const run = runWorld(scenario);
          expect(run.truth.incidents).toHaveLength(1);
          const incident = run.truth.incidents[0];
          const bursts = incident.bursts!;
          expect(bursts).toHaveLength(times);
          expect(incident.prompts).toBe(times * pushes);
          for (let k = 1; k < bursts.length; k++) {
            const gap = bursts[k].start - bursts[k - 1].start;
            if (!workdaysOnly) expect(gap).toBe(everyMs);
            else expect(gap).toBeGreaterThanOrEqual(everyMs - hour); // a DST change may shorten a day by an hour
          }
          const challenges = run.events.filter((e) => e.type === 'mfa.challenge' && run.truth.labels[e.id] === incident.id);
          expect(challenges).toHaveLength(times * pushes);
          for (const c of challenges) expect(bursts.some((b) => c.time >= b.start && c.time <= b.end + 60_000)).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('with workdaysOnly, no burst starts on the victim’s Saturday or Sunday, and nine bursts take nine workdays', () => {
    const attack: ResolvedAttack = {
      ...burst,
      pushes: 2,
      response: { kind: 'never' },
      repeat: { everyMs: day, times: 9, workdaysOnly: true },
    };
    const zone = 'America/New_York';
    const run = runWorld(tinyScenario({ seed: 11, users: 6, days: 16, attacks: [attack], timeZones: [[zone, 1]] }));
    const bursts = run.truth.incidents[0].bursts!;
    const weekdays = bursts.map((b) => localWeekday(zone, b.start));
    expect(weekdays.every((d) => d >= 1 && d <= 5)).toBe(true);
    // Distinct local days: a skipped weekend does not stack two bursts on the Monday.
    expect(new Set(bursts.map((b) => Math.floor((b.start - 5 * hour) / day))).size).toBe(9);
  });

  it('leaves a scenario without repeat with no bursts in its truth', () => {
    const run = runWorld(tinyScenario({ seed: 2, users: 6, days: 2, attacks: [burst] }));
    expect(run.truth.incidents.every((i) => !('bursts' in i))).toBe(true);
  });
});

describe('repeat validation', () => {
  const scenario = (attack: object, duration = '5d') => ({
    name: 'r',
    start: '2026-03-02T00:00:00Z',
    duration,
    population: { users: 5 },
    attacks: [{ name: 'a', strategy: 'burst', at: { day: 1 }, pushes: 5, ...attack }],
  });
  it.each([
    [{ strategy: 'spray', repeat: { every: '1d', times: 2 } }, '/attacks/0/repeat', 'not spray'],
    [{ repeat: { every: '1d', times: 8 } }, '/attacks/0/repeat/times', 'the last of 8 bursts would start on day 8'],
    [{ repeat: { every: '0s', times: 2 } }, '/attacks/0/repeat/every', 'longer than 0'],
    [{ repeat: { every: '1d', times: 1 } }, '/attacks/0/repeat/times', ''],
    [{ repeat: { times: 3 } }, '/attacks/0/repeat', ''],
  ])('refuses %j at its path', (attack, path, message) => {
    const issues = scenarioIssues(scenario(attack));
    const issue = issues.find((i) => i.path.startsWith(path));
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });
});
