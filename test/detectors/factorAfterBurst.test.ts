import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { factorAfterBurst, type FactorAfterBurstParams } from '../../detectors/factorAfterBurst.ts';
import { detectors } from '../../detectors/index.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { firingExample } from '../_fixtures/firingExample.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { DAY, HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

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
  lookbackMs: fc.constant(30 * DAY),
  orgUsers: fc.constant(3),
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
    lines.push(...threadLines(user, findings));
  }
  return lines.sort(byLine);
}

/** A user's findings as alert lines: threads by gap, a thread with more than one finding also closes. */
function threadLines(user: string, findings: ReadonlyArray<{ time: number; evidence: string[] }>): Line[] {
  const lines: Line[] = [];
  let thread: Array<{ time: number; evidence: string[] }> = [];
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
  return lines;
}

type Step = 'push' | 'failed' | 'muted' | 'signIn' | 'enroll';
const addresses = ['203.0.113.5', '198.51.100.9'];

/** An IdP record of `step` for `user` from `ip`: pushes, their failed results (muted too), sign-ins, enrolments. */
function record(id: string, time: number, user: string, step: Step, ip: string, txn: string): CanonicalEvent {
  const base = { id, time, source: 'idp' as const, user, origin: { ip }, transaction: txn };
  switch (step) {
    case 'push':
      return { ...base, type: 'mfa.challenge', challenge: { id: `c-${txn}`, factor: 'push' }, outcome: 'success' };
    case 'failed':
    case 'muted':
      return {
        ...base,
        type: 'mfa.result',
        challenge: { id: `c-${txn}`, factor: 'push', result: step === 'muted' ? 'timeout' : 'denied' },
        outcome: 'failure',
        reason: step === 'muted' ? 'muted' : 'denied',
      };
    case 'signIn':
      return { ...base, type: 'session.start', outcome: 'success', reason: 'mfa' };
    case 'enroll':
      return { ...base, type: 'factor.enroll', outcome: 'success', reason: 'okta_verify' };
  }
}

/** Two users' pushes, results, sign-ins and enrolments from two addresses, on whole minutes: windows' edges come up. */
const throughArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(users[0], users[1]),
      minute: fc.integer({ min: 0, max: 120 }),
      step: fc.constantFrom<Step>('push', 'push', 'push', 'failed', 'failed', 'muted', 'signIn', 'signIn', 'enroll'),
      ip: fc.constantFrom(...addresses),
      txn: fc.integer({ min: 0, max: 30 }),
    }),
    { maxLength: 60, size: 'max' },
  )
  .map((rows) => rows.map((r, i) => record(`e${String(i).padStart(4, '0')}`, T0 + r.minute * MINUTE, r.user, r.step, r.ip, `t${r.txn}`)));

/**
 * The pushed-through rule, recomputed naively in (time, id) order with no burst reachable: an address is familiar to
 * a user at `t` when they signed in from it at or after `t − lookback` before; a sign-in from `ip` at `t` counts when
 * a push from `ip` in `[t − W, t]` was sent while `ip` was not familiar, and either a failed (not muted) result from
 * `ip` in `[t − W, t]` or two distinct pushes from `ip` in `[t − W, t]` came before it; an enrolment from `ip` is a
 * finding when such a sign-in from `ip` is at most `W` before it and a failed result from `ip` within `W` of
 * that sign-in came before the enrolment. Evidence: those results and sign-ins in (time, id) order, then the enrolment.
 */
