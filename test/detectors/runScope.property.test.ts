/**
 * The detectors that keep the organisation's addresses (`unanswered-pushes`, `unanswered-spray`) share one table per run
 * and (`orgUsers`, `lookbackMs`) through the runtime's `RunScope`. Sharing must be invisible: each detector alerts
 * exactly as it does alone with a table of its own, whatever the other runs with, over streams holding the records
 * that feed one detector's table and not the other's if the feeds were not the same (Mac-kind sign-ins logged by the
 * IdP, failed or Mac-logged session starts, sign-ins without an origin).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
/** Addresses with their network: each address always has the same one (two share AS64501, one has none). */
const origins = [
  { ip: '198.51.100.1', asn: 64501 },
  { ip: '198.51.100.2', asn: 64501 },
  { ip: '203.0.113.9', asn: 64502 },
  { ip: '192.0.2.77' },
];

type Kind = 'push' | 'login' | 'failedLogin' | 'macKindByIdp' | 'macLoggedSession' | 'loginNoOrigin';

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

/** Parameters both detectors have, small enough that the stream reaches them. */
const tableParams = fc.record({ orgUsers: fc.integer({ min: 2, max: 3 }), lookbackMs: fc.constantFrom(DAY, 2 * DAY) });

describe('RunScope: the organisation’s addresses shared by unanswered-pushes and unanswered-spray (property)', () => {
  it('asks both for one table per (orgUsers, lookbackMs) of a run', () => {
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
    unansweredSpray.create({ ...defaultParams(unansweredSpray), orgUsers: 5 }, scope);
    expect(asked).toHaveLength(3);
    expect(asked[0]).toBe(asked[1]);
    expect(made.size).toBe(2);
  });

  it('gives each detector the alerts it gets alone, with a table of its own', () => {
    let sprayAlerts = 0;
    let pushAlerts = 0;
    fc.assert(
      fc.property(
        streamArb,
        tableParams,
        fc.option(tableParams),
        fc.integer({ min: 1, max: 3 }),
        (events, table, otherTable, threshold) => {
          const pushParams = { ...defaultParams(unansweredPushes), ...table, threshold, graceMs: 5 * MINUTE, horizonMs: DAY };
          const sprayParams = { ...defaultParams(unansweredSpray), ...(otherTable ?? table), users: 2, horizonMs: 6 * HOUR };
          const together = detect(
            [
              { definition: unansweredPushes, params: pushParams },
              { definition: unansweredSpray, params: sprayParams },
            ],
            events,
          );
          const pushes = detect([{ definition: alone(unansweredPushes), params: pushParams }], events);
          const spray = detect([{ definition: alone(unansweredSpray), params: sprayParams }], events);
          expect(together.filter((a) => a.detector.id === unansweredPushes.id)).toEqual(pushes);
          expect(together.filter((a) => a.detector.id === unansweredSpray.id)).toEqual(spray);
          pushAlerts += pushes.length;
          sprayAlerts += spray.length;
        },
      ),
      { numRuns: 150 },
    );
    // The streams reach both detectors' counts: the property is about alerts, not about silence.
    expect(pushAlerts).toBeGreaterThan(0);
    expect(sprayAlerts).toBeGreaterThan(0);
  });
});
