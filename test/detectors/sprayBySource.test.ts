import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { sprayByAsn, sprayBySource } from '../../detectors/sprayBySource.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 14);
const ips = ['203.0.113.1', '203.0.113.2', '198.51.100.3'];

const streamArb = fc
  .array(
    fc.record({
      user: fc.integer({ min: 0, max: 6 }),
      ip: fc.constantFrom(...ips),
      minute: fc.integer({ min: 0, max: 200 }),
      // A sign-in, a failed sign-in (a password sprayed from the source: no success), or a failed push.
      kind: fc.constantFrom('signIn' as const, 'failedSignIn' as const, 'push' as const, 'push' as const),
    }),
    { maxLength: 100, size: 'max' },
  )
  .map((rows) =>
    rows
      .map(
        (r, i): CanonicalEvent =>
          r.kind !== 'push'
            ? {
                id: `e${String(i).padStart(4, '0')}`,
                time: T0 + r.minute * MINUTE,
                source: 'idp',
                type: 'session.start',
                user: `u${r.user}@x.org`,
                origin: { ip: r.ip, asn: 9009, proxy: true },
                outcome: r.kind === 'signIn' ? 'success' : 'failure',
              }
            : {
                id: `e${String(i).padStart(4, '0')}`,
                time: T0 + r.minute * MINUTE,
                source: 'idp',
                type: 'mfa.result',
                user: `u${r.user}@x.org`,
                origin: { ip: r.ip, asn: 9009, proxy: true },
                transaction: `t${i}`,
                challenge: { id: `c${i}`, factor: 'push', result: 'timeout' },
                outcome: 'failure',
                reason: 'timeout',
              },
      )
      .sort((a, b) => a.time - b.time),
  );

function run(events: CanonicalEvent[], params: { users: number; windowMs: number }): Alert[] {
  const alerts: Alert[] = [];
  // The oracle knows no organisation's addresses: more users than the streams hold must sign in from one to make it so.
  const rt = new DetectorRuntime([{ definition: sprayBySource, params: { ...params, orgUsers: 100 } }], (a) => alerts.push(a), {
    threadGapMs: HOUR,
  });
  for (const e of events) rt.push(e);
  rt.finish();
  return alerts;
}

/**
 * Naively: a failed push after which its IP has `users` distinct users with failed pushes in [t − W, t], and fewer
 * successful sign-ins than that in the same span (in processing order: time, then id), is a finding; threads by gap.
 */
function oracle(events: CanonicalEvent[], { users, windowMs }: { users: number; windowMs: number }): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  for (const ip of ips) {
    const mine = events.filter((e) => e.origin!.ip === ip).sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
    let last = -Infinity;
    mine.forEach((c, k) => {
      if (c.type !== 'mfa.result') return;
      const span = mine.slice(0, k + 1).filter((d) => d.time >= c.time - windowMs);
      const distinct = new Set(span.filter((d) => d.type === 'mfa.result').map((d) => d.user)).size;
      const successes = span.filter((d) => d.type === 'session.start' && d.outcome !== 'failure').length;
      if (distinct < users || successes >= distinct) return;
      if (c.time - last > HOUR) opened.push([ip, c.time]);
      last = c.time;
    });
  }
  return opened.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

