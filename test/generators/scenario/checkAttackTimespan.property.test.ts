import fc from 'fast-check';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../generators/scenario/index.ts';
import { simulate } from '../../../generators/world/simulate.ts';

interface Attack {
  name: string;
  strategy: string;
  targets: number;
  pushes: number;
  interval: string;
  spread: string;
  at: { day: number; time: string };
}

const attackArbitrary = fc.record({
  name: fc.constant('a'),
  strategy: fc.constantFrom('burst', 'low-and-slow', 'night', 'spray', 'login-window'),
  targets: fc.integer({ min: 1, max: 8 }),
  pushes: fc.integer({ min: 1, max: 60 }),
  interval: fc.integer({ min: 0, max: 600 }).map((minutes) => `${minutes}m`),
  spread: fc.integer({ min: 0, max: 200 }).map((hours) => `${hours}h`),
  at: fc.record({
    day: fc.integer({ min: 0, max: 4 }),
    time: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  }),
});
const zoneArbitrary = fc.constantFrom('UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland', 'America/Los_Angeles');

const world = (attack: Attack, days: number, zone: string) => ({
  name: 'w',
  start: '2026-03-02T00:00:00Z',
  duration: `${days}d`,
  population: { users: 10, timeZones: { [zone]: 1 }, macs: { perUser: 1 } },
  attacks: [attack],
});

const issuesOf = scenarioIssues;

describe('checkAttackTimespan: properties', () => {
  it('what it suggests is enough: the spread or the number of pushes it names makes the attack fit', () => {
    fc.assert(
      fc.property(attackArbitrary, fc.integer({ min: 1, max: 5 }), zoneArbitrary, (attack, days, zone) => {
        const [issue] = issuesOf(world(attack, days, zone));
        if (issue === undefined) return;
        const spread = /make spread at most ([0-9.]+[dhms])/.exec(issue.message);
        const pushes = /send at most ([0-9]+) pushes/.exec(issue.message);
        if (spread) expect(issuesOf(world({ ...attack, spread: spread[1] }, days, zone))).toEqual([]);
        if (pushes) expect(issuesOf(world({ ...attack, pushes: Number(pushes[1]) }, days, zone))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('an attack that fits still fits with fewer pushes, a shorter spread or more days', () => {
    fc.assert(
      fc.property(attackArbitrary, fc.integer({ min: 1, max: 5 }), zoneArbitrary, (attack, days, zone) => {
        fc.pre(issuesOf(world(attack, days, zone)).length === 0);
        expect(issuesOf(world({ ...attack, pushes: Math.max(1, attack.pushes - 1) }, days, zone))).toEqual([]);
        expect(issuesOf(world({ ...attack, spread: `${Math.floor(Number.parseInt(attack.spread, 10) / 2)}h` }, days, zone))).toEqual([]);
        expect(issuesOf(world(attack, days + 1, zone))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a spray it accepts gets every one of its targets attacked in the simulation', () => {
    const spray = attackArbitrary.map((attack) => ({ ...attack, strategy: 'spray', pushes: Math.min(attack.pushes, 5) }));
    fc.assert(
      fc.property(spray, fc.integer({ min: 1, max: 4 }), zoneArbitrary, (attack, days, zone) => {
        fc.pre(issuesOf(world(attack, days, zone)).length === 0);
        const { truth } = simulate(resolveScenario(world(attack, days, zone)), () => {});
        expect(truth.incidents).toHaveLength(attack.targets);
      }),
      { numRuns: 12 },
    );
  });
});
