import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent, NetworkOrigin } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { type DetectorContext, defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { unansweredPushes, type UnansweredPushesParams } from '../../detectors/unansweredPushes.ts';
import { alertsInAndOutOfOrder } from '../_fixtures/alertsInAndOutOfOrder.ts';
import { DAY, HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';
import { pushResult, pushSent as push, signedIn as signIn } from '../_fixtures/idpEvents.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const home: NetworkOrigin = { ip: '73.12.1.1', asn: 7922, country: 'US' };
const office: NetworkOrigin = { ip: '198.18.1.10', asn: 64512, country: 'US' };
const attacker: NetworkOrigin = { ip: '185.220.101.7', asn: 9009, country: 'RO' };
const attacker2: NetworkOrigin = { ip: '185.220.101.9', asn: 9009, country: 'RO' };
const defaults = defaultParams(unansweredPushes);

/** The IdP's record that a push timed out. */
const timeout = (id: string, time: number, user: string, origin: NetworkOrigin, transaction: string) =>
  pushResult(id, time, user, origin, transaction, 'timeout');

/** A Mac's login-window MFA request, or a login-window session, on `mac`. */
function mac(id: string, time: number, user: string, device: string, type: 'mac.mfa.request' | 'mac.session.start'): CanonicalEvent {
  return {
    id,
    time,
    source: 'mac',
    type,
    user,
    device: { id: device, kind: 'mac' },
    transaction: `t-${id}`,
    ...(type === 'mac.mfa.request' ? { challenge: { id: `c-${id}`, factor: 'desktop_mfa' as const } } : { outcome: 'success' as const }),
  };
}

function run(
  events: CanonicalEvent[],
  params: Partial<Pick<UnansweredPushesParams, 'threshold' | 'horizonMs' | 'outageUsers'>> = {},
): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: unansweredPushes, params: { ...defaults, ...params } }], (a) => alerts.push(a));
  for (const e of [...events].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1))) runtime.push(e);
  runtime.finish();
  return alerts;
}

/** One decision of the detector: the pushes it counted, and how many events the runtime had handed it by then. */
interface Decision {
  evidence: readonly CanonicalEvent[];
  seen: number;
}

/**
 * Every decision of the detector on `sorted` (unique ids, in (time, id) order): the runtime hands the events over in
 * that order, so what the detector had seen at a decision is the first `seen` of them — a sign-in later in the same
 * millisecond is not among them. One per finding, where an alert's closing line merges the findings of its thread.
 */
function decisions(sorted: readonly CanonicalEvent[]): Decision[] {
  const out: Decision[] = [];
  let seen = 0;
  const watched = (ctx: DetectorContext): DetectorContext => ({
    key: ctx.key,
    now: ctx.now,
    setTimer: (at) => ctx.setTimer(at),
    clearTimer: () => ctx.clearTimer(),
    alert: (finding) => {
      out.push({ evidence: finding.evidence, seen });
      ctx.alert(finding);
    },
  });
  const watching: typeof unansweredPushes = {
    ...unansweredPushes,
    create(params) {
      const logic = unansweredPushes.create(params);
      return { ...logic, onEvent: (s, e, ctx) => logic.onEvent(s, e, watched(ctx)), onTimer: (s, ctx) => logic.onTimer?.(s, watched(ctx)) };
    },
  };
  const runtime = new DetectorRuntime([{ definition: watching, params: defaults }], () => {}, { onProcessed: () => seen++ });
  for (const e of sorted) runtime.push(e);
  runtime.finish();
  return out;
}

