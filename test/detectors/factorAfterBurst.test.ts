import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { factorAfterBurst, type FactorAfterBurstParams } from '../../detectors/factorAfterBurst.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

type Kind = 'push' | 'unsent' | 'macpush' | 'enroll' | 'enrollFailed';

function push(id: string, time: number, user: string, transaction: string | undefined = id, sent = true): CanonicalEvent {
  return {
    id,
    time,
    source: 'idp',
    type: 'mfa.challenge',
    user,
    ...(transaction === undefined ? {} : { transaction }),
    challenge: { id: `c-${id}`, factor: 'push' },
    outcome: sent ? 'success' : 'failure',
    ...(sent ? {} : { reason: 'rate_limited' }),
  };
}

function enroll(id: string, time: number, user: string, ok = true): CanonicalEvent {
  return {
    id,
    time,
    source: 'idp',
    type: 'factor.enroll',
    user,
    transaction: `x-${id}`,
    outcome: ok ? 'success' : 'failure',
    reason: 'okta_verify',
  };
}

function event(id: string, time: number, user: string, kind: Kind, transaction: string | undefined): CanonicalEvent {
  switch (kind) {
    case 'push':
      return push(id, time, user, transaction);
    case 'unsent':
      return push(id, time, user, transaction, false);
    case 'macpush':
      return {
        id,
        time,
        source: 'mac',
        type: 'mac.mfa.request',
        user,
        ...(transaction === undefined ? {} : { transaction }),
        challenge: { id: `m-${id}`, factor: 'desktop_mfa' },
      };
    case 'enroll':
      return enroll(id, time, user);
    case 'enrollFailed':
      return enroll(id, time, user, false);
  }
}

/**
 * Streams on whole minutes, so the burst window's edge (exactly W) and the reach after it (exactly `afterMs`) come
 * up often. A push sometimes has a second record of its transaction (at once or a minute later); transactions come
 * from a small pool, so pushes far apart share one too.
 */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 150 }),
      kind: fc.constantFrom<Kind>('push', 'push', 'push', 'push', 'push', 'unsent', 'macpush', 'enroll', 'enroll', 'enrollFailed'),
      txn: fc.option(fc.integer({ min: 0, max: 120 }), { freq: 5 }),
      twin: fc.option(fc.constantFrom(0, MINUTE), { freq: 4 }),
    }),
    { maxLength: 100, size: 'max' },
  )
  .map((rows) =>
    rows.flatMap((r, i) => {
      const id = `e${String(i).padStart(4, '0')}`;
      const time = T0 + r.minute * MINUTE;
      const txn = r.txn === null ? undefined : `t${r.txn}`;
      const first = event(`${id}a`, time, r.user, r.kind, txn);
      if (r.kind !== 'push' || r.twin === null || txn === undefined) return [first];
      return [first, push(`${id}b`, time + r.twin, r.user, txn)];
    }),
  );

const paramsArb = fc.record({
  threshold: fc.integer({ min: 2, max: 6 }),
  windowMs: fc.integer({ min: 1, max: 20 }).map((m) => m * MINUTE),
  afterMs: fc.integer({ min: 1, max: 90 }).map((m) => m * MINUTE),
});

