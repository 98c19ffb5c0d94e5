import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import {
  baselineSentinelSpamThenSuccess,
  type BaselineSentinelSpamThenSuccessParams,
} from '../../detectors/baselineSentinelSpamThenSuccess.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);

type Kind = 'denied' | 'timeout' | 'approved' | 'fraud' | 'wrong_number' | 'login' | 'macDenied';
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

function event(id: string, time: number, user: string, kind: Kind, ip = '198.51.100.7'): CanonicalEvent {
  const base = { id, time, user, origin: { ip } };
  switch (kind) {
    case 'denied':
    case 'timeout':
    case 'fraud':
    case 'wrong_number':
      return { ...base, source: 'idp', type: 'mfa.result', challenge: { id: `c-${id}`, factor: 'push', result: kind }, outcome: 'failure' };
    case 'approved':
      return {
        ...base,
        source: 'idp',
        type: 'mfa.result',
        challenge: { id: `c-${id}`, factor: 'push', result: 'approved' },
        outcome: 'success',
      };
    case 'login':
      return { ...base, source: 'idp', type: 'session.start', outcome: 'success' };
    case 'macDenied':
      return {
        ...base,
        source: 'mac',
        type: 'mac.mfa.result',
        challenge: { id: `c-${id}`, factor: 'desktop_mfa', result: 'denied' },
        outcome: 'failure',
      };
  }
}

/** Whole-minute times, failures dominant, so the look-back edge (exactly spanMs before the approval) comes up. */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 90 }),
      kind: fc.constantFrom<Kind>(
        'denied',
        'timeout',
        'denied',
        'timeout',
        'denied',
        'timeout',
        'approved',
        'fraud',
        'wrong_number',
        'login',
        'macDenied',
      ),
    }),
    { maxLength: 150, size: 'max' },
  )
  .map((rows) => rows.map((r, i) => event(`e${String(i).padStart(4, '0')}`, T0 + r.minute * MINUTE, r.user, r.kind)));

const paramsArb = fc.record({
  failuresAbove: fc.integer({ min: 1, max: 6 }),
  spanMs: fc.integer({ min: 1, max: 10 }).map((m) => m * MINUTE),
});

function run(events: CanonicalEvent[], params: BaselineSentinelSpamThenSuccessParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: baselineSentinelSpamThenSuccess, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/**
 * The rule as reimplemented, recomputed naively: every approved IdP result at `a` with more than `failuresAbove`
 * denied or timed-out IdP results of the same user in [a − spanMs, a] is a decision at `a`; decisions of one user
 * more than the thread gap apart open a new thread.
 */
function oracle(events: CanonicalEvent[], { failuresAbove, spanMs }: BaselineSentinelSpamThenSuccessParams): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  for (const user of users) {
    const mine = events.filter((e) => e.user === user && e.type === 'mfa.result');
    const failures = mine.filter((e) => e.challenge?.result === 'denied' || e.challenge?.result === 'timeout').map((e) => e.time);
    const decisions = mine
      .filter((e) => e.challenge?.result === 'approved')
      .map((e) => e.time)
      .filter((a) => failures.filter((t) => t >= a - spanMs && t <= a).length > failuresAbove);
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

describe('baseline-sentinel-spam-success (A1)', () => {
  it('opens exactly the threads a naive recomputation of the rule gives, look-back edges included (property)', () => {
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

  describe('edges (defaults: more than 10 failures in the 5 minutes up to an approval)', () => {
    const params = defaultParams(baselineSentinelSpamThenSuccess);
    const ann = users[0];
    const approvalAt = T0 + 30 * MINUTE;
    /** `n` failures, alternately declined and unanswered, the first `firstBefore` ms before the approval. */
    const storm = (n: number, firstBefore: number) =>
      Array.from({ length: n }, (_, i) =>
        event(
          `f${String(i).padStart(2, '0')}`,
          approvalAt - firstBefore + Math.floor((i * firstBefore) / n),
          ann,
          i % 2 ? 'timeout' : 'denied',
        ),
      );
    const approval = (id = 'ok') => event(id, approvalAt, ann, 'approved');

    it('fires on 11 failures, the first exactly 5 minutes before the approval, at the approval', () => {
      const alerts = run([...storm(11, 5 * MINUTE), approval()], params);
      expect(alerts.map((a) => [a.status, a.alertTime - approvalAt, a.evidenceTotal, a.severity])).toEqual([['open', 0, 12, 'high']]);
      expect(alerts[0].outcomes).toEqual({ denied: 6, timeout: 5, approved: 1 });
      expect(alerts[0].relatedLogins.map((l) => l.id)).toEqual(['ok']);
    });

    it('does not fire on exactly 10 failures, nor when the first of 11 is one millisecond too early', () => {
      expect(run([...storm(10, 5 * MINUTE), approval()], params)).toEqual([]);
      expect(run([...storm(11, 5 * MINUTE + 1), approval()], params)).toEqual([]);
    });

    it('counts a failure logged in the same millisecond as the approval, whatever the ids', () => {
      // "zz" sorts after "ok", so it is handled after the approval; the decision waits for the millisecond to end.
      const events = [...storm(10, 5 * MINUTE), approval(), event('zz', approvalAt, ann, 'timeout')];
      expect(openedOf(run(events, params))).toEqual([[ann, approvalAt]]);
    });

    it('needs an approval after the failures: none, or one before them, gives nothing', () => {
      expect(run(storm(20, 4 * MINUTE), params)).toEqual([]);
      const approvalFirst = [event('ok', approvalAt - 5 * MINUTE, ann, 'approved'), ...storm(11, 4 * MINUTE)];
      expect(run(approvalFirst, params)).toEqual([]);
    });

    it('adds failures from several IPs and ignores fraud, wrong numbers, Mac records and other users', () => {
      const split = storm(11, 4 * MINUTE).map((e, i) => ({ ...e, origin: { ip: `203.0.113.${i % 3}` } }));
      expect(openedOf(run([...split, approval()], params))).toEqual([[ann, approvalAt]]);
      const noise = [
        ...storm(10, 4 * MINUTE),
        event('fr', approvalAt - MINUTE, ann, 'fraud'),
        event('wn', approvalAt - MINUTE, ann, 'wrong_number'),
        event('mac', approvalAt - MINUTE, ann, 'macDenied'),
        event('bob', approvalAt - MINUTE, users[1], 'denied'),
        approval(),
      ];
      expect(
        run(
          noise.sort((a, b) => a.time - b.time),
          params,
        ),
      ).toEqual([]);
    });
  });
});