describe('unanswered-pushes', () => {
  it('alerts when the second unanswered push from an unfamiliar address has waited out its grace', () => {
    const alerts = run([
      signIn('s1', T0 - DAY, 'ann', home),
      push('p1', T0, 'ann', attacker),
      push('p2', T0 + 20 * HOUR, 'ann', attacker2),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ user: 'ann', alertTime: T0 + 20 * HOUR + 5 * MINUTE, challenges: 2 });
    expect(alerts[0].evidence).toEqual(['p1', 'p2']);
  });

  it('pairs a push with its own sign-in: one from the same address answers it, the user’s sign-ins elsewhere do not', () => {
    const attack = [push('p1', T0, 'ann', attacker), push('p2', T0 + MINUTE, 'ann', attacker)];
    // Ann signs in from home throughout: her pushes there are answered, the attacker's are not.
    const own = [signIn('s0', T0 - DAY, 'ann', home), push('q1', T0 + 30_000, 'ann', home), signIn('s1', T0 + 40_000, 'ann', home)];
    expect(run([...attack, ...own])).toHaveLength(1);
    // A sign-in from the attacker's address within the grace (the victim gave in) answers both.
    expect(run([...attack, signIn('s2', T0 + 2 * MINUTE, 'ann', attacker)])).toHaveLength(0);
    // The same attempt (transaction) answers its push wherever the session is logged from.
    expect(
      run([push('p1', T0, 'ann', attacker, 'tx'), signIn('s3', T0 + 10_000, 'ann', home, 'tx'), push('p2', T0 + MINUTE, 'ann', attacker)]),
    ).toHaveLength(0);
  });

  it('leaves out pushes from the user’s own addresses and from the organisation’s', () => {
    const retries = (origin: NetworkOrigin) => [push('p1', T0, 'ann', origin), push('p2', T0 + MINUTE, 'ann', origin)];
    expect(run([signIn('s1', T0 - 10 * DAY, 'ann', home), ...retries(home)])).toHaveLength(0);
    expect(run([signIn('s1', T0 - 31 * DAY, 'ann', home), ...retries(home)])).toHaveLength(1); // past the 30-day lookback
    const colleagues = ['bob', 'cy', 'dee'].map((u, i) => signIn(`o${i}`, T0 - HOUR, u, office));
    expect(run([...colleagues, ...retries(office)])).toHaveLength(0);
    expect(run([...colleagues.slice(0, 2), ...retries(office)])).toHaveLength(1); // two users do not make an office
  });

  it('counts over days, not minutes, and forgets past the horizon', () => {
    const drip = (gap: number) => [push('p1', T0, 'ann', attacker), push('p2', T0 + gap, 'ann', attacker2)];
    expect(run(drip(6 * DAY))).toHaveLength(1);
    expect(run(drip(8 * DAY))).toHaveLength(0);
    expect(run(drip(30 * HOUR), { horizonMs: DAY })).toHaveLength(0);
  });

  it('counts a push at once when the user refuses it or the requester asks again before any answer', () => {
    const denied = (id: string, time: number, tx: string) => pushResult(id, time, 'ann', attacker, tx, 'denied');
    // Denied at 00:20, then a second push at 00:40 overlapped by a third at 00:45: the alert comes at 00:45, before
    // any grace period ends — in time for a victim who approves the third.
    const storm = [
      push('p1', T0, 'ann', attacker),
      denied('r1', T0 + 20_000, 't-p1'),
      push('p2', T0 + 40_000, 'ann', attacker2),
      push('p3', T0 + 45_000, 'ann', attacker),
    ];
    const [alert] = run(storm);
    expect(alert).toMatchObject({ user: 'ann', alertTime: T0 + 45_000, challenges: 2 });
    // A push answered before the next one comes is not overlapped: a user's own retry after a timeout waits its grace.
    const retry = [
      push('q1', T0, 'ann', attacker),
      timeout('q1r', T0 + MINUTE, 'ann', attacker, 't-q1'),
      push('q2', T0 + 70_000, 'ann', attacker),
    ];
    expect(run([...retry, signIn('s', T0 + 80_000, 'ann', attacker)])).toHaveLength(0);
  });

  it('judges overlapped pushes on the events before them in (time, id) order: a sign-in later in the same millisecond answers late', () => {
    // CI's seed -1594260222: three pushes for Ann from one address and her sign-in from there, all in one millisecond.
    // The third push overlaps the first two before the sign-in (a later id) comes: they count, and the alert stands.
    const pushes = ['e0', 'e1', 'e2'].map((id) => push(id, T0, 'ann', home));
    const alerts = run([...pushes, signIn('e3', T0, 'ann', home)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ user: 'ann', alertTime: T0, evidence: ['e0', 'e1'] });
    // The same sign-in ordered first (a smaller id) makes the address hers before any push: nothing counts.
    expect(run([...pushes, signIn('a3', T0, 'ann', home)])).toHaveLength(0);
  });

  it('stays quiet in a push outage: many users’ pushes unanswered at once, some from addresses they always use', () => {
    // Five users retry a push that never arrives, two from their own homes, three from addresses new to them.
    const outage = (asnOf: (i: number) => number) =>
      ['ann', 'bob', 'cy', 'dee', 'eve'].flatMap((u, i) => {
        const origin = { ip: `73.12.2.${i}`, asn: asnOf(i), country: 'US' };
        const t = T0 + i * MINUTE;
        return [
          ...(i < 2 ? [signIn(`${u}0`, T0 - DAY, u, origin)] : []),
          push(`${u}1`, t, u, origin),
          timeout(`${u}1r`, t + MINUTE, u, origin, `t-${u}1`),
          push(`${u}2`, t + 90_000, u, origin),
          timeout(`${u}2r`, t + 150_000, u, origin, `t-${u}2`),
        ];
      });
    const twoNetworks = outage((i) => (i % 2 === 0 ? 7922 : 701));
    expect(run(twoNetworks)).toHaveLength(0);
    // Fewer users than the count, or one network (a spray through one ISP's proxies): the three new addresses alert.
    expect(run(twoNetworks, { outageUsers: 6 }).map((a) => a.user)).toEqual(['cy', 'dee', 'eve']);
    expect(run(outage(() => 7922)).map((a) => a.user)).toEqual(['cy', 'dee', 'eve']);
  });

  it('judges a login-window push by its Mac: the user’s own Mac is familiar, another is not until they sign in to it', () => {
    const at = (device: string) => [
      mac('m1', T0, 'ann', device, 'mac.mfa.request'),
      mac('m2', T0 + MINUTE, 'ann', device, 'mac.mfa.request'),
    ];
    const ownMac = mac('own', T0 - DAY, 'ann', 'MAC-ANN', 'mac.session.start');
    expect(run([ownMac, ...at('MAC-ANN')])).toHaveLength(0);
    expect(run([ownMac, ...at('LAB-MAC-01')])).toHaveLength(1);
    expect(run([ownMac, ...at('LAB-MAC-01'), mac('in', T0 + 2 * MINUTE, 'ann', 'LAB-MAC-01', 'mac.session.start')])).toHaveLength(0);
  });

  it('gives the same alerts whatever the arrival order within the allowed lateness', () => {
    const origins = [home, office, attacker, attacker2];
    const event = fc
      .record({
        kind: fc.constantFrom('push', 'push', 'signIn'),
        user: fc.constantFrom('ann', 'bob', 'cy'),
        at: fc.integer({ min: 0, max: 3 * DAY }),
        origin: fc.constantFrom(...origins),
      })
      .map(({ kind, user, at, origin }) => ({ kind, user, at, origin }));
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer(), (drawn, seed) => {
        const events = drawn
          .map((d, i) => (d.kind === 'push' ? push(`e${i}`, T0 + d.at, d.user, d.origin) : signIn(`e${i}`, T0 + d.at, d.user, d.origin)))
          .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
        const { sorted, shuffled } = alertsInAndOutOfOrder({ definition: unansweredPushes, params: defaults }, events, seed);
        expect(shuffled).toEqual(sorted);
        // Every alert's evidence is pushes of its user…
        for (const alert of sorted)
          for (const id of alert.evidence) {
            const p = events.find((e) => e.id === id)!;
            expect(p.type).toBe('mfa.challenge');
            expect(p.user).toBe(alert.user);
          }
        // …that no sign-in from their address had answered when the detector counted them: between the push and the
        // decision in the runtime's (time, id) order. A sign-in after the decision (in the same millisecond or later)
        // answers late, and the thread keeps what it counted.
        const made = decisions(events);
        expect(made.length > 0).toBe(sorted.length > 0);
        for (const { evidence, seen } of made)
          for (const p of evidence) {
            const answered = events
              .slice(events.indexOf(p), seen)
              .some((e) => e.type === 'session.start' && e.user === p.user && e.origin!.ip === p.origin!.ip);
            expect(answered).toBe(false);
          }
      }),
      {
        examples: [
          // CI seed -1594260222: three pushes and the sign-in that answers the third, all in one millisecond.
          [[...Array(3).fill({ kind: 'push', user: 'ann', at: 0, origin: home }), { kind: 'signIn', user: 'ann', at: 0, origin: home }], 0],
          // A late answer to the pushes of a thread's first finding; a second finding grows the thread.
          [
            [
              ...[0, 1_000, 2_000].map((at) => ({ kind: 'push', user: 'ann', at, origin: attacker })),
              { kind: 'signIn', user: 'ann', at: 3_000, origin: attacker },
              ...[0, 1_000, 2_000].map((at) => ({ kind: 'push', user: 'ann', at: 10 * MINUTE + at, origin: attacker2 })),
            ],
            0,
          ],
        ],
      },
    );
  });
});
