/**
 * A lab Mac is as busy as `macs.labVisits` says: each of its users logs on at it on a workday with that chance, so
 * the distinct users a lab Mac sees in a day follow the visit chance; without it the old 0.3 applies, drawn as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import { localWeekday } from '../../../generators/population/zoneOffset.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const day = 86_400_000;

/** Distinct users logging on at the lab Mac on each weekday of the run (New York days), and the lab's users. */
function labDays(seed: number, labVisits: number): number[] {
  const scenario = tinyScenario({
    seed,
    users: 40,
    days: 5,
    attacks: false,
    timeZones: [['America/New_York', 1]],
    macs: { shared: 1, sharedUsers: 1, labVisits },
  });
  const lab = buildPopulation(scenario).find((u) => u.labMac)!.labMac!.device.id;
  const run = runWorld(scenario);
  const perDay = new Map<number, Set<string>>();
  for (const e of run.events) {
    if (e.type !== 'mac.login' || e.device?.id !== lab) continue;
    const d = Math.floor((e.time - scenario.startMs - 5 * 3_600_000) / day);
    if (localWeekday('America/New_York', e.time) === 0 || localWeekday('America/New_York', e.time) === 6) continue;
    perDay.set(d, (perDay.get(d) ?? new Set()).add(e.user!));
  }
  return [...perDay.values()].map((s) => s.size);
}

describe('lab visits', () => {
  it('with every user at the lab Mac daily, most of them log on at it each workday; with none, nobody does (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        // Of the 40 lab users, about 95% work on a weekday: well over half log on at the one lab Mac.
        const busy = labDays(seed, 1);
        expect(busy.length).toBeGreaterThan(0);
        for (const n of busy) expect(n).toBeGreaterThanOrEqual(20);
        expect(labDays(seed, 0)).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });

  it('refuses a visit chance outside [0, 1]', () => {
    const issues = scenarioIssues({
      name: 'l',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: { users: 5, macs: { shared: 1, sharedUsers: 0.5, labVisits: 2 } },
    });
    expect(issues.map((i) => i.path)).toContain('/population/macs/labVisits');
  });
});
