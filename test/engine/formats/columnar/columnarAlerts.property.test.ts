/**
 * The columnar path gives the alerts of the object path: events written as Arrow columns (the world cache's
 * `events.arrow`) and read back raise, through every built-in detector, exactly the alert lines the events raise
 * themselves — over generated streams that make the detectors fire (pushes, refusals, sign-ins, Mac login-window
 * requests, reports) mixed with arbitrary schema-valid records, in any batch size, and over simulated library worlds.
 */
import fc from 'fast-check';
import { detectors } from '../../../../detectors/index.ts';
import { describe, expect, it } from 'vitest';
import { EventColumnsWriter } from '../../../../engine/formats/columnar/EventColumnsWriter.ts';
import { readEventColumns } from '../../../../engine/formats/columnar/readEventColumns.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';
import { firingExample } from '../../../_fixtures/firingExample.ts';
import { lowCounts } from '../../../_fixtures/lowCounts.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { validEvent } from '../reader/eventArbitraries.ts';

/** The events after a trip through the columns, in batches of `batchRows`. */
function throughColumns(events: readonly CanonicalEvent[], batchRows: number): CanonicalEvent[] {
  const chunks: Buffer[] = [];
  const writer = new EventColumnsWriter((bytes) => chunks.push(Buffer.from(bytes)), { batchRows });
  for (const event of events) writer.write(event);
  writer.close();
  const read: CanonicalEvent[] = [];
  readEventColumns(Buffer.concat(chunks), (event) => read.push(event));
  return read;
}

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];
const origins = [
  { ip: '198.51.100.1', asn: 64501, country: 'US' },
  { ip: '203.0.113.9', asn: 9009, country: 'NL', proxy: true, proxyKind: 'hosting' as const },
  { ip: '192.0.2.77', country: 'US' },
];
type Kind = 'push' | 'denied' | 'timeout' | 'fraud' | 'approved' | 'login' | 'macRequest' | 'unlock';

/** Records of an attack-like stretch for a few users: what the detectors count, at 20-second steps over two hours. */
const authEvent = fc
  .record({
    user: fc.integer({ min: 0, max: users.length - 1 }),
    origin: fc.integer({ min: 0, max: origins.length - 1 }),
    step: fc.integer({ min: 0, max: 360 }),
    kind: fc.constantFrom<Kind>('push', 'push', 'denied', 'timeout', 'fraud', 'approved', 'login', 'macRequest', 'unlock'),
    transaction: fc.integer({ min: 0, max: 30 }),
  })
  .map((r): CanonicalEvent => {
    const base = { time: T0 + r.step * 20_000, user: users[r.user], transaction: `t${r.transaction}` };
    const origin = origins[r.origin];
    const mac = { id: `mac-${r.user}`, kind: 'mac' as const, hostname: `mac${r.user}` };
    switch (r.kind) {
      case 'push':
        return {
          ...base,
          id: '',
          source: 'idp',
          type: 'mfa.challenge',
          origin,
          challenge: { id: `c${r.transaction}`, factor: 'push' },
          outcome: 'success',
        };
      case 'login':
        return { ...base, id: '', source: 'idp', type: 'session.start', origin, outcome: 'success' };
      case 'macRequest':
        return {
          ...base,
          id: '',
          source: 'mac',
          type: 'mac.mfa.request',
          device: mac,
          challenge: { id: `m${r.transaction}`, factor: 'desktop_mfa' },
        };
      case 'unlock':
        return { ...base, id: '', source: 'mac', type: 'mac.session.unlock', device: mac, outcome: 'success' };
      default:
        return {
          ...base,
          id: '',
          source: 'idp',
          type: 'mfa.result',
          origin,
          challenge: { id: `c${r.transaction}`, factor: 'push', result: r.kind },
          outcome: r.kind === 'approved' ? 'success' : 'failure',
        };
    }
  });

/** Arbitrary schema-valid records, on the same stretch. */
const noise = fc
  .tuple(validEvent as unknown as fc.Arbitrary<CanonicalEvent>, fc.integer({ min: 0, max: 360 }))
  .map(([e, step]): CanonicalEvent => ({ ...e, time: T0 + step * 20_000 }));

/** Attack-like records with arbitrary ones among them, in time order, each with its own id. */
const streams = fc
  .array(fc.oneof({ weight: 6, arbitrary: authEvent }, { weight: 1, arbitrary: noise }), { maxLength: 120 })
  .map((events) => events.map((e, i) => ({ ...e, id: `e${String(i).padStart(4, '0')}` })).sort((a, b) => a.time - b.time));

/** Every built-in detector with its counts low, so that short streams reach them. */
const pinned = Object.fromEntries(detectors.map((d) => [d.id, lowCounts(d)]));

describe('columnar events → detectors', () => {
  it('raise the alert lines of the events themselves, over generated streams, whatever the batch size', () => {
    const batchSizes = fc.integer({ min: 1, max: 50 });
    const example = firingExample(fc.tuple(streams, batchSizes), ([events]) => defaultAlerts(events, pinned).length > 0, 200);
    let alerts = 0;
    fc.assert(
      fc.property(streams, batchSizes, (events, batchRows) => {
        const expected = defaultAlerts(events, pinned);
        expect(defaultAlerts(throughColumns(events, batchRows), pinned)).toEqual(expected);
        alerts += expected.length;
      }),
      { numRuns: 60, examples: [example] },
    );
    expect(alerts).toBeGreaterThan(0); // the streams make the detectors fire: the property is about alerts
  });

  it('raise the alert lines of a simulated library world', async () => {
    const { events } = runWorld(await loadScenarioFile('scenarios/uber-burst.yaml', { users: 60 }));
    const expected = defaultAlerts(events, pinned);
    expect(expected.length).toBeGreaterThan(0);
    expect(defaultAlerts(throughColumns(events, 4096), pinned)).toEqual(expected);
  }, 60_000);
});
