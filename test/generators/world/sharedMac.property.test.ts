/**
 * A login-window attack at a shared lab Mac (`sharedMac`): one attacker tries several of that Mac's users' accounts,
 * one after another — every request on one device id, each account an incident of its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import type { ResolvedAttack } from '../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [, loginWindow] = defaultAttacks();

describe('shared-Mac login-window attacks', () => {
  it('put every request on one device id, account after account (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 2, max: 4 }), (seed, targets) => {
        const attack: ResolvedAttack = { ...loginWindow, targets, pushes: 4, sharedMac: true, response: { kind: 'never' } };
        const run = runWorld(
          tinyScenario({ seed, users: 40, days: 2, macs: { shared: 2, sharedUsers: 0.5, desktopMfa: 1 }, attacks: [attack] }),
        );
        const incidents = run.truth.incidents;
        expect(incidents.length).toBeGreaterThanOrEqual(2);
        expect(new Set(incidents.map((i) => i.device)).size).toBe(1);
        expect(new Set(incidents.map((i) => i.target)).size).toBe(incidents.length);
        const requests = run.events.filter((e) => e.type === 'mac.mfa.request' && incidents.some((i) => i.id === run.truth.labels[e.id]));
        expect(new Set(requests.map((e) => e.device?.id))).toEqual(new Set([incidents[0].device]));
        // One account after another: each incident starts after the one before it ended.
        const sorted = [...incidents].sort((a, b) => a.start - b.start);
        for (let k = 1; k < sorted.length; k++) expect(sorted[k].start).toBeGreaterThan(sorted[k - 1].start);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses sharedMac on another strategy or without lab Macs', () => {
    const issues = scenarioIssues({
      name: 's',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: { users: 5 },
      attacks: [{ name: 'a', strategy: 'burst', at: { day: 0 }, sharedMac: true }],
    });
    expect(issues.map((i) => i.path)).toEqual(['/attacks/0/sharedMac', '/attacks/0/sharedMac']);
  });
});
