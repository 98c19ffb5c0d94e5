import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fraudReport } from '../../../detectors/index.ts';
import { alertsOfRows } from '../../../engine/evaluate/alertsOfRows.ts';
import { alertsOfText } from '../../../engine/formats/canonical/alertsOfText.ts';
import type { Alert } from '../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { DetectorRuntime } from '../../../engine/runtime/DetectorRuntime.ts';

const T = Date.UTC(2026, 2, 2, 9);
const HOUR = 3_600_000;

/** Fraud reports: the detector makes one finding per event, so its findings are exactly these rows. */
const report = (id: string, user: string, time: number): CanonicalEvent => ({
  id,
  time,
  source: 'idp',
  type: 'mfa.result',
  user,
  challenge: { id: `c-${id}`, factor: 'push', result: 'fraud' },
});

function streaming(events: readonly CanonicalEvent[]): Alert[] {
  const alerts: Alert[] = [];
  const runtime = new DetectorRuntime([{ definition: fraudReport, params: {} }], (a) => alerts.push(a));
  for (const e of events) runtime.push(e);
  runtime.finish();
  return alerts;
}

/** What a row can know of an alert line: all but the triage context the runtime builds from the evidence events. */
function knowable(a: Alert) {
  const { challenges: _c, outcomes: _o, sources: _s, devices: _d, apps: _a, relatedLogins: _r, ...rest } = a;
  return rest;
}
const byTime = (a: Pick<Alert, 'alertTime' | 'id' | 'status'>, b: Pick<Alert, 'alertTime' | 'id' | 'status'>) =>
  a.alertTime - b.alertTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.status === 'open' ? -1 : 1);

