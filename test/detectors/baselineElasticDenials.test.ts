import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { baselineElasticDenials, type BaselineElasticDenialsParams } from '../../detectors/baselineElasticDenials.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);

type Kind = 'denied' | 'approved' | 'login' | 'timeout' | 'fraud' | 'macLogin';
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
    case 'login':
      return { ...base, source: 'idp', type: 'session.start', outcome: 'success' };
    case 'macLogin':
      return { ...base, source: 'mac', type: 'mac.session.start', outcome: 'success' };
  }
}

/** Whole-minute times, denials dominant, so the span edge (exactly maxspan) and same-minute successes come up. */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom<Kind>('denied', 'denied', 'denied', 'denied', 'denied', 'approved', 'login', 'timeout', 'fraud', 'macLogin'),
    }),
    { maxLength: 150, size: 'max' },
  )
  .map((rows) => rows.map((r, i) => event(`e${String(i).padStart(4, '0')}`, T0 + r.minute * MINUTE, r.user, r.kind)));

const paramsArb = fc.record({
  runs: fc.integer({ min: 2, max: 6 }),
  maxspanMs: fc.integer({ min: 1, max: 15 }).map((m) => m * MINUTE),
});

function run(events: CanonicalEvent[], params: BaselineElasticDenialsParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: baselineElasticDenials, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/**
 * The rule, recomputed naively in the runtime's (time, id) order: a denial completes a sequence when at least
 * `runs` denials — itself included — lie in [its time − maxspan, its time] and after the user's last success (an
 * IdP session start or an approval). Each completion is a decision at that denial; decisions of one user more than
 * the thread gap apart open a new thread.
 */
function oracle(events: CanonicalEvent[], { runs, maxspanMs }: BaselineElasticDenialsParams): Array<[string, number]> {
  const opened: Array<[string, number]> = [];
  const ordered = [...events].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const user of users) {
    const mine = ordered.filter((e) => e.user === user);
    const decisions: number[] = [];
    mine.forEach((e, k) => {
      if (e.type !== 'mfa.result' || e.challenge?.result !== 'denied') return;
      let lastSuccess = -1;
      for (let j = 0; j < k; j++) {
        const s = mine[j];
        if (s.type === 'session.start' || (s.type === 'mfa.result' && s.challenge?.result === 'approved')) lastSuccess = j;
      }
      const inSequence = mine
        .slice(lastSuccess + 1, k + 1)
        .filter((d) => d.type === 'mfa.result' && d.challenge?.result === 'denied' && d.time >= e.time - maxspanMs).length;
      if (inSequence >= runs) decisions.push(e.time);
    });
    let last = -Infinity;
    for (const d of decisions) {
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

describe('baseline-elastic-push-denials (E1)', () => {
  it('opens exactly the threads a naive recomputation of the sequence gives, span edges included (property)', () => {
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

  describe('edges (defaults: 5 denials, maxspan 10 minutes)', () => {
    const params = defaultParams(baselineElasticDenials);
    const ann = users[0];
    const denials = (times: number[]) => times.map((m, i) => event(`d${i}`, T0 + m * MINUTE, ann, 'denied'));

    it('fires at the fifth denial when the first is exactly maxspan before it', () => {
      const alerts = run(denials([0, 2.5, 5, 7.5, 10]), params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.evidence])).toEqual([['open', 10 * MINUTE, ['d0', 'd1', 'd2', 'd3', 'd4']]]);
      expect(alerts[0].severity).toBe('high');
    });

    it('does not fire on four denials, nor when the fifth is one millisecond outside the span', () => {
      expect(run(denials([0, 2.5, 5, 7.5]), params)).toEqual([]);
      expect(run([...denials([0, 2.5, 5, 7.5]), event('late', T0 + 10 * MINUTE + 1, ann, 'denied')], params)).toEqual([]);
    });

    it('a success between the denials cancels the sequence (`until`); one after the fifth does not', () => {
      for (const kind of ['approved', 'login'] as const) {
        const between = [...denials([0, 1, 2, 3, 4]), event('ok', T0 + 2.5 * MINUTE, ann, kind)];
        expect(
          run(
            between.sort((a, b) => a.time - b.time),
            params,
          ),
        ).toEqual([]);
        const after = [...denials([0, 1, 2, 3, 4]), event('ok', T0 + 4 * MINUTE + 1, ann, kind)];
        expect(openedOf(run(after, params))).toEqual([[ann, T0 + 4 * MINUTE]]);
      }
    });

    it('slides: each later denial with four more in its span completes another sequence in the same thread', () => {
      const alerts = run(denials([0, 1, 2, 3, 4, 5]), params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.evidenceTotal])).toEqual([
        ['open', 4 * MINUTE, 5],
        ['closed', 5 * MINUTE, 6],
      ]);
    });

    it('orders a success and a denial in the same millisecond by event id', () => {
      // "d4" < "ok": the fifth denial is handled first and completes the sequence.
      const first = [...denials([0, 1, 2, 3, 4]), event('ok', T0 + 4 * MINUTE, ann, 'login')];
      expect(openedOf(run(first, params))).toEqual([[ann, T0 + 4 * MINUTE]]);
      // "a-ok" < "d4": the success comes first and cancels the four before it.
      const second = [...denials([0, 1, 2, 3, 4]), event('a-ok', T0 + 4 * MINUTE, ann, 'login')];
      expect(run(second, params)).toEqual([]);
    });

    it('ignores timeouts, fraud reports and Mac-side logins', () => {
      const events = [
        ...denials([0, 1, 2, 3]),
        event('t', T0 + 3.5 * MINUTE, ann, 'timeout'),
        event('f', T0 + 3.6 * MINUTE, ann, 'fraud'),
        event('m', T0 + 3.7 * MINUTE, ann, 'macLogin'),
        event('d9', T0 + 4 * MINUTE, ann, 'denied'),
      ];
      expect(openedOf(run(events, params))).toEqual([[ann, T0 + 4 * MINUTE]]);
    });
  });
});