describe('spray-by-source', () => {
  it('opens exactly the threads a naive recomputation gives (property)', () => {
    fc.assert(
      fc.property(streamArb, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 60 }), (events, users, m) => {
        const params = { users, windowMs: m * MINUTE };
        const opened = run(events, params)
          .filter((a) => a.status === 'open')
          .map((a): [string, number] => [a.entity.value, a.alertTime])
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
        expect(opened).toEqual(oracle(events, params));
      }),
      { numRuns: 250 },
    );
  });

  it('adding failed pushes never removes an alert (property)', () => {
    fc.assert(
      fc.property(streamArb, streamArb, (base, extra) => {
        const params = defaultParams(sprayBySource);
        const failed = extra.filter((e) => e.type === 'mfa.result');
        const more = [...base, ...failed.map((e) => ({ ...e, id: `x${e.id}` }))].sort((a, b) => a.time - b.time);
        const sources = (alerts: Alert[]) => new Set(alerts.map((a) => a.entity.value));
        for (const ip of sources(run(base, params))) expect(sources(run(more, params)).has(ip)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same alerts when events are shuffled within the allowed lateness, and when every event comes twice (property)', () => {
    fc.assert(
      fc.property(streamArb, fc.integer(), (events, seed) => {
        const params = { users: 3, windowMs: 30 * MINUTE };
        const shuffled = swapNeighbours(events, seed, MINUTE);
        const expected = run(events, params);
        expect(run(shuffled, params)).toEqual(expected);
        expect(
          run(
            events.flatMap((e) => [e, e]),
            params,
          ),
        ).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('never counts failed pushes from an address three users signed in from lately: the organisation’s, in an outage too', () => {
    const office = { ip: '198.18.1.11', asn: 64512 };
    const at = (m: number) => T0 + m * MINUTE;
    const signIn = (id: string, time: number, user: string): CanonicalEvent => ({
      id,
      time,
      source: 'idp',
      type: 'session.start',
      user,
      origin: office,
      outcome: 'success',
    });
    const failed = (id: string, time: number, user: string): CanonicalEvent => ({
      id,
      time,
      source: 'idp',
      type: 'mfa.result',
      user,
      origin: office,
      transaction: `t-${id}`,
      challenge: { id: `c-${id}`, factor: 'push', result: 'timeout' },
      outcome: 'failure',
      reason: 'timeout',
    });
    // The morning's sign-ins, then an outage: six users' pushes time out within the hour and nobody gets in.
    const morning = ['ann', 'bob', 'cy'].map((u, i) => signIn(`s${i}`, at(i) - 3 * HOUR, u));
    const outage = ['dee', 'eve', 'fay', 'gus', 'hal', 'ivy'].map((u, i) => failed(`f${i}`, at(5 * i), u));
    const params = defaultParams(sprayBySource);
    const alertsOf = (events: CanonicalEvent[]) => {
      const alerts: Alert[] = [];
      const rt = new DetectorRuntime([{ definition: sprayBySource, params }], (a) => alerts.push(a));
      for (const e of events) rt.push(e);
      rt.finish();
      return alerts;
    };
    expect(alertsOf([...morning, ...outage])).toEqual([]);
    expect(alertsOf([...morning.slice(0, 2), ...outage]).length).toBeGreaterThan(0); // two users do not make an office
  });

  describe('spray-by-asn', () => {
    // Two proxy IPs of one provider (AS9009), a proxy of another (AS9010), and a residential IP (AS7922, not a proxy).
    const origins = [
      { ip: '203.0.113.1', asn: 9009, proxy: true },
      { ip: '203.0.113.2', asn: 9009, proxy: true },
      { ip: '198.51.100.3', asn: 9010, proxy: true },
      { ip: '73.12.0.4', asn: 7922, proxy: false },
    ];
    const asnStreamArb = streamArb.map((events) =>
      events.map((e, i) => ({ ...e, origin: origins[(i * 7 + e.user.length + Number(e.id.slice(1))) % origins.length] })),
    );
    const runAsn = (events: CanonicalEvent[], params: { users: number; windowMs: number }) => {
      const alerts: Alert[] = [];
      const rt = new DetectorRuntime([{ definition: sprayByAsn, params: { ...params, orgUsers: 100 } }], (a) => alerts.push(a), {
        threadGapMs: HOUR,
      });
      for (const e of events) rt.push(e);
      rt.finish();
      return alerts;
    };
    /** The by-IP oracle's rule, keyed by ASN over proxy origins only. */
    function asnOracle(events: CanonicalEvent[], { users, windowMs }: { users: number; windowMs: number }): Array<[string, number]> {
      const opened: Array<[string, number]> = [];
      for (const asn of [9009, 9010, 7922]) {
        const mine = events
          .filter((e) => e.origin!.asn === asn && e.origin!.proxy)
          .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
        let last = -Infinity;
        mine.forEach((c, k) => {
          if (c.type !== 'mfa.result') return;
          const span = mine.slice(0, k + 1).filter((d) => d.time >= c.time - windowMs);
          const distinct = new Set(span.filter((d) => d.type === 'mfa.result').map((d) => d.user)).size;
          const successes = span.filter((d) => d.type === 'session.start' && d.outcome !== 'failure').length;
          if (distinct < users || successes >= distinct) return;
          if (c.time - last > HOUR) opened.push([`AS${asn}`, c.time]);
          last = c.time;
        });
      }
      return opened.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    }

    it('opens exactly the threads a naive recomputation gives, per anonymising ASN, never for residential ones (property)', () => {
      fc.assert(
        fc.property(asnStreamArb, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 60 }), (events, users, m) => {
          const params = { users, windowMs: m * MINUTE };
          const opened = runAsn(events, params)
            .filter((a) => a.status === 'open')
            .map((a): [string, number] => [a.entity.value, a.alertTime])
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
          expect(opened).toEqual(asnOracle(events, params));
        }),
        { numRuns: 250 },
      );
    });
  });

  it('fires on the proxy spray of the library, by ASN, and lists the users', async () => {
    const scenario = await loadScenarioFile('scenarios/default.yaml', { users: 400 });
    const events: CanonicalEvent[] = [];
    const { truth } = simulate(scenario, (e) => events.push(e));
    const alerts: Alert[] = [];
    const rt = new DetectorRuntime([{ definition: sprayByAsn, params: defaultParams(sprayByAsn) }], (a) => alerts.push(a));
    for (const e of events) rt.push(e);
    rt.finish();
    const spray = truth.incidents.filter((i) => i.campaign === 'vpn-spray');
    const opened = alerts.filter((a) => a.status === 'open');
    expect(opened.length).toBeGreaterThan(0);
    const targets = new Set(spray.map((i) => i.target));
    const named = new Set(alerts.flatMap((a) => a.users ?? []));
    expect([...named].every((u) => targets.has(u))).toBe(true);
  });
});