describe('alertsOfRows', () => {
  it('folds rows into the threads the runtime folds the same findings into: same ids, lines, times, updates (property)', () => {
    // Gaps around the thread gap (1 h, a millisecond either side), repeats at one instant and long silences.
    const gap = fc.constantFrom(0, 0, 60_000, HOUR - 1, HOUR, HOUR + 1, 3 * HOUR);
    const finding = fc.record({ user: fc.constantFrom('ann', 'bob'), gap, repeat: fc.boolean() });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 25 }), (drawn) => {
        let time = T;
        const events: CanonicalEvent[] = [];
        drawn.forEach((d, i) => {
          time += d.gap;
          events.push(report(`e${String(i).padStart(2, '0')}`, d.user, time));
          // The same event twice: the runtime drops the copy; as a row it adds no evidence id, so no growth either.
          if (d.repeat) events.push(report(`e${String(i).padStart(2, '0')}`, d.user, time));
        });
        const expected = streaming(events).map(knowable).sort(byTime);
        const rows = events.map((e, i) => ({ row: i + 1, entity: e.user, decisionTime: e.time, evidence: [e.id] }));
        // Rows in any order: a foreign engine need not sort them.
        const shuffled = [...rows].reverse();
        expect(alertsOfRows(shuffled, { detector: 'fraud-report' }).map(knowable)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('without evidence ids, each later row of a thread grows it: the closing line counts the rows', () => {
    const rows = [0, 10, 20].map((m, i) => ({ row: i + 1, entity: 'ann', decisionTime: T + m * 60_000, evidence: 2 }));
    const lines = alertsOfRows(rows, { detector: 'fraud-report' });
    expect(lines.map((a) => [a.status, a.update, a.alertTime, a.evidenceTotal])).toEqual([
      ['open', 1, T, 2],
      ['closed', 3, T + 20 * 60_000, 6],
    ]);
    expect(lines[0].id).toBe(`fraud-report:default:user:ann:${T}`);
  });

  it('names entities as the runtime does: a user, a source IP to match by, an ASN as AS<n>, a device', () => {
    const lines = alertsOfRows(
      [
        { row: 1, entity: 'ann', decisionTime: T },
        { row: 2, entity: '198.51.100.7', decisionTime: T, entityKind: 'source', users: ['bob', 'ann'] },
        { row: 3, entity: '13335', decisionTime: T, entityKind: 'asn', users: ['cy'] },
        { row: 4, entity: 'as13335', decisionTime: T + 1, entityKind: 'asn' },
        { row: 5, entity: 'MAC-1', decisionTime: T, entityKind: 'device' },
      ],
      { detector: 'siem-rule' },
    );
    const shown = lines.map((a) => ({ id: a.id, status: a.status, entity: a.entity, user: a.user, users: a.users, sources: a.sources }));
    expect(shown).toEqual([
      { id: `siem-rule:default:device:MAC-1:${T}`, status: 'open', entity: { kind: 'device', value: 'MAC-1' }, users: [], sources: [] },
      {
        id: `siem-rule:default:source:198.51.100.7:${T}`,
        status: 'open',
        entity: { kind: 'source', value: '198.51.100.7' },
        users: ['ann', 'bob'],
        sources: [{ ip: '198.51.100.7', count: 1 }],
      },
      {
        id: `siem-rule:default:source:AS13335:${T}`,
        status: 'open',
        entity: { kind: 'source', value: 'AS13335' },
        user: 'cy',
        users: ['cy'],
        sources: [],
      },
      { id: `siem-rule:default:user:ann:${T}`, status: 'open', entity: { kind: 'user', value: 'ann' }, user: 'ann', sources: [] },
      {
        id: `siem-rule:default:source:AS13335:${T}`,
        status: 'closed',
        entity: { kind: 'source', value: 'AS13335' },
        user: 'cy',
        users: ['cy'],
        sources: [],
      },
    ]);
  });

  it("takes a known detector's metadata and entity kind; an unknown one is external, keyed by user unless told", () => {
    const [okta] = alertsOfRows([{ row: 1, entity: '198.51.100.7', decisionTime: T }], { detector: 'baseline-okta-abandonment' });
    expect(okta.entity.kind).toBe('source');
    expect(okta.detector).toEqual({ id: 'baseline-okta-abandonment', version: '1.0.0', baseline: true, params: {}, paramSet: 'default' });
    expect(okta.severity).not.toBe(undefined);
    const [mine] = alertsOfRows([{ row: 1, entity: 'x', decisionTime: T, detector: 'my-rule@strict' }], { detector: 'unused' });
    expect(mine.detector).toEqual({ id: 'my-rule', version: 'external', baseline: false, params: {}, paramSet: 'strict' });
    expect(mine.entity.kind).toBe('user');
    const [device] = alertsOfRows([{ row: 1, entity: 'x', decisionTime: T }], { detector: 'fraud-report', entityKind: 'device' });
    expect(device.entity.kind).toBe('device');
  });

  it('keeps rows of different detectors, parameter sets and entity kinds in different threads', () => {
    const rows = [
      { row: 1, entity: 'ann', decisionTime: T, detector: 'a' },
      { row: 2, entity: 'ann', decisionTime: T + 1, detector: 'b' },
      { row: 3, entity: 'ann', decisionTime: T + 2, detector: 'a@s' },
      { row: 4, entity: 'ann', decisionTime: T + 3, detector: 'a', entityKind: 'device' as const },
    ];
    expect(alertsOfRows(rows, { detector: 'x' }).filter((a) => a.status === 'open')).toHaveLength(4);
  });

  it('writes alert lines the alert schema accepts', () => {
    const lines = alertsOfRows(
      [
        { row: 1, entity: 'ann', decisionTime: T, evidence: ['e1'] },
        { row: 2, entity: 'ann', decisionTime: T + 5, evidence: ['e2'], detector: 'baseline-splunk-failed-mfa' },
        { row: 3, entity: 'ann', decisionTime: T + 9, evidence: ['e3'] },
        { row: 4, entity: '10.0.0.1', decisionTime: T, entityKind: 'source', users: ['ann'] },
      ],
      { detector: 'x' },
    );
    const text = lines.map((a) => JSON.stringify(a)).join('\n');
    expect(alertsOfText(text, 'lines')).toEqual(lines);
  });
});
