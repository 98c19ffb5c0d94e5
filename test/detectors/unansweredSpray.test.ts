import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent, NetworkOrigin } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { unansweredSpray, type UnansweredSprayParams } from '../../detectors/unansweredSpray.ts';
import { alertsInAndOutOfOrder } from '../_fixtures/alertsInAndOutOfOrder.ts';
import { DAY, HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';
import { pushSent as push, signedIn as signIn } from '../_fixtures/idpEvents.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const defaults = defaultParams(unansweredSpray);
/** An address of a residential ISP (AS7922) a proxy pool may hand out. */
const isp = (n: number): NetworkOrigin => ({ ip: `73.12.9.${n}`, asn: 7922, country: 'US' });

function run(events: CanonicalEvent[], params: Partial<Pick<UnansweredSprayParams, 'horizonMs'>> = {}): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: unansweredSpray, params: { ...defaults, ...params } }], (a) => alerts.push(a));
  for (const e of [...events].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1))) runtime.push(e);
  runtime.finish();
  return alerts;
}

/** One push each to `n` users, an hour apart, each from a new address of one ISP. */
const spray = (n: number) => Array.from({ length: n }, (_, i) => push(`p${i}`, T0 + i * HOUR, `u${i}`, isp(i)));

describe('unanswered-spray', () => {
  it('names the users of one network’s unanswered pushes once they reach the count, over hours', () => {
    const alerts = run(spray(6));
    expect(alerts.map((a) => a.status)).toEqual(['open', 'closed']);
    expect(alerts[0]).toMatchObject({
      entity: { kind: 'source', value: 'AS7922' },
      alertTime: T0 + 3 * HOUR + 5 * MINUTE,
      users: ['u0', 'u1', 'u2', 'u3'],
    });
    expect(alerts[1].users).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
    expect(run(spray(6), { horizonMs: 2 * HOUR })).toHaveLength(0); // never 4 users within 2 h
  });

  it('counts neither answered pushes nor pushes from an address its user signs in from', () => {
    const answered = spray(4).flatMap((p, i) => (i === 0 ? [p, signIn('s0', p.time + MINUTE, p.user, p.origin!)] : [p]));
    expect(run(answered)).toHaveLength(0);
    const own = [signIn('h0', T0 - 5 * DAY, 'u0', isp(0)), ...spray(4)];
    expect(run(own)).toHaveLength(0);
    // Ordinary users of the ISP get in from their homes: a thousand of them do not make a spray.
    const customers = Array.from({ length: 40 }, (_, i) => [
      push(`c${i}`, T0 + i * MINUTE, `c${i}`, isp(100 + i)),
      signIn(`cs${i}`, T0 + i * MINUTE + 20_000, `c${i}`, isp(100 + i)),
    ]).flat();
    expect(run(customers)).toHaveLength(0);
    // An office egress (three colleagues signed in from it) is the organisation's: its users' missed pushes are no spray.
    const office = [signIn('o1', T0 - DAY, 'x', isp(0)), signIn('o2', T0 - DAY, 'y', isp(0)), signIn('o3', T0 - DAY, 'z', isp(0))];
    const fromOffice = Array.from({ length: 6 }, (_, i) => push(`f${i}`, T0 + i * MINUTE, `u${i}`, isp(0)));
    expect(run([...office, ...fromOffice])).toHaveLength(0);
    expect(run([...office.slice(0, 2), ...fromOffice]).length).toBeGreaterThan(0);
  });

  it('forgets sign-ins past the lookback on a busy network, and only those', () => {
    // 600 customers signed in from home 45 days before, 600 others 10 days before: the second wave fills the map past
    // the size at which it forgets, and the first wave's sign-ins go. Pushes to the second wave's users from their
    // homes are their own; to the first wave's, from theirs, are from addresses no longer familiar.
    const home = (i: number) => ({ ip: `73.12.${i >> 8}.${i & 255}`, asn: 7922, country: 'US' });
    const wave = (from: number, at: number) =>
      Array.from({ length: 600 }, (_, k) => signIn(`s${from + k}`, at + k, `c${from + k}`, home(from + k)));
    const signIns = [...wave(0, T0 - 45 * DAY), ...wave(600, T0 - 10 * DAY)];
    const pushes = (users: number[]) => users.map((i, k) => push(`p${i}`, T0 + k * MINUTE, `c${i}`, home(i)));
    expect(run([...signIns, ...pushes([600, 601, 602, 603])])).toHaveLength(0);
    expect(run([...signIns, ...pushes([0, 1, 2, 3])]).length).toBeGreaterThan(0);
  });

  it('gives the same alerts whatever the arrival order within the allowed lateness', () => {
    const event = fc.record({
      signIn: fc.boolean(),
      user: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      at: fc.integer({ min: 0, max: DAY }),
      n: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer(), (drawn, seed) => {
        const events = drawn
          .map((d, i) => (d.signIn ? signIn(`e${i}`, T0 + d.at, d.user, isp(d.n)) : push(`e${i}`, T0 + d.at, d.user, isp(d.n))))
          .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
        const { sorted, shuffled } = alertsInAndOutOfOrder({ definition: unansweredSpray, params: defaults }, events, seed);
        expect(shuffled).toEqual(sorted);
        for (const alert of sorted) expect(new Set(alert.users).size).toBeGreaterThanOrEqual(defaults.users);
      }),
    );
  });
});
