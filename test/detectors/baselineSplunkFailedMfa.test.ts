import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { baselineSplunkFailedMfa, type BaselineSplunkFailedMfaParams } from '../../detectors/baselineSplunkFailedMfa.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);

type Kind = 'denied' | 'timeout' | 'fraud' | 'approved' | 'macFailure' | 'login';
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

function event(id: string, time: number, user: string, kind: Kind): CanonicalEvent {
  const base = { id, time, user };
  switch (kind) {
    case 'denied':
    case 'timeout':
    case 'fraud':
      return { ...base, source: 'idp', type: 'mfa.result', challenge: { id: `c-${id}`, factor: 'push', result: kind }, outcome: 'failure' };
    case 'approved':
      return {
        ...base,
        source: 'idp',
        type: 'mfa.result',
        challenge: { id: `c-${id}`, factor: 'push', result: 'approved' },
        outcome: 'success',
      };
    case 'macFailure':
      return {
        ...base,
        source: 'mac',
        type: 'mac.mfa.result',
        challenge: { id: `c-${id}`, factor: 'desktop_mfa', result: 'denied' },
        outcome: 'failure',
      };
    case 'login':
      return { ...base, source: 'idp', type: 'session.start', outcome: 'success' };
  }
}

/** Whole-minute times over a few hours, so bucket boundaries (multiples of the bucket length) come up often. */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 150 }),
      kind: fc.constantFrom<Kind>('denied', 'timeout', 'timeout', 'denied', 'fraud', 'approved', 'macFailure', 'login'),
    }),
    { maxLength: 150, size: 'max' },
  )
  .map((rows) => rows.map((r, i) => event(`e${String(i).padStart(4, '0')}`, T0 + r.minute * MINUTE, r.user, r.kind)));

const paramsArb = fc.record({
  threshold: fc.integer({ min: 2, max: 6 }),
  bucketMs: fc.integer({ min: 1, max: 15 }).map((m) => m * MINUTE),
});

function run(events: CanonicalEvent[], params: BaselineSplunkFailedMfaParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: baselineSplunkFailedMfa, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/**
 * The rule, recomputed naively: failed IdP MFA results per user and epoch-aligned bucket; every bucket with
 * `threshold` or more is a decision at its end; decisions of one user more than the thread gap apart open a new
 * thread.
 */
function oracle(events: CanonicalEvent[], { threshold, bucketMs }: BaselineSplunkFailedMfaParams): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  for (const user of users) {
    const counts = new Map<number, number>();
    for (const e of events) {
      if (e.user !== user || e.type !== 'mfa.result' || e.outcome !== 'failure') continue;
      const bucket = Math.floor(e.time / bucketMs) * bucketMs;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    const decisions = [...counts].filter(([, n]) => n >= threshold).map(([bucket]) => bucket + bucketMs);
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

describe('baseline-splunk-failed-mfa (S1)', () => {
  it('opens exactly the threads a naive recomputation of the rule gives, bucket edges included (property)', () => {
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

  describe('edges (defaults: ≥ 10 in a 5-minute tumbling bucket)', () => {
    const params = defaultParams(baselineSplunkFailedMfa);
    const bucket = T0 + 10 * MINUTE; // a multiple of 5 minutes since the epoch
    const failures = (n: number, at: (i: number) => number, user = users[0]) =>
      Array.from({ length: n }, (_, i) => event(`f${String(i).padStart(2, '0')}`, at(i), user, i % 2 ? 'timeout' : 'denied'));

    it('fires on exactly 10 failures in one bucket, first and last on its edges, deciding at the bucket end', () => {
      // 0 s, 33 s, …, 297 s, and the last at bucket + 5 min − 1 ms: all inside [bucket, bucket + 5 min).
      const events = failures(10, (i) => (i === 9 ? bucket + 5 * MINUTE - 1 : bucket + i * 33_000));
      const alerts = run(events, params);
      expect(alerts.map((a) => [a.status, a.alertTime - bucket, a.evidenceTotal, a.firstTime - bucket])).toEqual([
        ['open', 5 * MINUTE, 10, 0],
      ]);
      expect(alerts[0].outcomes).toEqual({ denied: 5, timeout: 5 });
    });

    it('does not fire on 9 failures, nor on 10 split by a bucket boundary by one millisecond', () => {
      expect(
        run(
          failures(9, (i) => bucket + i * 30_000),
          params,
        ),
      ).toEqual([]);
      // The tenth lands exactly on the next bucket's start: 9 + 1, tumbling windows never see 10.
      expect(
        run(
          failures(10, (i) => (i === 9 ? bucket + 5 * MINUTE : bucket + i * 30_000)),
          params,
        ),
      ).toEqual([]);
      // Likewise 10 within 2 minutes, straddling the boundary (a sliding window would fire here).
      expect(
        run(
          failures(10, (i) => bucket + 4 * MINUTE + i * 12_000),
          params,
        ),
      ).toEqual([]);
    });

    it('decides a full bucket at its end even when the next failure falls exactly on that end', () => {
      const events = [...failures(10, (i) => bucket + i * 20_000), event('next', bucket + 5 * MINUTE, users[0], 'denied')];
      expect(run(events, params).map((a) => [a.alertTime - bucket, a.evidenceTotal])).toEqual([[5 * MINUTE, 10]]);
    });

    it('ignores approvals, Mac-side results and other users', () => {
      const mixed = [
        ...failures(9, (i) => bucket + i * 20_000),
        event('ok', bucket + 200_000, users[0], 'approved'),
        event('mac', bucket + 210_000, users[0], 'macFailure'),
        event('other', bucket + 220_000, users[1], 'denied'),
      ];
      expect(run(mixed, params)).toEqual([]);
    });
  });
});
