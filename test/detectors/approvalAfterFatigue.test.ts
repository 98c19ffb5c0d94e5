import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { defaultParams } from '../../engine/runtime/DetectorDefinition.ts';
import { approvalAfterFatigue, type ApprovalAfterFatigueParams } from '../../detectors/approvalAfterFatigue.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

type Kind = 'denied' | 'timeout' | 'wrong_number' | 'fraud' | 'approved' | 'muted';

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

/** The session an approval opens (IdP or Mac login window), sharing its transaction. */
function login(id: string, time: number, user: string, transaction: string | undefined, source: 'idp' | 'mac' = 'idp'): CanonicalEvent {
  return {
    id,
    time,
    source,
    type: source === 'idp' ? 'session.start' : 'mac.session.start',
    user,
    ...(transaction === undefined ? {} : { transaction }),
    session: `s-${id}`,
    outcome: 'success',
  };
}

/**
 * Streams on whole minutes, so window edges (exactly W before the approval) come up often. A result often brings a
 * session of its transaction (30 s before, at the same millisecond — sorting before or after it — or 30 s, exactly a
 * minute, or a minute and a millisecond later) and sometimes its second record (the Mac's and the IdP's, 250 ms or a
 * minute apart); transactions come from a small pool, so unrelated pushes and sessions share one too.
 */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom<Kind>('timeout', 'timeout', 'denied', 'denied', 'wrong_number', 'fraud', 'muted', 'approved', 'approved'),
      source: fc.constantFrom<'idp' | 'mac'>('idp', 'idp', 'mac'),
      txn: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 6 }),
      session: fc.option(fc.constantFrom(-1, -30_000, 0, 30_000, MINUTE, MINUTE + 1), { freq: 2 }),
      twin: fc.option(fc.constantFrom(250, MINUTE), { freq: 2 }),
    }),
    { maxLength: 100, size: 'max' },
  )
  .map((rows) =>
    rows.flatMap((r, i) => {
      const id = `e${String(i).padStart(4, '0')}`;
      const time = T0 + r.minute * MINUTE;
      const txn = r.txn === null ? undefined : `t${r.txn}`;
      const out = [result(`${id}b`, time, r.user, r.kind, r.source, txn)];
      if (r.session !== null)
        out.push(login(r.session === -1 ? `${id}a` : `${id}c`, time + (r.session === -1 ? 0 : r.session), r.user, txn, r.source));
      if (r.twin !== null && txn !== undefined)
        out.push(result(`${id}d`, time + r.twin, r.user, r.kind, r.source === 'idp' ? 'mac' : 'idp', txn));
      return out;
    }),
  );

const paramsArb = fc.record({
  threshold: fc.integer({ min: 1, max: 5 }),
  windowMs: fc.integer({ min: 1, max: 20 }).map((m) => m * MINUTE),
});

function run(events: CanonicalEvent[], params: ApprovalAfterFatigueParams, lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: approvalAfterFatigue, params }], (a) => alerts.push(a), {
    allowedLatenessMs: lateness,
    threadGapMs: HOUR,
  });
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

type Line = [user: string, status: Alert['status'], alertTime: number, evidence: string[], relatedLogins: string[]];

const byTimeThenId = (a: CanonicalEvent, b: CanonicalEvent) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byLine = (a: Line, b: Line) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
const linesOf = (alerts: Alert[]) =>
  alerts
    .map(
      (a): Line => [a.entity.value, a.status, a.alertTime, a.status === 'open' ? a.evidence : [], a.relatedLogins.map((l) => l.id).sort()],
    )
    .sort(byLine);

/**
 * The definition, recomputed naively, in (time, id) order: an approval whose push had no approval record in the
 * window before it is a finding when the window `[t − W, t]` before it holds `threshold` distinct pushes that ended
 * timeout, denied or wrong_number (not muted). Its related logins are the sessions of its transaction from its
 * millisecond to a minute after: those sorting before it go into the finding, each later one is a finding of its
 * own at the session's time. Threads by gap; a thread with more than one finding also has a closing line.
 */
function oracle(events: CanonicalEvent[], { threshold, windowMs }: ApprovalAfterFatigueParams): Line[] {
  const isResult = (e: CanonicalEvent) => e.type === 'mfa.result' || e.type === 'mac.mfa.result';
  const isFailed = (e: CanonicalEvent) =>
    isResult(e) && e.reason !== 'muted' && ['denied', 'timeout', 'wrong_number'].includes(e.challenge!.result!);
  const isApproval = (e: CanonicalEvent) => isResult(e) && e.challenge!.result === 'approved';
  const isLogin = (e: CanonicalEvent) => e.type === 'session.start' || e.type === 'mac.session.start';
  const push = (e: CanonicalEvent) => e.transaction ?? e.challenge?.id ?? e.id;
  const lines: Line[] = [];
  for (const user of users) {
    const mine = events.filter((e) => e.user === user).sort(byTimeThenId);
    const findings: Array<{ time: number; evidence: string[]; logins: string[] }> = [];
    mine.forEach((a, k) => {
      if (!isApproval(a)) return;
      const before = mine.slice(0, k).filter((d) => d.time >= a.time - windowMs);
      if (before.some((d) => isApproval(d) && push(d) === push(a))) return;
      const failed = before.filter(isFailed);
      if (new Set(failed.map(push)).size < threshold) return;
      const ofTxn = (l: CanonicalEvent) => isLogin(l) && a.transaction !== undefined && l.transaction === a.transaction;
      const early = before.filter((l) => ofTxn(l) && l.time >= a.time);
      findings.push({ time: a.time, evidence: [...failed, a].map((d) => d.id), logins: early.map((l) => l.id) });
      for (const l of mine.slice(k + 1))
        if (ofTxn(l) && l.time <= a.time + MINUTE) findings.push({ time: l.time, evidence: [], logins: [l.id] });
    });
    findings.sort((a, b) => a.time - b.time);
    let thread: typeof findings = [];
    const close = () => {
      if (thread.length > 1) lines.push([user, 'closed', thread[thread.length - 1].time, [], thread.flatMap((f) => f.logins).sort()]);
      thread = [];
    };
    for (const f of findings) {
      if (thread.length > 0 && f.time - thread[thread.length - 1].time > HOUR) close();
      if (thread.length === 0) lines.push([user, 'open', f.time, f.evidence, [...f.logins].sort()]);
      thread.push(f);
    }
    close();
  }
  return lines.sort(byLine);
}

