import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { deniedBurst, type DeniedBurstParams } from '../../detectors/deniedBurst.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

type Kind = 'denied' | 'timeout' | 'fraud' | 'wrong_number' | 'approved' | 'muted' | 'error';

/** A push result as the IdP (`mfa.result`) or the Mac plug-in (`mac.mfa.result`) logs it. */
function result(
  id: string,
  time: number,
  user: string,
  kind: Kind,
  source: 'idp' | 'mac' = 'idp',
  transaction: string | undefined = id,
): CanonicalEvent {
  return {
    id,
    time,
    source,
    type: source === 'idp' ? 'mfa.result' : 'mac.mfa.result',
    user,
    ...(transaction === undefined ? {} : { transaction }),
    challenge: { id: `c-${id}`, factor: source === 'idp' ? 'push' : 'desktop_mfa', result: kind === 'muted' ? 'denied' : kind },
    outcome: kind === 'approved' ? 'success' : 'failure',
    reason: kind,
  };
}

/**
 * Streams whose times sit on whole minutes, so window edges (exactly W apart) come up often. A push often has a second
 * record (the Mac's and the IdP's result of one login-window push: same transaction, 0, 250 ms or a minute later);
 * transactions come from a small pool, so pushes far apart share one too, and some have none.
 */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom<Kind>('timeout', 'timeout', 'denied', 'denied', 'fraud', 'wrong_number', 'approved', 'muted', 'error'),
      source: fc.constantFrom<'idp' | 'mac'>('idp', 'idp', 'mac'),
      txn: fc.option(fc.integer({ min: 0, max: 120 }), { freq: 5 }),
      twin: fc.option(fc.constantFrom(0, 250, MINUTE), { freq: 3 }),
    }),
    { maxLength: 100, size: 'max' },
  )
  .map((rows) =>
    rows.flatMap((r, i) => {
      const id = `e${String(i).padStart(4, '0')}`;
      const time = T0 + r.minute * MINUTE;
      const txn = r.txn === null ? undefined : `t${r.txn}`;
      const first = result(`${id}a`, time, r.user, r.kind, r.source, txn);
      if (r.twin === null || txn === undefined) return [first];
      return [first, result(`${id}b`, time + r.twin, r.user, r.kind, r.source === 'idp' ? 'mac' : 'idp', txn)];
    }),
  );

const paramsArb = fc.record({
  threshold: fc.integer({ min: 2, max: 6 }),
  windowMs: fc.integer({ min: 1, max: 20 }).map((m) => m * MINUTE),
  // The oracle knows no population context: no crowd of failing users is ever an outage here (tested on its own).
  outageUsers: fc.constant(1000),
});

