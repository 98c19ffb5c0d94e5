/**
 * Departments and roles: every user belongs to one department drawn by weight and holds a role by its share (lab
 * users hold labUser), from streams of their own, so a population without them draws exactly as before; attacks
 * that target a department or a role pick holders when there are enough; the truth names the target's department and
 * roles; bad values are refused at their JSON paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import type { ResolvedAttack } from '../../../generators/scenario/ResolvedScenario.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();
const organised = (seed: number, users: number, attacks: ResolvedAttack[] = []) => {
  const base = tinyScenario({ seed, users, days: 2, attacks, macs: { shared: 2, sharedUsers: 0.3 } });
  return {
    ...base,
    population: {
      ...base.population,
      departments: [
        ['engineering', 0.6],
        ['finance', 0.3],
        ['it', 0.1],
      ] as Array<[string, number]>,
      roles: { executive: 0.1, contractor: 0.2 },
    },
  };
};

describe('departments and roles', () => {
  it('give every user a department and leave every other draw as it was (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const plain = buildPopulation(tinyScenario({ seed, users: 30, days: 2, attacks: false, macs: { shared: 2, sharedUsers: 0.3 } }));
        const withGroups = buildPopulation(organised(seed, 30));
        withGroups.forEach((user, i) => {
          expect(['engineering', 'finance', 'it']).toContain(user.department);
          const { department: _d, roles: _r, ...rest } = user;
          const { department: _pd, roles: _pr, ...plainRest } = plain[i];
          expect(rest).toEqual(plainRest);
          expect(user.roles?.includes('labUser') ?? false).toBe(user.labMac !== undefined);
          expect((user.roles ?? []).filter((r) => r !== 'labUser').length).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('target holders of the role and members of the department when there are enough, and the truth says so (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const attack: ResolvedAttack = {
          ...burst,
          targets: 2,
          targetProfile: undefined,
          targetRole: 'contractor',
          targetDepartment: 'engineering',
          pushes: 3,
        };
        const scenario = organised(seed, 80, [attack]);
        const population = buildPopulation(scenario);
        const enough = population.filter((u) => u.roles?.includes('contractor') && u.department === 'engineering').length >= 2;
        const run = runWorld(scenario);
        for (const incident of run.truth.incidents) {
          const target = population.find((u) => u.login === incident.target)!;
          expect(incident.department).toBe(target.department);
          expect(incident.roles).toEqual(target.roles);
          if (enough) {
            expect(target.department).toBe('engineering');
            expect(target.roles).toContain('contractor');
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});

describe('department and role validation', () => {
  const scenario = (population: object, attack: object = {}) => ({
    name: 'd',
    start: '2026-03-02T00:00:00Z',
    duration: '3d',
    population: { users: 20, ...population },
    attacks: [{ name: 'a', strategy: 'burst', at: { day: 1 }, pushes: 3, ...attack }],
  });
  it.each([
    [{}, { targetDepartment: 'sales' }, '/attacks/0/targetDepartment', 'needs population.departments'],
    [{ departments: { it: 1 } }, { targetDepartment: 'sales' }, '/attacks/0/targetDepartment', 'is none of population.departments (it)'],
    [{ roles: { executive: 0.1 } }, { targetRole: 'contractor' }, '/attacks/0/targetRole', 'no user holds it'],
    [{}, { targetRole: 'labUser' }, '/attacks/0/targetRole', 'labUser needs shared lab Macs'],
    [{ roles: { executive: 0.6, contractor: 0.6 } }, {}, '/population/roles', 'at most 1'],
    [{ departments: { it: 0 } }, {}, '/population/departments', 'positive sum'],
    [{ roles: { ceo: 0.1 } }, {}, '/population/roles', ''],
  ])('refuses population %j with attack %j at its path', (population, attack, path, message) => {
    const issues = scenarioIssues(scenario(population, attack));
    const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}/`));
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });
});
