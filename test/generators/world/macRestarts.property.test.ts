/**
 * Fleet restarts (noise.macRestarts): each member's Mac restarts once, at its moment in the window, so the next logon
 * is at the login window with its MFA prompt; scenarios without restarts are unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../generators/scenario/index.ts';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { tinyScenario } from '../../_fixtures/tinyScenario.ts';

const hour = 3_600_000;
const day = 24 * hour;

describe('mac restarts', () => {
  it('restart each member’s Mac once, inside the window, with the next logon at the login window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, atHour, overHours) => {
          const scenario = tinyScenario({
            seed,
            users: 12,
            days: 3,
            attacks: false,
            macs: { desktopMfa: 1 },
            noise: { macRestarts: [{ at: { day: 1, minuteOfDay: atHour * 60 }, fraction: 1, overMs: overHours * hour }] },
          });
          const run = runWorld(scenario);
          const from = scenario.startMs + day + atHour * hour;
          const to = from + overHours * hour;
          const restarts = run.events.filter((e) => e.type === 'mac.session.end' && run.truth.labels[e.id] === 'noise:mac-restart');
          const perDevice = new Map<string, number>();
          for (const e of restarts) {
            perDevice.set(e.device!.id, (perDevice.get(e.device!.id) ?? 0) + 1);
            expect(e.time).toBeGreaterThanOrEqual(from);
            expect(e.time).toBeLessThan(to);
          }
          for (const n of perDevice.values()) expect(n).toBe(1);
          // After a restart the owner's next logon on that Mac is a login-window logon (its MFA request comes with it).
          for (const e of restarts) {
            const next = run.events.find(
              (x) => x.time > e.time && x.device?.id === e.device!.id && (x.type === 'mac.login' || x.type === 'mac.session.unlock'),
            );
            if (next) expect(next.type).toBe('mac.login');
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('keeps the hash of a scenario without restarts, and refuses a window after the run', () => {
    const base = { name: 'm', start: '2026-03-02T00:00:00Z', duration: '2d', population: { users: 5 } };
    expect(resolveScenario({ ...base, noise: { macRestarts: [] } }).hash).toBe(resolveScenario(base).hash);
    const issues = scenarioIssues({ ...base, noise: { macRestarts: [{ at: { day: 5 }, fraction: 0.5 }] } });
    expect(issues.map((i) => i.path)).toContain('/noise/macRestarts/0/at/day');
  });
});
