import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert } from '../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../engine/runtime/DetectorRuntime.ts';
import { fraudReport } from '../../detectors/fraudReport.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { swapNeighbours } from '../_fixtures/swapNeighbours.ts';
import { HOUR, MINUTE } from '../../engine/model/duration/timeUnits.ts';

const T0 = Date.UTC(2026, 2, 2, 9);
const users = ['ann@x.org', 'bob@x.org', 'cy@x.org'];

type Kind = 'fraud' | 'denied' | 'approved' | 'timeout';

function result(id: string, time: number, user: string, kind: Kind, source: 'idp' | 'mac' = 'idp'): CanonicalEvent {
  return {
    id,
    time,
    source,
    type: source === 'idp' ? 'mfa.result' : 'mac.mfa.result',
    user,
    transaction: `t-${id}`,
    challenge: { id: `c-${id}`, factor: source === 'idp' ? 'push' : 'desktop_mfa', result: kind },
    outcome: kind === 'approved' ? 'success' : 'failure',
    reason: kind,
  };
}

/** Streams on whole minutes over five hours, so reports exactly a thread gap (an hour) apart come up. */
const streamArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...users),
      minute: fc.integer({ min: 0, max: 300 }),
      kind: fc.constantFrom<Kind>('fraud', 'fraud', 'denied', 'approved', 'timeout'),
      source: fc.constantFrom<'idp' | 'mac'>('idp', 'idp', 'mac'),
    }),
    { maxLength: 60, size: 'max' },
  )
  .map((rows) => rows.map((r, i) => result(`e${String(i).padStart(4, '0')}`, T0 + r.minute * MINUTE, r.user, r.kind, r.source)));

function run(events: CanonicalEvent[], lateness = 60_000): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: fraudReport, params: {} }], (a) => alerts.push(a), {
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
const linesOf = (alerts: Alert[]) => alerts.map((a): Line => [a.entity.value, a.status, a.alertTime, a.evidence]).sort(byLine);

/**
 * The definition, recomputed naively: every IdP result `fraud` is a finding at its time; findings of one user more than
 * the thread gap apart open a new thread, and a thread of several findings closes with all of them as evidence.
 */
function oracle(events: CanonicalEvent[]): Line[] {
  const lines: Line[] = [];
  for (const user of users) {
    const reports = events.filter((e) => e.user === user && e.type === 'mfa.result' && e.challenge!.result === 'fraud').sort(byTimeThenId);
    let thread: CanonicalEvent[] = [];
    const close = () => {
      if (thread.length > 1) lines.push([user, 'closed', thread[thread.length - 1].time, thread.map((e) => e.id)]);
      thread = [];
    };
    for (const e of reports) {
      if (thread.length > 0 && e.time - thread[thread.length - 1].time > HOUR) close();
      if (thread.length === 0) lines.push([user, 'open', e.time, [e.id]]);
      thread.push(e);
    }
    close();
  }
  return lines.sort(byLine);
}

describe('fraud-report', () => {
  it('gives exactly the alert lines a naive recomputation of the definition gives (property)', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const inOrder = [...events].sort((a, b) => a.time - b.time);
        expect(linesOf(run(inOrder))).toEqual(oracle(events));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same alerts when events are shuffled within the allowed lateness (property)', () => {
    fc.assert(
      fc.property(streamArb, fc.integer(), (events, seed) => {
        const sorted = [...events].sort((a, b) => a.time - b.time);
        const shuffled = swapNeighbours(sorted, seed, 5 * MINUTE - 1);
        expect(run(shuffled, 10 * MINUTE)).toEqual(run(sorted, 10 * MINUTE));
      }),
      { numRuns: 200 },
    );
  });

  it('duplicating events changes nothing (property)', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const sorted = [...events].sort((a, b) => a.time - b.time);
        expect(run(sorted.flatMap((e) => [e, e]))).toEqual(run(sorted));
      }),
      { numRuns: 150 },
    );
  });

  describe('edges', () => {
    const ann = users[0];
    const at = (m: number) => T0 + m * MINUTE;

    it('fires at a single fraud report, severity high, with the report as evidence', () => {
      const alerts = run([result('f', at(0), ann, 'fraud')]);
      expect(alerts.map((a) => [a.status, a.alertTime - T0, a.severity, a.evidence, a.outcomes])).toEqual([
        ['open', 0, 'high', ['f'], { fraud: 1 }],
      ]);
    });

    it('reads the IdP record only, and nothing but fraud', () => {
      const mac = result('m', at(0), ann, 'fraud', 'mac');
      expect(
        run([mac, result('d', at(1), ann, 'denied'), result('t', at(2), ann, 'timeout'), result('a', at(3), ann, 'approved')]),
      ).toEqual([]);
      expect(run([mac, { ...result('i', at(0) + 250, ann, 'fraud'), transaction: mac.transaction }]).map((a) => a.evidence)).toEqual([
        ['i'],
      ]);
    });

    it('keeps reports exactly the thread gap apart in one thread, and opens a new one a millisecond later', () => {
      const one = run([result('f1', at(0), ann, 'fraud'), result('f2', at(60), ann, 'fraud')]);
      expect(one.map((a) => [a.status, a.alertTime - T0, a.evidence])).toEqual([
        ['open', 0, ['f1']],
        ['closed', 60 * MINUTE, ['f1', 'f2']],
      ]);
      const two = run([result('f1', at(0), ann, 'fraud'), result('f2', at(60) + 1, ann, 'fraud')]);
      expect(two.map((a) => [a.status, a.alertTime - T0])).toEqual([
        ['open', 0],
        ['open', 60 * MINUTE + 1],
      ]);
    });
  });

  it('stays silent on the uber-burst target, who never reports fraud, and fires on the duo-fraud-mute targets, who do', async () => {
    const uber = await loadScenarioFile('scenarios/uber-burst.yaml');
    const uberEvents: CanonicalEvent[] = [];
    const uberTruth = simulate(uber, (e) => uberEvents.push(e)).truth;
    const [incident] = uberTruth.incidents;
    expect(uberEvents.some((e) => e.user === incident.target && fraudReport.keyOf(e) !== undefined)).toBe(false);
    expect(run(uberEvents).filter((a) => a.entity.value === incident.target)).toEqual([]);

    const duo = await loadScenarioFile('scenarios/duo-fraud-mute.yaml');
    const duoEvents: CanonicalEvent[] = [];
    const { truth } = simulate(duo, (e) => duoEvents.push(e));
    const alerts = run(duoEvents).filter((a) => a.status === 'open');
    for (const target of truth.incidents) {
      const reports = duoEvents.filter(
        (e) => e.user === target.target && e.time >= target.start && e.time <= target.end && fraudReport.keyOf(e) !== undefined,
      );
      const mine = alerts.filter(
        (a) => a.entity.value === target.target && a.alertTime >= target.start && a.alertTime <= target.end + 10 * MINUTE,
      );
      expect(mine.length > 0, target.id).toBe(reports.length > 0);
    }
    expect(truth.incidents.some((i) => alerts.some((a) => a.entity.value === i.target))).toBe(true);
  });
});
