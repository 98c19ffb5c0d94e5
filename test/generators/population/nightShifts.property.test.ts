/**
 * A night shift (its end before its start: it ends the next morning) keeps its users' sign-ins in the night, across
 * midnight, without moving anyone else's draws; bad night shifts are refused at their JSON paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const hour = 3_600_000;

describe('night shifts', () => {
  it('put most of a night worker’s sign-ins between 21:00 and 07:00 their time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const base = tinyScenario({ seed, users: 10, days: 6, attacks: false, timeZones: [['America/Chicago', 1]] });
        const scenario = { ...base, population: { ...base.population, shifts: [{ share: 1, startMinute: 22 * 60, endMinute: 30 * 60 }] } };
        const users = buildPopulation(scenario);
        for (const u of users) expect(u.workEndMin).toBeGreaterThan(24 * 60);
        const run = runWorld(scenario);
        const hours = run.events.filter((e) => e.type === 'auth.attempt').map((e) => (((Math.floor(e.time / hour) - 6) % 24) + 24) % 24);
        expect(hours.length).toBeGreaterThan(0);
        const atNight = hours.filter((h) => h >= 21 || h < 7).length;
        expect(atNight / hours.length).toBeGreaterThan(0.8);
      }),
      { numRuns: 8 },
    );
  });

  it.each([
    [{ share: 0.1, start: '16:00', end: '02:00' }, '/population/shifts/0/start', 'starts at 18:00 or later'],
    [{ share: 0.1, start: '22:00', end: '11:00' }, '/population/shifts/0/end', 'ends by 10:00'],
    [{ share: 0.1, start: '09:00', end: '09:00' }, '/population/shifts/0/end', 'must differ from start'],
    [{ share: 0.1, start: '09:00', end: '23:00' }, '/population/shifts/0/end', 'must be 22:00 or earlier'],
  ])('refuses %j at its path', (shift, path, message) => {
    const issues = scenarioIssues({ name: 'n', start: '2026-03-02T00:00:00Z', duration: '3d', population: { users: 5, shifts: [shift] } });
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });

  it('accepts a night shift from 22:00 to 06:00', () => {
    expect(
      scenarioIssues({
        name: 'n',
        start: '2026-03-02T00:00:00Z',
        duration: '3d',
        population: { users: 5, shifts: [{ share: 0.2, start: '22:00', end: '06:00' }] },
      }),
    ).toEqual([]);
  });
});
