/**
 * Outages with the knobs that decide false alerts: the share of users who retry and how many times (instead of
 * everyone, up to 3), and a scope (one application, one time zone). Without them, outages behave as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedOutage } from '../../../generators/scenario/ResolvedScenario.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const hour = 3_600_000;

function outageRun(seed: number, outage: Omit<ResolvedOutage, 'at' | 'durationMs'>) {
  const scenario = tinyScenario({
    seed,
    users: 10,
    days: 2,
    attacks: false,
    outages: [{ at: { day: 0, minuteOfDay: 8 * 60 }, durationMs: 14 * hour, ...outage }],
  });
  const run = runWorld(scenario);
  const from = scenario.startMs + 8 * hour;
  const to = from + 14 * hour;
  const inWindow = run.events.filter((e) => e.type === 'mfa.challenge' && e.time >= from && e.time < to);
  const label = (id: string) => run.truth.labels[id];
  return {
    first: inWindow.filter((e) => label(e.id) === 'noise:outage'),
    retries: inWindow.filter((e) => label(e.id) === 'noise:retry'),
  };
}

describe('outage knobs', () => {
  it('retry.share 0: nobody retries a push that never came; share 1: users retry (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, k) => {
        const none = outageRun(seed, { retry: { share: 0, min: 1, max: 3 } });
        expect(none.retries).toHaveLength(0);
        const all = outageRun(seed, { retry: { share: 1, min: k, max: k } });
        if (all.first.length > 0) expect(all.retries.length).toBeGreaterThan(0);
      }),
      { numRuns: 8 },
    );
  });

  it('more retries allowed gives at least as many retries (the same users, the same first attempts)', () => {
    for (const seed of [1, 2, 3]) {
      const one = outageRun(seed, { retry: { share: 1, min: 1, max: 1 } });
      const five = outageRun(seed, { retry: { share: 1, min: 5, max: 5 } });
      expect(five.retries.length).toBeGreaterThanOrEqual(one.retries.length);
    }
  });

  it('scope.app: only sign-ins to that application are cut off', () => {
    const scenario = tinyScenario({ seed: 4, users: 10, days: 2, attacks: false });
    const app = scenario.population.apps[0];
    const { first } = outageRun(4, { scope: { app } });
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(first.map((e) => e.app))).toEqual(new Set([app]));
  });

  it('refuses a scope that reaches no one and a retry range upside down', () => {
    const issues = scenarioIssues({
      name: 'o',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: { users: 5 },
      noise: {
        outages: [{ at: { day: 0 }, duration: '1h', scope: { app: 'Nope', timeZone: 'Mars/Base' }, retry: { min: 4, max: 2 } }],
      },
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['/noise/outages/0/scope/timeZone', '/noise/outages/0/scope/app', '/noise/outages/0/retry']),
    );
  });
});