function throughOracle(events: CanonicalEvent[], { windowMs, lookbackMs }: FactorAfterBurstParams): Line[] {
  const sorted = [...events].sort(byTimeThenId);
  const lines: Line[] = [];
  const isFailed = (e: CanonicalEvent) => e.type === 'mfa.result' && e.reason !== 'muted';
  for (const user of users) {
    const findings: Array<{ time: number; evidence: string[] }> = [];
    const counted: CanonicalEvent[] = [];
    sorted.forEach((e, k) => {
      if (e.user !== user) return;
      const before = sorted.slice(0, k).filter((d) => d.user === user && d.origin!.ip === e.origin!.ip);
      const ip = e.origin!.ip;
      const familiarAt = (d: CanonicalEvent) =>
        sorted
          .slice(0, sorted.indexOf(d))
          .some((x) => x.user === user && x.type === 'session.start' && x.origin!.ip === ip && x.time >= d.time - lookbackMs);
      if (e.type === 'session.start') {
        const span = before.filter((d) => d.time >= e.time - windowMs);
        const pushes = span.filter((d) => d.type === 'mfa.challenge');
        const fresh = pushes.some((d) => !familiarAt(d));
        const contested = span.some(isFailed) || new Set(pushes.map((d) => d.transaction)).size >= 2;
        if (fresh && contested) counted.push(e);
      }
      if (e.type !== 'factor.enroll') return;
      const evidence = new Set<CanonicalEvent>();
      for (const signIn of counted.filter((s) => s.origin!.ip === ip && s.time >= e.time - windowMs)) {
        const near = before.filter((d) => isFailed(d) && Math.abs(d.time - signIn.time) <= windowMs);
        if (near.length === 0) continue;
        evidence.add(signIn);
        for (const d of near) evidence.add(d);
      }
      if (evidence.size > 0) findings.push({ time: e.time, evidence: [...[...evidence].sort(byTimeThenId).map((d) => d.id), e.id] });
    });
    lines.push(...threadLines(user, findings));
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

  it('fires at an enrolment from the address of a sign-in pushed through after a refused or ignored push, as a naive recomputation says (property)', () => {
    const throughParams = fc.record({
      threshold: fc.constant(50),
      windowMs: fc.integer({ min: 1, max: 20 }).map((m) => m * MINUTE),
      afterMs: fc.integer({ min: 1, max: 90 }).map((m) => m * MINUTE),
      lookbackMs: fc.integer({ min: 1, max: 3 }).map((d) => d * DAY),
      orgUsers: fc.constant(3),
    });
    const example = firingExample(fc.tuple(throughArb, throughParams), ([events, p]) => throughOracle(events, p).length > 0);
    let fired = 0;
    fc.assert(
      fc.property(throughArb, throughParams, (events, params) => {
        const expected = throughOracle(events, params);
        fired += expected.length;
        expect(linesOf(run([...events].sort(byTimeThenId), params))).toEqual(expected);
      }),
      { numRuns: 300, examples: [example] },
    );
    expect(fired, 'the streams make it fire').toBeGreaterThan(0);
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

describe('factor-after-burst: a sign-in pushed through', () => {
  const params = defaultParams(factorAfterBurst);
  const [ann, bob, cy] = users;
  const at = (s: number) => T0 + s * 1000;
  const attacker = '185.220.141.162';
  const home = '73.12.218.149';
  // Two pushes from the attacker's browser: the victim approves the second at 42 s (a call came in between) and
  // refuses the first at 45 s; the attacker enrols a factor five minutes later.
  const attack = (ip: string) => [
    record('a1', at(0), ann, 'push', ip, 't1'),
    record('a2', at(30), ann, 'push', ip, 't2'),
    record('a3', at(42), ann, 'signIn', ip, 't2'),
    record('a4', at(45), ann, 'failed', ip, 't1'),
    record('a5', at(342), ann, 'enroll', ip, 'x1'),
  ];

  it('fires at the enrolment, critical, with the refused push and the sign-in as evidence', () => {
    const alerts = run(attack(attacker), params);
    expect(alerts.map((a) => [a.status, a.alertTime - T0, a.severity, a.evidence])).toEqual([
      ['open', 342_000, 'critical', ['a3', 'a4', 'a5']],
    ]);
  });

  it('stays quiet when the address was the user’s own, or the organisation’s, before the pushes', () => {
    const yesterday = (user: string, id: string) => record(id, at(0) - DAY, user, 'signIn', home, `y-${id}`);
    expect(run([yesterday(ann, 'y0'), ...attack(home)], params)).toEqual([]);
    // Three other users signed in from it: an office's egress.
    expect(run([yesterday(bob, 'y1'), yesterday(cy, 'y2'), yesterday('dee@x.org', 'y3'), ...attack(home)], params)).toEqual([]);
    expect(run([yesterday(bob, 'y1'), ...attack(home)], params)).toHaveLength(1);
  });

  it('stays quiet when the enrolment comes from elsewhere or more than a window after the sign-in, or the refused push was more than a window from it', () => {
    const elsewhere = attack(attacker).map((e) => (e.id === 'a5' ? { ...e, origin: { ip: home } } : e));
    expect(run(elsewhere, params)).toEqual([]);
    const lone = [
      record('b1', at(0), ann, 'push', attacker, 't1'),
      record('b2', at(10), ann, 'failed', attacker, 't1'),
      record('b3', at(0) + 31 * MINUTE, ann, 'push', attacker, 't2'),
      record('b4', at(10) + 31 * MINUTE, ann, 'signIn', attacker, 't2'),
      record('b5', at(20) + 31 * MINUTE, ann, 'enroll', attacker, 'x1'),
    ];
    expect(run(lone, params)).toEqual([]);
    // A traveller's phone change two hours after they got in: not within the window of the sign-in.
    const later = attack(attacker).map((e) => (e.id === 'a5' ? { ...e, time: at(42) + 30 * MINUTE + 1 } : e));
    expect(run(later, params)).toEqual([]);
    expect(
      run(
        later.map((e) => (e.id === 'a5' ? { ...e, time: at(42) + 30 * MINUTE } : e)),
        params,
      ),
    ).toHaveLength(1);
  });

  it('finds the same among the whole default set, in either order: the others feed the table of sign-in addresses it reads', () => {
    const alone = run(attack(attacker), params).map((a) => a.evidence);
    expect(alone).toHaveLength(1);
    for (const set of [detectors, [...detectors].reverse()]) {
      const together: Alert[] = [];
      const runtime = new DetectorRuntime(
        set.map((d) => ({ definition: d, params: defaultParams(d) })),
        (a) => together.push(a),
      );
      for (const e of attack(attacker)) runtime.push(e);
      runtime.finish();
      expect(together.filter((a) => a.detector.id === factorAfterBurst.id).map((a) => a.evidence)).toEqual(alone);
    }
  });
});