function run(events: CanonicalEvent[], params: DeniedBurstParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: deniedBurst, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

type Line = [user: string, status: Alert['status'], alertTime: number, severity: Alert['severity'], evidence: string[]];

const byTimeThenId = (a: CanonicalEvent, b: CanonicalEvent) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byLine = (a: Line, b: Line) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
const linesOf = (alerts: Alert[]) =>
  alerts.map((a): Line => [a.entity.value, a.status, a.alertTime, a.severity, a.status === 'open' ? a.evidence : []]).sort(byLine);

/**
 * The definition, recomputed naively: in (time, id) order, a failed result of a push not already in its window
 * `[t − W, t]` is a finding when the window then holds `threshold` distinct pushes; its severity is high when a fraud
 * or wrong-number result is in the window. Findings of one user more than the thread gap apart open a new thread;
 * a thread with more than one finding also has a closing line, at its last finding, with its highest severity.
 */
function oracle(events: CanonicalEvent[], { threshold, windowMs }: DeniedBurstParams): Line[] {
  const isFailed = (e: CanonicalEvent) =>
    e.outcome === 'failure' && e.reason !== 'muted' && ['denied', 'timeout', 'fraud', 'wrong_number'].includes(e.challenge!.result!);
  const push = (e: CanonicalEvent) => e.transaction ?? e.challenge?.id ?? e.id;
  const lines: Line[] = [];
  for (const user of users) {
    const failed = events.filter((e) => e.user === user && isFailed(e)).sort(byTimeThenId);
    const findings: Array<{ time: number; severity: Alert['severity']; evidence: string[] }> = [];
    failed.forEach((e, k) => {
      const window = failed.slice(0, k + 1).filter((d) => d.time >= e.time - windowMs);
      if (window.slice(0, -1).some((d) => push(d) === push(e))) return;
      if (new Set(window.map(push)).size < threshold) return;
      const high = window.some((d) => d.challenge!.result === 'fraud' || d.challenge!.result === 'wrong_number');
      findings.push({ time: e.time, severity: high ? 'high' : 'medium', evidence: window.map((d) => d.id) });
    });
    let thread: typeof findings = [];
    const close = () => {
      if (thread.length > 1) {
        const severity = thread.some((f) => f.severity === 'high') ? 'high' : 'medium';
        lines.push([user, 'closed', thread[thread.length - 1].time, severity, []]);
      }
      thread = [];
    };
    for (const f of findings) {
      if (thread.length > 0 && f.time - thread[thread.length - 1].time > HOUR) close();
      if (thread.length === 0) lines.push([user, 'open', f.time, f.severity, f.evidence]);
      thread.push(f);
    }
    close();
  }
  return lines.sort(byLine);
}

describe('denied-burst', () => {
  it('gives exactly the alert lines a naive recomputation of the definition gives, edges and severity included (property)', () => {
    fc.assert(
      fc.property(streamArb, paramsArb, (events, params) => {
        const inOrder = [...events].sort((a, b) => a.time - b.time);
        expect(linesOf(run(inOrder, params))).toEqual(oracle(events, params));
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
        const doubled = sorted.flatMap((e) => [e, e]);
        expect(run(doubled, params)).toEqual(run(sorted, params));
      }),
      { numRuns: 150 },
    );
  });

  describe('edges', () => {
    const params = { threshold: 5, windowMs: 10 * MINUTE, outageUsers: 5 };
    const ann = users[0];
    const at = (m: number) => T0 + m * MINUTE;

    it('stays quiet while a crowd fails together from several networks (a push outage), not while one user does', () => {
      // Six users each see five pushes time out in ten minutes; results carry the user's network.
      const crowd = (networks: number) =>
        ['ann', 'bob', 'cy', 'dee', 'eve', 'fay']
          .flatMap((u, k) =>
            [0, 2, 4, 6, 8].map((m, i) => ({
              ...result(`${u}${i}`, at(m) + k * 1000, u, 'timeout'),
              origin: { ip: `73.12.3.${k}`, asn: 7000 + (k % networks) },
            })),
          )
          .sort((a, b) => a.time - b.time);
      expect(run(crowd(2), params)).toEqual([]);
      // One network for all (a spray's), or a count above the crowd: each user's burst alerts.
      expect(run(crowd(1), params).filter((a) => a.status === 'open')).toHaveLength(6);
      expect(run(crowd(2), { ...params, outageUsers: 7 }).filter((a) => a.status === 'open')).toHaveLength(6);
    });

    it('fires at the result that reaches exactly `threshold` with the first exactly `windowMs` before it', () => {
      const events = [0, 2, 4, 6, 10].map((m, i) => result(`r${i}`, at(m), ann, 'timeout'));
      const alerts = run(events, params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.severity, a.evidence, a.outcomes])).toEqual([
        ['open', 10 * MINUTE, 'medium', ['r0', 'r1', 'r2', 'r3', 'r4'], { timeout: 5 }],
      ]);
    });

    it('does not fire one millisecond outside the window, nor on one result fewer', () => {
      expect(
        run([0, 2, 4, 6].map((m, i) => result(`r${i}`, at(m), ann, 'denied')).concat(result('r4', at(10) + 1, ann, 'denied')), params),
      ).toEqual([]);
      expect(
        run(
          [0, 2, 4, 6].map((m, i) => result(`r${i}`, at(m), ann, 'denied')),
          params,
        ),
      ).toEqual([]);
    });

    it('counts a push logged by the Mac and by the IdP once', () => {
      const twins = [0, 1, 2, 3].flatMap((m, i) => [
        result(`m${i}`, at(m), ann, 'timeout', 'mac', `t${i}`),
        result(`i${i}`, at(m) + 250, ann, 'timeout', 'idp', `t${i}`),
      ]);
      expect(run(twins, params)).toEqual([]);
      const alerts = run([...twins, result('i4', at(4), ann, 'timeout', 'idp', 't4')], params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.evidenceTotal])).toEqual([['open', 4 * MINUTE, 9]]);
    });

    it('leaves out muted denials, errors and approvals', () => {
      const events = [
        ...[0, 1, 2, 3].map((m, i) => result(`r${i}`, at(m), ann, 'denied')),
        result('muted', at(4), ann, 'muted'),
        result('error', at(5), ann, 'error'),
        result('ok', at(6), ann, 'approved'),
      ];
      expect(run(events, params)).toEqual([]);
    });

    it('raises the severity to high when a fraud report or a wrong number is among the results', () => {
      const events = [0, 1, 2, 3].map((m, i) => result(`r${i}`, at(m), ann, 'timeout'));
      const fraud = run([...events, result('f', at(4), ann, 'fraud')], params);
      expect(fraud.map((a) => [a.status, a.severity])).toEqual([['open', 'high']]);
      const later = run(
        [
          result('w', at(0), ann, 'wrong_number'),
          ...events.slice(1),
          result('r4', at(4), ann, 'timeout'),
          result('r5', at(11), ann, 'timeout'),
        ],
        params,
      );
      // The wrong number is in the first window (high), out of the second (medium): the thread keeps its highest.
      expect(later.map((a) => [a.status, a.alertTime - T0, a.severity])).toEqual([
        ['open', 4 * MINUTE, 'high'],
        ['closed', 11 * MINUTE, 'high'],
      ]);
    });
  });

  it('fires on the uber-burst target while the pushes time out, if the data holds a burst', async () => {
    const scenario = await loadScenarioFile('scenarios/uber-burst.yaml');
    const events: CanonicalEvent[] = [];
    const { truth } = simulate(scenario, (e) => events.push(e));
    const [incident] = truth.incidents;
    const params = defaultParams(deniedBurst);

    // What the data says: distinct failed pushes of the target within any 10-minute window during the incident.
    const failed = events
      .filter((e) => e.user === incident.target && e.time >= incident.start && e.time <= incident.end && deniedBurst.keyOf(e) !== undefined)
      .map((e) => e.time);
    const most = Math.max(0, ...failed.map((t) => failed.filter((u) => u >= t - params.windowMs && u <= t).length));
    expect(most).toBeGreaterThanOrEqual(params.threshold);

    const alerts = run(events, params);
    const mine = alerts.filter((a) => a.status === 'open' && a.entity.value === incident.target);
    expect(mine.some((a) => a.alertTime >= incident.start && a.alertTime <= incident.end + 10 * MINUTE)).toBe(true);
    expect(mine[0].outcomes).toEqual({ timeout: params.threshold });
  });
});
