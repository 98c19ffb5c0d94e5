/** `targetTimeZone` draws an attack's targets from one time zone's users (when enough live there). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { planAttacks } from '../../../generators/world/_internal/planAttacks.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();

describe('targetTimeZone', () => {
  it('picks every target in the zone when enough users live there (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('America/New_York', 'Europe/London'),
        (seed, targets, zone) => {
          const scenario = tinyScenario({ seed, users: 30, days: 2, attacks: [{ ...burst, targets, targetTimeZone: zone }] });
          const identities = buildPopulation(scenario);
          const inZone = identities.filter((u) => u.timeZone === zone).length;
          const planned = planAttacks(scenario, identities);
          expect(planned).toHaveLength(targets);
          if (inZone >= targets) for (const p of planned) expect(identities[p.target].timeZone).toBe(zone);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a zone no user lives in', () => {
    const issues = scenarioIssues({
      name: 't',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: { users: 5, timeZones: { 'Europe/London': 1 } },
      attacks: [{ name: 'a', strategy: 'burst', at: { day: 0 }, targetTimeZone: 'Asia/Tokyo' }],
    });
    expect(issues).toEqual([
      { path: '/attacks/0/targetTimeZone', message: expect.stringMatching(/^is none of population.timeZones \(Europe\/London\)/) },
    ]);
  });
});
