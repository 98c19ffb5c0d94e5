/**
 * The detectors that keep the organisation's addresses (`unanswered-pushes`, `unanswered-spray`, `spray-by-source`) share
 * one table per run and (`orgUsers`, lookback) through the runtime's `RunScope`; `spray-by-asn`, fed proxy sign-ins only,
 * keeps its own. Sharing must be invisible: each detector alerts
 * exactly as it does alone with a table of its own, whatever the other runs with, over streams holding the records
 * that feed one detector's table and not the other's if the feeds were not the same (Mac-kind sign-ins logged by the
 * IdP, failed or Mac-logged session starts, sign-ins without an origin).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sprayByAsn, sprayBySource } from '../../detectors/sprayBySource.ts';
import { unansweredPushes } from '../../detectors/unansweredPushes.ts';
import { unansweredSpray } from '../../detectors/unansweredSpray.ts';
import { DAY, HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { type AnyDetectorDefinition, defaultParams, type RunScope } from '../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance } from '../../engine/runtime/DetectorRuntime.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org', 'dee@x.org', 'eve@x.org'];
/**
 * Addresses with their network: each address always has the same one (two share AS64501, one has none); one is
 * flagged a proxy in some records only, which only spray-by-asn's own table tells apart.
 */
const origins = [
  { ip: '198.51.100.1', asn: 64501 },
  { ip: '198.51.100.2', asn: 64501 },
  { ip: '203.0.113.9', asn: 64502 },
  { ip: '203.0.113.9', asn: 64502, proxy: true },
  { ip: '192.0.2.77' },
];

type Kind = 'push' | 'denied' | 'login' | 'failedLogin' | 'macKindByIdp' | 'macLoggedSession' | 'loginNoOrigin';

const streamArb = fc
  .tuple(
    fc.array(
      fc.record({
        user: fc.integer({ min: 0, max: users.length - 1 }),
        origin: fc.integer({ min: 0, max: origins.length - 1 }),
        // Minutes over three days: grace (minutes), horizon (hours) and lookback (a day) edges all come up.
        minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        kind: fc.constantFrom<Kind>(
          'push',
          'push',
          'push',
          'denied',
          'login',
          'login',
          'failedLogin',
          'macKindByIdp',
          'macLoggedSession',
          'loginNoOrigin',
        ),
      }),
      { maxLength: 120, size: 'max' },
    ),
    fc.integer(),
  )
  .map(([rows, seed]) => {
    const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.minute - b.minute || a.i - b.i);
    const events = sorted.map((r): CanonicalEvent => {
      const base = { id: `e${String(r.i).padStart(4, '0')}`, time: T0 + r.minute * MINUTE, user: users[r.user], transaction: `t${r.i}` };
      const origin = origins[r.origin];
      switch (r.kind) {
        case 'push':
          return {
            ...base,
            source: 'idp',
            type: 'mfa.challenge',
            origin,
            challenge: { id: `c${r.i}`, factor: 'push' },
            outcome: 'success',
          };
        case 'denied':
          return {
            ...base,
            source: 'idp',
            type: 'mfa.result',
            origin,
            challenge: { id: `r${r.i}`, factor: 'push', result: 'denied' },
            outcome: 'failure',
          };
        case 'login':
          return { ...base, source: 'idp', type: 'session.start', origin, outcome: 'success' };
        case 'failedLogin':
          return { ...base, source: 'idp', type: 'session.start', origin, outcome: 'failure' };
        case 'macKindByIdp':
          return { ...base, source: 'idp', type: 'mac.session.unlock', origin, outcome: 'success' };
        case 'macLoggedSession':
          return { ...base, source: 'mac', type: 'session.start', origin, outcome: 'success' };
        default:
          return { ...base, source: 'idp', type: 'session.start', outcome: 'success' };
      }
    });
    return swapNeighbours(events, seed, MINUTE);
  });

/** The detector as a plug-in that never sees the run's scope: a table of its own. */
const alone = (definition: AnyDetectorDefinition): AnyDetectorDefinition => ({ ...definition, create: (p) => definition.create(p) });

function detect(instances: DetectorInstance[], events: readonly CanonicalEvent[]): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime(instances, (a) => alerts.push(a), { allowedLatenessMs: 2 * MINUTE });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/**
 * What the tables depend on, small enough that the streams reach the counts. 30 days is spray-by-source's own lookback
 * (not a parameter): with it, all three share one table.
 */
const tableParams = fc.record({ orgUsers: fc.integer({ min: 2, max: 3 }), lookbackMs: fc.constantFrom(DAY, 2 * DAY, 30 * DAY) });

describe('RunScope: the organisation’s addresses shared by the detectors that keep them (property)', () => {
  it('asks each for one table per (orgUsers, lookback) of a run', () => {
    const asked: string[] = [];
    const made = new Map<string, unknown>();
    const scope: RunScope = {
      share<T>(key: string, make: () => T): T {
        asked.push(key);
        if (!made.has(key)) made.set(key, make());
        return made.get(key) as T;
      },
    };
    unansweredPushes.create(defaultParams(unansweredPushes), scope);
    unansweredSpray.create(defaultParams(unansweredSpray), scope);
    sprayBySource.create(defaultParams(sprayBySource), scope);
    unansweredSpray.create({ ...defaultParams(unansweredSpray), orgUsers: 5 }, scope);
    expect(asked).toHaveLength(4);
    expect(new Set(asked.slice(0, 3)).size).toBe(1);
    expect(made.size).toBe(2);
  });

  it('gives each detector the alerts it gets alone, with a table of its own', () => {
    const alerts = { pushes: 0, spray: 0, source: 0, asn: 0 };
    fc.assert(
      fc.property(
        streamArb,
        tableParams,
        fc.option(tableParams),
        fc.integer({ min: 1, max: 3 }),
        (events, table, otherTable, threshold) => {
          const instances = {
            pushes: { definition: unansweredPushes, params: { ...defaultParams(unansweredPushes), ...table, threshold, horizonMs: DAY } },
            spray: {
              definition: unansweredSpray,
              params: { ...defaultParams(unansweredSpray), ...(otherTable ?? table), users: 2, horizonMs: 6 * HOUR },
            },
            source: {
              definition: sprayBySource,
              params: { ...defaultParams(sprayBySource), orgUsers: table.orgUsers, users: 2, windowMs: 2 * HOUR },
            },
            asn: {
              definition: sprayByAsn,
              params: { ...defaultParams(sprayByAsn), orgUsers: table.orgUsers, users: 2, windowMs: 2 * HOUR },
            },
          };
          const together = detect(Object.values(instances), events);
          for (const [name, instance] of Object.entries(instances)) {
            const own = detect([{ ...instance, definition: alone(instance.definition) }], events);
            expect(together.filter((a) => a.detector.id === instance.definition.id)).toEqual(own);
            alerts[name as keyof typeof alerts] += own.length;
          }
        },
      ),
      { numRuns: 150 },
    );
    // The streams reach every detector's count: the property is about alerts, not about silence.
    expect(alerts.pushes).toBeGreaterThan(0);
    expect(alerts.spray).toBeGreaterThan(0);
    expect(alerts.source).toBeGreaterThan(0);
    expect(alerts.asn).toBeGreaterThan(0);
  });
});