describe('approval-after-fatigue', () => {
  it('gives exactly the alert lines a naive recomputation of the definition gives, edges and sessions included (property)', () => {
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
    const params = { threshold: 3, windowMs: 30 * MINUTE };
    const ann = users[0];
    const at = (m: number) => T0 + m * MINUTE;
    const storm = (...minutes: number[]) => minutes.map((m, i) => result(`f${i}`, at(m), ann, i % 2 === 0 ? 'timeout' : 'denied'));

    it('fires at an approval after exactly `threshold` failed prompts, the first exactly `windowMs` before it', () => {
      const alerts = run([...storm(0, 10, 20), result('ok', at(30), ann, 'approved')], params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.severity, a.evidence, a.outcomes])).toEqual([
        ['open', 30 * MINUTE, 'critical', ['f0', 'f1', 'f2', 'ok'], { timeout: 2, denied: 1, approved: 1 }],
      ]);
    });

    it('does not fire one millisecond outside the window, on one failed prompt fewer, or without an approval', () => {
      expect(run([...storm(0, 10, 20), result('ok', at(30) + 1, ann, 'approved')], params)).toEqual([]);
      expect(run([...storm(10, 20), result('ok', at(30), ann, 'approved')], params)).toEqual([]);
      expect(run(storm(0, 5, 10, 15, 20), params)).toEqual([]);
    });

    it('counts wrong numbers but not muted denials or fraud reports', () => {
      const ok = result('ok', at(5), ann, 'approved');
      expect(run([result('w', at(0), ann, 'wrong_number'), ...storm(1, 2), ok], params).map((a) => a.status)).toEqual(['open']);
      expect(run([result('m', at(0), ann, 'muted'), result('f', at(1), ann, 'fraud'), ...storm(2, 3), ok], params)).toEqual([]);
    });

    it('counts a push logged by the Mac and by the IdP once, and fires once for an approval logged twice', () => {
      const twins = [0, 1].flatMap((m, i) => [
        result(`m${i}`, at(m), ann, 'timeout', 'mac', `t${i}`),
        result(`i${i}`, at(m) + 250, ann, 'timeout', 'idp', `t${i}`),
      ]);
      const approvalTwice = [
        result('mok', at(2), ann, 'approved', 'mac', 'tok'),
        result('iok', at(2) + 250, ann, 'approved', 'idp', 'tok'),
      ];
      expect(run([...twins, ...approvalTwice], params)).toEqual([]);
      const alerts = run([...twins, result('i2', at(1), ann, 'denied', 'idp', 't2'), ...approvalTwice], params);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.evidence])).toEqual([
        ['open', 2 * MINUTE, ['m0', 'i0', 'i2', 'm1', 'i1', 'mok']],
      ]);
    });

    it('attaches the session of the approval’s transaction up to exactly a minute later, without waiting for it', () => {
      const ok = result('ok', at(30), ann, 'approved', 'idp', 'tx');
      const alerts = run(
        [...storm(0, 10, 20), ok, login('s', at(31), ann, 'tx'), login('late', at(31) + 1, ann, 'tx'), login('other', at(30), ann, 'ty')],
        params,
      );
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.relatedLogins.map((l) => l.id), a.evidenceTotal])).toEqual([
        ['open', 30 * MINUTE, [], 4],
        ['closed', 31 * MINUTE, ['s'], 4],
      ]);
      // A session logged at the approval's millisecond but sorting before it is in the opening line.
      const early = run(
        [...storm(0, 10, 20), login('a-session', at(30), ann, 'tx'), result('b-ok', at(30), ann, 'approved', 'idp', 'tx')],
        params,
      );
      expect(early.map((a) => [a.status, a.relatedLogins.map((l) => l.id)])).toEqual([['open', ['a-session']]]);
    });
  });

  it('fires on the uber-burst target at the approval that ended the storm, with its session', async () => {
    const scenario = await loadScenarioFile('scenarios/uber-burst.yaml');
    const events: CanonicalEvent[] = [];
    const { truth } = simulate(scenario, (e) => events.push(e));
    const [incident] = truth.incidents;
    expect(incident.compromisedAt).not.toBeNull();

    const alerts = run(events, defaultParams(approvalAfterFatigue));
    const mine = alerts.filter((a) => a.entity.value === incident.target);
    const open = mine.find((a) => a.status === 'open' && a.alertTime >= incident.start && a.alertTime <= incident.end + 10 * MINUTE);
    expect(open?.alertTime).toBe(incident.compromisedAt);
    expect(open?.severity).toBe('critical');
    expect(open?.outcomes.approved).toBe(1);
    const approval = events.find((e) => e.user === incident.target && e.time === incident.compromisedAt && e.type === 'mfa.result')!;
    const logins = mine.flatMap((a) => a.relatedLogins);
    expect(
      logins.some(
        (l) =>
          l.type === 'session.start' &&
          l.id === events.find((e) => e.type === 'session.start' && e.transaction === approval.transaction)?.id,
      ),
    ).toBe(true);
  });
});
