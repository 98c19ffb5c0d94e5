import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { baselineOktaAbandonment, type BaselineOktaAbandonmentParams } from '../../detectors/baselineOktaAbandonment.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);

type Kind = 'timeout' | 'denied' | 'approved' | 'macTimeout' | 'noOrigin';
const users = ['u1@x.org', 'u2@x.org', 'u3@x.org', 'u4@x.org', 'u5@x.org', 'u6@x.org', 'u7@x.org'];
const ips = ['198.51.100.7', '198.51.100.8', '203.0.113.9'];

function event(id: string, time: number, user: string, kind: Kind, ip = ips[0], proxy = false): CanonicalEvent {
  const base = { id, time, user, origin: { ip, proxy } };
  switch (kind) {
    case 'timeout':
    case 'denied':
      return { ...base, source: 'idp', type: 'mfa.result', challenge: { id: `c-${id}`, factor: 'push', result: kind }, outcome: 'failure' };
    case 'approved':
      return {
        ...base,
        source: 'idp',
        type: 'mfa.result',
        challenge: { id: `c-${id}`, factor: 'push', result: 'approved' },
        outcome: 'success',
      };
    case 'macTimeout':
      return {
        ...base,
        source: 'mac',
        type: 'mac.mfa.result',
        challenge: { id: `c-${id}`, factor: 'desktop_mfa', result: 'timeout' },
        outcome: 'failure',
      };
    case 'noOrigin':
      return {
        id,
        time,
        user,
        source: 'idp',
        type: 'mfa.result',
        challenge: { id: `c-${id}`, factor: 'push', result: 'timeout' },
        outcome: 'failure',
      };
  }
}

/**
 * Five-minute-aligned times over a few hours — window lengths are multiples of 5 minutes, so the window's exact edge
 * comes up — from three IPs.
 */
const streamArb = fc
  .array(
    fc.record({
      ip: fc.constantFrom(...ips),
      userDraw: fc.integer({ min: 0, max: users.length - 1 }),
      slot: fc.integer({ min: 0, max: 48 }),
      kind: fc.constantFrom<Kind>('timeout', 'timeout', 'timeout', 'timeout', 'timeout', 'denied', 'approved', 'macTimeout', 'noOrigin'),
      proxyDraw: fc.integer({ min: 0, max: 29 }),
    }),
    { maxLength: 150, size: 'max' },
  )
  .map((rows) =>
    rows.map((r, i) =>
      event(
        `e${String(i).padStart(4, '0')}`,
        T0 + r.slot * 5 * MINUTE,
        // The first IP serves mostly one user (the one-user clause), the second any (the distinct-user clause).
        r.ip === ips[0] ? users[r.userDraw === 0 ? 1 : 0] : r.ip === ips[1] ? users[r.userDraw] : users[r.userDraw % 3],
        r.kind,
        r.ip,
        // The third IP is a proxy egress (flagged on most of its records); the others are flagged only rarely.
        r.ip === ips[2] ? r.proxyDraw < 20 : r.proxyDraw === 0,
      ),
    ),
  );

const paramsArb = fc.record({
  eventsAbove: fc.integer({ min: 1, max: 6 }),
  usersAbove: fc.integer({ min: 1, max: 6 }),
  proxyClause: fc.integer({ min: 0, max: 1 }),
  windowMs: fc.integer({ min: 1, max: 12 }).map((m) => m * 5 * MINUTE),
});

function run(events: CanonicalEvent[], params: BaselineOktaAbandonmentParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: baselineOktaAbandonment, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/**
 * The rule as reimplemented, recomputed naively: at the time `t` of each unanswered IdP push from an IP, take that
 * IP's unanswered pushes in [t − windowMs, t]; a decision at `t` when one user has more than `eventsAbove`, more than
 * `usersAbove` users have any, or (clause on) any came with the proxy flag. Decisions of one IP more than the thread
 * gap apart open a new thread.
 */
function oracle(
  events: CanonicalEvent[],
  { eventsAbove, usersAbove, proxyClause, windowMs }: BaselineOktaAbandonmentParams,
): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  const unanswered = events.filter((e) => e.type === 'mfa.result' && e.challenge?.result === 'timeout' && e.origin);
  for (const ip of ips) {
    const mine = unanswered.filter((e) => e.origin?.ip === ip);
    const times = [...new Set(mine.map((e) => e.time))].sort((a, b) => a - b);
    const decisions = times.filter((t) => {
      const window = mine.filter((e) => e.time >= t - windowMs && e.time <= t);
      const distinct = new Set(window.map((e) => e.user)).size;
      return (
        (distinct === 1 && window.length > eventsAbove) ||
        distinct > usersAbove ||
        (proxyClause === 1 && window.some((e) => e.origin?.proxy))
      );
    });
    let last = -Infinity;
    for (const d of decisions) {
      if (d - last > HOUR) opened.push([ip, d]);
      last = d;
    }
  }
  return opened.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

const openedOf = (alerts: Alert[]) =>
  alerts
    .filter((a) => a.status === 'open')
    .map((a): [string, number] => [a.entity.value, a.alertTime])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));

