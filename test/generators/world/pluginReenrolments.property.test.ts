/**
 * A plug-in re-registration wave gives each affected user, at their own Mac, between `min` and `max` login-window MFA
 * requests labelled noise:plugin-reenrolment, on the wave's day (waiting for their arrival); Macs without the plug-in
 * are left out; bad values are refused at their JSON paths.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const day = 86_400_000;
const minute = 60_000;

describe('plug-in re-registration waves', () => {
  it('give each member min to max login-window MFA requests at their own Mac, within the wave’s day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (seed, min, extra) => {
          const max = min + extra;
          const base = tinyScenario({ seed, users: 12, days: 4, attacks: false, macs: { desktopMfa: 0.7 } });
          const scenario = {
            ...base,
            noise: {
              ...base.noise,
              pluginReenrolments: [
                { at: { day: 1, minuteOfDay: 13 * 60 }, fraction: 1, overMs: 4 * 60 * minute, minPrompts: min, maxPrompts: max },
              ],
            },
          };
          const run = runWorld(scenario);
          const population = buildPopulation(scenario);
          const requests = run.events.filter((e) => e.type === 'mac.mfa.request' && run.truth.labels[e.id] === 'noise:plugin-reenrolment');
          const byUser = new Map<string, string[]>();
          for (const e of requests) byUser.set(e.user!, [...(byUser.get(e.user!) ?? []), e.device!.id]);
          for (const [login, devices] of byUser) {
            const user = population.find((u) => u.login === login)!;
            expect(user.mac?.desktopMfa).toBe(true);
            expect(new Set(devices)).toEqual(new Set([user.mac!.device.id]));
            // Retries of a missed push carry noise:retry: the wave's own prompts are min to max.
            expect(devices.length).toBeGreaterThanOrEqual(1);
            expect(devices.length).toBeLessThanOrEqual(max);
          }
          for (const e of requests) {
            expect(e.time).toBeGreaterThanOrEqual(scenario.startMs + day - 14 * 60 * minute);
            expect(e.time).toBeLessThan(scenario.startMs + 3 * day);
          }
          // Members at work that day got at least min each, unless their push timed out and they retried.
          const counts = [...byUser.values()].map((d) => d.length);
          expect(counts.filter((c) => c >= min).length).toBeGreaterThanOrEqual(Math.floor(counts.length / 2));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('leave a world without waves alone, and re-register most Macs in the library’s wave scenario, 2 to 4 prompts each', async () => {
    const quiet = runWorld(tinyScenario({ seed: 2, users: 12, days: 3, attacks: false }));
    expect(Object.values(quiet.truth.labels)).not.toContain('noise:plugin-reenrolment');
    const run = runWorld(
      await loadScenarioFile(fileURLToPath(new URL('../../../scenarios/plugin-reenrolment.yaml', import.meta.url)), {
        users: 100,
        days: 3,
      }),
    );
    const perUser = new Map<string, number>();
    for (const e of run.events)
      if (e.type === 'mac.mfa.request' && run.truth.labels[e.id] === 'noise:plugin-reenrolment')
        perUser.set(e.user!, (perUser.get(e.user!) ?? 0) + 1);
    expect(perUser.size).toBeGreaterThan(40);
    expect([...perUser.values()].every((n) => n >= 1 && n <= 4)).toBe(true);
    expect([...perUser.values()].filter((n) => n >= 2).length).toBeGreaterThan(perUser.size / 2);
  });

  it.each([
    [{ at: { day: 9 }, fraction: 0.5 }, '/noise/pluginReenrolments/0/at/day', 'must be <'],
    [{ at: { day: 1 }, fraction: 0.5, prompts: { min: 4, max: 2 } }, '/noise/pluginReenrolments/0/prompts', 'min (4) must be <= max (2)'],
    [{ at: { day: 1 }, fraction: 1.5 }, '/noise/pluginReenrolments/0/fraction', ''],
    [{ at: { day: 1 }, fraction: 0.5, over: 'soon' }, '/noise/pluginReenrolments/0/over', ''],
  ])('refuses %j at its path', (wave, path, message) => {
    const issues = scenarioIssues({
      name: 'p',
      start: '2026-03-02T00:00:00Z',
      duration: '5d',
      population: { users: 5 },
      noise: { pluginReenrolments: [wave] },
    });
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });
});
