/**
 * An attack's egress as the scenario states it: `asn` draws every address from that network (many IPs of one ISP),
 * `flagged` decides whether the IdP marks them as proxies, whatever their kind. Scenarios without either are unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import type { ResolvedAttack } from '../../../generators/scenario/ResolvedScenario.ts';
import { knownAsns, networkByAsn } from '../../../generators/population/geo.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';
import { defaultAttacks, tinyScenario } from '../../_fixtures/tinyScenario.ts';

const [burst] = defaultAttacks();

describe('attack sources', () => {
  it('asn: every attacker address from that network; flagged: every one marked (or not) as a proxy, by default only VPN, hosting and Tor addresses (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom(...knownAsns()),
        fc.constantFrom('single', 'residential', 'vpn', 'hosting', 'tor') as fc.Arbitrary<ResolvedAttack['sources']['kind']>,
        fc.option(fc.boolean(), { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        (seed, asn, kind, flagged, pool) => {
          const attack: ResolvedAttack = {
            ...burst,
            pushes: 6,
            response: { kind: 'never' },
            sources: { kind, pool, rotateEvery: 1, asn, ...(flagged === undefined ? {} : { flagged }) },
          };
          const run = runWorld(tinyScenario({ seed, users: 6, days: 2, attacks: [attack] }));
          const incident = run.truth.incidents[0];
          const origins = run.events
            .filter((e) => e.type === 'auth.attempt' && run.truth.labels[e.id] === incident.id)
            .map((e) => e.origin!);
          expect(origins.length).toBeGreaterThan(0);
          for (const o of origins) {
            expect(o.asn).toBe(asn);
            expect(o.asOrg).toBe(networkByAsn(asn)!.network.asOrg);
            // Unstated: flagged for VPNs, hosting and Tor; not for one's own line or a residential proxy.
            expect(o.proxy).toBe(flagged ?? ['vpn', 'hosting', 'tor'].includes(kind));
            if (flagged === false) expect(o).not.toHaveProperty('proxyKind');
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses an AS number pushstorm has no network for, listing the known ones', () => {
    const issues = scenarioIssues({
      name: 's',
      start: '2026-03-02T00:00:00Z',
      duration: '2d',
      population: { users: 5 },
      attacks: [{ name: 'a', strategy: 'burst', at: { day: 0 }, sources: { kind: 'residential', asn: 1 } }],
    });
    expect(issues).toEqual([
      { path: '/attacks/0/sources/asn', message: expect.stringMatching(/^is not one of pushstorm's networks \(known: .*7922.*; got 1\)$/) },
    ]);
  });
});

describe('attack sources near the victim', () => {
  it('near: country, city or isp puts every attacker address by the victim (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('country', 'city', 'isp') as fc.Arbitrary<'country' | 'city' | 'isp'>,
        fc.constantFrom('single', 'residential') as fc.Arbitrary<'single' | 'residential'>,
        (seed, near, kind) => {
          const attack: ResolvedAttack = {
            ...burst,
            pushes: 4,
            response: { kind: 'never' },
            sources: { kind, pool: 3, rotateEvery: 1, near },
          };
          const scenario = tinyScenario({ seed, users: 8, days: 2, attacks: [attack] });
          const run = runWorld(scenario);
          const incident = run.truth.incidents[0];
          const victimHome = run.events.find(
            (e) => e.user === incident.target && e.origin && !run.truth.labels[e.id] && e.origin.asOrg !== 'Corporate WAN',
          )?.origin;
          const attacker = run.events.filter(
            (e) => e.type === 'auth.attempt' && run.truth.labels[e.id] === incident.id && e.device?.id.startsWith('br-'),
          );
          expect(attacker.length).toBeGreaterThan(0);
          for (const e of attacker) {
            if (victimHome) expect(e.origin!.country).toBe(victimHome.country);
            if (near !== 'country' && victimHome) expect(e.origin!.city).toBe(victimHome.city);
            if (near === 'isp' && victimHome) expect(e.origin!.asn).toBe(victimHome.asn);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