function run(events: CanonicalEvent[], params: FactorAfterBurstParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: factorAfterBurst, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

type Line = [user: string, status: Alert['status'], alertTime: number, evidence: string[]];

const byTimeThenId = (a: CanonicalEvent, b: CanonicalEvent) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byLine = (a: Line, b: Line) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
const linesOf = (alerts: Alert[]) =>
  alerts.map((a): Line => [a.entity.value, a.status, a.alertTime, a.status === 'open' ? a.evidence : []]).sort(byLine);

/**
 * The definition, recomputed naively, in (time, id) order: a sent push of a transaction not already in its window
 * `[t − W, t]` completes a burst when the window then holds `threshold` distinct pushes; a successful enrolment is a
 * finding when the latest burst before it is at most `afterMs` old, with that burst's window and itself as evidence.
 * Threads by gap; a thread with more than one finding also has a closing line.
 */
function oracle(events: CanonicalEvent[], { threshold, windowMs, afterMs }: FactorAfterBurstParams): Line[] {
  const isPush = (e: CanonicalEvent) => e.type === 'mfa.challenge' && e.outcome === 'success';
  const key = (e: CanonicalEvent) => e.transaction ?? e.challenge?.id ?? e.id;
  const lines: Line[] = [];
  for (const user of users) {
    const mine = events.filter((e) => e.user === user).sort(byTimeThenId);
    const pushes = mine.filter(isPush);
    let burst: { time: number; evidence: string[] } | undefined;
    const findings: Array<{ time: number; evidence: string[] }> = [];
    for (const e of mine) {
      if (e.type === 'factor.enroll' && e.outcome === 'success' && burst !== undefined && burst.time >= e.time - afterMs) {
        findings.push({ time: e.time, evidence: [...burst.evidence, e.id] });
      }
      if (!isPush(e)) continue;
      const window = pushes.slice(0, pushes.indexOf(e) + 1).filter((d) => d.time >= e.time - windowMs);
      if (window.slice(0, -1).some((d) => key(d) === key(e))) continue;
      if (new Set(window.map(key)).size >= threshold) burst = { time: e.time, evidence: window.map((d) => d.id) };
    }
    let thread: typeof findings = [];
    const close = () => {
      if (thread.length > 1) lines.push([user, 'closed', thread[thread.length - 1].time, []]);
      thread = [];
    };
    for (const f of findings) {
      if (thread.length > 0 && f.time - thread[thread.length - 1].time > HOUR) close();
      if (thread.length === 0) lines.push([user, 'open', f.time, f.evidence]);
      thread.push(f);
    }
    close();
  }
  return lines.sort(byLine);
}

describe('factor-after-burst', () => {
  it('gives exactly the alert lines a naive recomputation of the definition gives, edges included (property)', () => {
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
    const params = defaultParams(factorAfterBurst); // 5 pushes in 30 min, an enrolment up to 2 h later
    const ann = users[0];
    const at = (m: number) => T0 + m * MINUTE;
    const burst = (...minutes: number[]) => minutes.map((m, i) => push(`p${i}`, at(m), ann));

    it('fires at an enrolment exactly `afterMs` after exactly `threshold` pushes spanning exactly `windowMs`', () => {
      const alerts = run([...burst(0, 10, 15, 20, 30), enroll('new', at(30) + 2 * HOUR, ann)], params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.severity, a.evidence, a.challenges])).toEqual([
        ['open', 30 * MINUTE + 2 * HOUR, 'critical', ['p0', 'p1', 'p2', 'p3', 'p4', 'new'], 5],
      ]);
    });

    it('does not fire a millisecond too late, on one push fewer, or on pushes a millisecond too spread out', () => {
      expect(run([...burst(0, 10, 15, 20, 30), enroll('new', at(30) + 2 * HOUR + 1, ann)], params)).toEqual([]);
      expect(run([...burst(0, 10, 15, 30), enroll('new', at(31), ann)], params)).toEqual([]);
      expect(run([...burst(0, 10, 15, 20), push('p4', at(30) + 1, ann), enroll('new', at(31), ann)], params)).toEqual([]);
    });

    it('measures `afterMs` from the latest push that kept the burst going', () => {
      const storm = burst(0, 5, 10, 15, 20, 25, 40);
      expect(run([...storm, enroll('new', at(40) + 2 * HOUR, ann)], params).map((a) => a.alertTime - T0)).toEqual([40 * MINUTE + 2 * HOUR]);
    });

    it('counts pushes that were sent, once per transaction, and only enrolments that succeeded', () => {
      const twice = [0, 1, 2, 3].flatMap((m) => [push(`a${m}`, at(m), ann, `t${m}`), push(`b${m}`, at(m) + 250, ann, `t${m}`)]);
      expect(run([...twice, push('unsent', at(4), ann, 'tu', false), enroll('new', at(5), ann)], params)).toEqual([]);
      expect(run([...twice, push('p4', at(4), ann), enroll('bad', at(5), ann, false)], params)).toEqual([]);
      expect(run([...twice, push('p4', at(4), ann), enroll('new', at(5), ann)], params).map((a) => a.evidenceTotal)).toEqual([10]);
    });
  });

  it('fires on the uber-burst target when the attacker enrols a factor', async () => {
    const scenario = await loadScenarioFile('scenarios/uber-burst.yaml');
    const events: CanonicalEvent[] = [];
    const { truth } = simulate(scenario, (e) => events.push(e));
    const [incident] = truth.incidents;
    const enrolment = events.find((e) => e.type === 'factor.enroll' && e.user === incident.target && e.time >= incident.start);
    expect(enrolment?.time).toBe(incident.end);

    const alerts = run(events, defaultParams(factorAfterBurst));
    const open = alerts.find((a) => a.status === 'open' && a.entity.value === incident.target);
    expect(open?.alertTime).toBe(enrolment!.time);
    expect(open!.alertTime).toBeGreaterThanOrEqual(incident.start);
    expect(open!.alertTime).toBeLessThanOrEqual(incident.end + 10 * MINUTE);
    expect(open?.evidence.at(-1)).toBe(enrolment!.id);
    expect(open!.challenges).toBeGreaterThanOrEqual(5);
  });
});
