/**
 * The scenario space yields only valid scenarios, each holding the attack of its family and the noise it names, and
 * a sample is a pure function of its seed, count and families.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleSpace, spaceFamilies, spaceScenario } from '../../../generators/space/index.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';

/** The strategy each family's attack is written with, and what else marks it. */
const marks: Record<string, (attack: Record<string, unknown>) => boolean> = {
  burst: (a) => a.strategy === 'burst' && a.repeat === undefined && a.socialEngineering === undefined,
  night: (a) => a.strategy === 'night',
  'low-and-slow': (a) => a.strategy === 'low-and-slow' && typeof a.pushesPerDay === 'number',
  spray: (a) => a.strategy === 'spray',
  'login-window': (a) => a.strategy === 'login-window' && a.sharedMac === undefined,
  'shared-mac': (a) => a.strategy === 'login-window' && a.sharedMac === true,
  recurring: (a) => a.strategy === 'burst' && a.repeat !== undefined,
  'social-engineering': (a) => a.socialEngineering !== undefined,
  'near-victim': (a) => (a.sources as Record<string, unknown>).near !== undefined,
  routine: (a) => (a.at as Record<string, unknown>).relativeTo !== undefined || (a.at as Record<string, unknown>).during !== undefined,
};

/** Which noise field each noise kind writes. */
const noiseField: Record<string, (scenario: Record<string, any>) => boolean> = {
  outage: (s) => s.noise.outages?.length === 1,
  'enrolment-wave': (s) => s.noise.enrolmentWaves?.length === 1,
  'mac-restarts': (s) => s.noise.macRestarts?.length === 1,
  conference: (s) => s.noise.conferences?.length === 1,
  travel: (s) => typeof s.noise.travel === 'number',
  'missed-pushes': (s) => typeof s.noise.missedPush === 'number',
  shifts: (s) => Array.isArray(s.population.shifts),
};

describe('the scenario space', () => {
  it.each(spaceFamilies.map((f) => [f]))(
    'yields only valid %s scenarios, with the family’s attack and the noise it names (property)',
    (family) => {
      fc.assert(
        fc.property(spaceScenario(family, 'drawn'), (drawn) => {
          expect(scenarioIssues(structuredClone(drawn.scenario))).toEqual([]);
          const attacks = (drawn.scenario.attacks ?? []) as unknown as Array<Record<string, unknown>>;
          if (family === 'benign') expect(attacks).toEqual([]);
          else {
            expect(attacks).toHaveLength(1);
            expect(marks[family](attacks[0]), JSON.stringify(attacks[0])).toBe(true);
          }
          for (const [kind, present] of Object.entries(noiseField))
            expect(present(drawn.scenario), kind).toBe(drawn.noise.includes(kind as never));
        }),
        { numRuns: 60 },
      );
    },
  );

  it('samples the same scenarios from the same seed, an even share per family, and a family’s draws do not depend on the others', () => {
    const a = sampleSpace({ n: 23, seed: 5 });
    expect(sampleSpace({ n: 23, seed: 5 })).toEqual(a);
    expect(a).toHaveLength(23);
    const counts = spaceFamilies.map((f) => a.filter((d) => d.family === f).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(new Set(a.map((d) => d.scenario.name)).size).toBe(23);
    const sprays = sampleSpace({ n: 3, seed: 5, families: ['spray'] });
    expect(sprays.map((d) => d.scenario)).toEqual(
      sampleSpace({ n: 6, seed: 5, families: ['burst', 'spray'] })
        .filter((d) => d.family === 'spray')
        .map((d) => d.scenario),
    );
    expect(sampleSpace({ n: 23, seed: 6 })).not.toEqual(a);
  });
});