describe('baseline-okta-abandonment (O1)', () => {
  it('opens exactly the threads a naive recomputation of the rule gives, window edges included (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, (events, params) => {
        const inOrder = [...events].sort((a, b) => a.time - b.time);
        expect(openedOf(run(inOrder, params))).toEqual(oracle(events, params));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same alerts when events are shuffled within the allowed lateness (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, fc.integer(), (events, params, seed) => {
        const sorted = [...events].sort((a, b) => a.time - b.time);
        const shuffled = swapNeighbours(sorted, seed, 6 * MINUTE - 1);
        expect(run(shuffled, params, 10 * MINUTE)).toEqual(run(sorted, params, 10 * MINUTE));
      }),
      { numRuns: 200 },
    );
  });

  it('duplicating events changes nothing (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, (events, params) => {
        const sorted = [...events].sort((a, b) => a.time - b.time);
        expect(
          run(
            sorted.flatMap((e) => [e, e]),
            params,
          ),
        ).toEqual(run(sorted, params));
      }),
      { numRuns: 150 },
    );
  });

  describe('edges (defaults: > 5 for one user, > 5 users, or a proxy IP, within an hour)', () => {
    const params = defaultParams(baselineOktaAbandonment);
    const ip = ips[0];
    const pushes = (n: number, at: (i: number) => number, user: (i: number) => string = () => users[0]) =>
      Array.from({ length: n }, (_, i) => event(`t${String(i).padStart(2, '0')}`, at(i), user(i), 'timeout', ip));

    it('fires on the sixth unanswered push for one user when the first is exactly an hour before it', () => {
      const alerts = run(
        pushes(6, (i) => T0 + i * 12 * MINUTE),
        params,
      );
      expect(alerts.map((a) => [a.status, a.entity, a.alertTime - T0, a.evidenceTotal, a.users])).toEqual([
        ['open', { kind: 'source', value: ip }, HOUR, 6, [users[0]]],
      ]);
      expect(alerts[0].severity).toBe('medium');
    });

    it('does not fire on five (the explanation\'s "5 or more" is not the code), nor on six spanning an hour and 1 ms', () => {
      expect(
        run(
          pushes(5, (i) => T0 + i * MINUTE),
          params,
        ),
      ).toEqual([]);
      expect(
        run(
          pushes(6, (i) => T0 + (i === 5 ? HOUR + 1 : i * MINUTE)),
          params,
        ),
      ).toEqual([]);
    });

    it("fires on six distinct users, not on five — and not on 2 to 5 users however many pushes (the rule's gap)", () => {
      expect(
        openedOf(
          run(
            pushes(
              6,
              (i) => T0 + i * MINUTE,
              (i) => users[i],
            ),
            params,
          ),
        ),
      ).toEqual([[ip, T0 + 5 * MINUTE]]);
      expect(
        run(
          pushes(
            5,
            (i) => T0 + i * MINUTE,
            (i) => users[i],
          ),
          params,
        ),
      ).toEqual([]);
      expect(
        run(
          pushes(
            40,
            (i) => T0 + i * MINUTE,
            (i) => users[i % 2],
          ),
          params,
        ),
      ).toEqual([]);
    });

    it('fires on a single unanswered push from a proxy IP, only while the proxy clause is on', () => {
      const one = [event('p', T0, users[0], 'timeout', ips[2], true)];
      expect(openedOf(run(one, params))).toEqual([[ips[2], T0]]);
      expect(run(one, { ...params, proxyClause: 0 })).toEqual([]);
    });

    it('judges a millisecond whole: a second user in the same millisecond as the sixth push switches the one-user clause off', () => {
      const events = [...pushes(6, (i) => T0 + i * MINUTE), event('zz', T0 + 5 * MINUTE, users[1], 'timeout', ip)];
      expect(run(events, params)).toEqual([]);
    });

    it('ignores denials, approvals, Mac records and pushes without an origin', () => {
      const events = [
        ...pushes(5, (i) => T0 + i * MINUTE),
        event('d', T0 + 6 * MINUTE, users[0], 'denied', ip),
        event('a', T0 + 7 * MINUTE, users[0], 'approved', ip),
        event('m', T0 + 8 * MINUTE, users[0], 'macTimeout', ip),
        event('n', T0 + 9 * MINUTE, users[0], 'noOrigin', ip),
      ];
      expect(run(events, params)).toEqual([]);
    });
  });
});
