import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { mfaWithoutLogin, type MfaWithoutLoginParams } from '../../detectors/mfaWithoutLogin.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);

type Kind = 'push' | 'macpush' | 'login' | 'result';
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

/** Streams whose times sit on whole minutes, so window and grace edges (exactly W, exactly grace) come up often. */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 180 }),
      kind: fc.constantFrom<Kind>('push', 'push', 'push', 'macpush', 'login', 'result'),
    }),
    { maxLength: 120, size: 'max' },
  )
  .map((rows) =>
    rows.map((r, i): CanonicalEvent => {
      const base = { id: `e${String(i).padStart(4, '0')}`, time: T0 + r.minute * MINUTE, user: r.user };
      switch (r.kind) {
        case 'push':
          return {
            ...base,
            source: 'idp',
            type: 'mfa.challenge',
            transaction: `t${i}`,
            challenge: { id: `c${i}`, factor: 'push' },
            outcome: 'success',
          };
        case 'macpush':
          return {
            ...base,
            source: 'mac',
            type: 'mac.mfa.request',
            transaction: `t${i}`,
            challenge: { id: `m${i}`, factor: 'desktop_mfa' },
          };
        case 'login':
          return { ...base, source: 'idp', type: 'session.start', outcome: 'success' };
        default: // 'result'
          return {
            ...base,
            source: 'idp',
            type: 'mfa.result',
            challenge: { id: `r${i}`, factor: 'push', result: 'denied' },
            outcome: 'failure',
          };
      }
    }),
  );

const paramsArb = fc.record({
  threshold: fc.integer({ min: 2, max: 6 }),
  windowMs: fc.integer({ min: 1, max: 20 }).map((m) => m * MINUTE),
  graceMs: fc.integer({ min: 0, max: 15 }).map((m) => m * MINUTE),
  // The oracle knows no population context: no crowd of failing users is ever an outage here (tested on its own).
  outageUsers: fc.constant(1000),
});

function run(events: CanonicalEvent[], params: MfaWithoutLoginParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: mfaWithoutLogin, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/**
 * The definition, recomputed naively: every challenge that completes `threshold` in its window, with no login from
 * the window's start to the end of the grace period, is a decision at (challenge + grace); decisions of one user
 * more than the thread gap apart open a new thread.
 */
function oracle(events: CanonicalEvent[], { threshold, windowMs, graceMs }: MfaWithoutLoginParams): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  for (const user of users) {
    const mine = events.filter((e) => e.user === user);
    const challenges = mine.filter((e) => e.type === 'mfa.challenge' || e.type === 'mac.mfa.request');
    const logins = mine.filter((e) => e.type === 'session.start').map((e) => e.time);
    const decisions: number[] = [];
    const sorted = [...challenges].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
    sorted.forEach((c, k) => {
      const inWindow = sorted.slice(0, k + 1).filter((d) => d.time >= c.time - windowMs).length;
      if (inWindow < threshold) return;
      const clear = !logins.some((t) => t >= c.time - windowMs && t <= c.time + graceMs);
      if (clear) decisions.push(c.time + graceMs);
    });
    let last = -Infinity;
    for (const d of decisions.sort((a, b) => a - b)) {
      if (d - last > HOUR) opened.push([user, d]);
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

describe('mfa-without-login (AN0454)', () => {
  it('opens exactly the threads a naive recomputation of the definition gives, edges included (property)', () => {
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
        const shuffled = swapNeighbours(sorted, seed, 5 * MINUTE - 1);
        expect(run(shuffled, params, 10 * MINUTE)).toEqual(run(sorted, params, 10 * MINUTE));
      }),
      { numRuns: 200 },
    );
  });

  it('duplicating events changes nothing (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, (events, params) => {
        const doubled = events.flatMap((e) => [e, e]);
        expect(run(doubled, params)).toEqual(run(events, params));
      }),
      { numRuns: 150 },
    );
  });

  it('adding challenges never removes an alert: the same users are alerted, with at least the same evidence (property)', () => {
    const extraArb = fc.array(fc.record({ user: fc.constantFrom(...users), minute: fc.integer({ min: 0, max: 180 }) }), { maxLength: 30 });
    fc.assert(
      fc.property(streamArb, extraArb, paramsArb, (events, extra, params) => {
        const added = extra.map(
          (x, i): CanonicalEvent => ({
            id: `x${String(i).padStart(4, '0')}`,
            time: T0 + x.minute * MINUTE,
            source: 'idp',
            type: 'mfa.challenge',
            user: x.user,
            transaction: `tx${i}`,
            challenge: { id: `cx${i}`, factor: 'push' },
            outcome: 'success',
          }),
        );
        const byTime = (list: CanonicalEvent[]) => [...list].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
        const evidence = (alerts: Alert[]) => new Set(alerts.flatMap((a) => a.evidence));
        const before = run(byTime(events), params);
        const after = run(byTime([...events, ...added]), params);
        const usersAfter = new Set(after.map((a) => a.entity.value));
        for (const a of before) expect(usersAfter.has(a.entity.value)).toBe(true);
        const evidenceAfter = evidence(after);
        for (const id of evidence(before)) expect(evidenceAfter.has(id)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('raises nothing when every challenge is followed by a session start (property)', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const withLogins = events.flatMap((e) =>
          e.type === 'mfa.challenge' || e.type === 'mac.mfa.request'
            ? [
                e,
                {
                  id: `${e.id}-login`,
                  time: e.time + 5_000,
                  source: 'idp' as const,
                  type: 'session.start' as const,
                  user: e.user,
                  outcome: 'success' as const,
                },
              ]
            : e.type === 'session.start'
              ? []
              : [e],
        );
        expect(run(withLogins, defaultParams(mfaWithoutLogin))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('fires on exactly `threshold` challenges in exactly the window, not on one fewer', () => {
    const params = { threshold: 3, windowMs: 10 * MINUTE, graceMs: 5 * MINUTE, outageUsers: 5 };
    const push = (id: string, m: number): CanonicalEvent => ({
      id,
      time: T0 + m * MINUTE,
      source: 'idp',
      type: 'mfa.challenge',
      user: users[0],
      transaction: id,
      challenge: { id, factor: 'push' },
      outcome: 'success',
    });
    const alerts = run([push('a', 0), push('b', 5), push('c', 10)], params);
    expect(alerts.map((a) => [a.status, a.alertTime - T0, a.challenges, a.evidence])).toEqual([['open', 15 * MINUTE, 3, ['a', 'b', 'c']]]);
    expect(run([push('a', 0), push('b', 5), push('c', 10.001)], params)).toEqual([]);
  });
});
