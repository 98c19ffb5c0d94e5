import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { Incident, Truth } from '../../../../engine/model/generated/truth.ts';
import { scoreAlerts } from '../../../../engine/evaluate/scoring/scoreAlerts.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const T0 = Date.UTC(2026, 2, 2, 9);

const incident = (id: string, target: string, start: number, end: number, compromisedAt: number | null): Incident => ({
  id,
  kind: 'burst',
  campaign: id.split('#')[0],
  target,
  sources: ['203.0.113.9'],
  start,
  end,
  compromisedAt,
  prompts: 10,
});

const truthOf = (incidents: Incident[], users = 10, days = 2): Truth => ({
  pushstormVersion: '0.0.0',
  scenario: { name: 't', hash: 'h' },
  seed: 1,
  start: T0,
  end: T0 + days * day,
  users,
  days,
  incidents,
  labels: {},
});

const line = (id: string, detector: string, user: string, alertTime: number, over: Partial<Alert> = {}): Alert => ({
  id: `${detector}:default:user:${user}:${id}`,
  status: 'open',
  update: 1,
  detector: { id: detector, version: '1.0.0', baseline: detector.startsWith('baseline'), params: { threshold: 5 }, paramSet: 'default' },
  severity: 'high',
  title: detector,
  attack: { technique: 'T1621' },
  entity: { kind: 'user', value: user },
  user,
  firstTime: alertTime - minute,
  lastTime: alertTime,
  alertTime,
  challenges: 5,
  outcomes: { timeout: 5 },
  sources: [{ ip: '198.51.100.1', asOrg: 'ISP', country: 'US', count: 5 }],
  devices: [],
  apps: ['Slack'],
  relatedLogins: [],
  evidence: [],
  evidenceTotal: 5,
  ...over,
});

/**
 * A hand-built world: 10 users × 2 days = 20 user-days, three incidents —
 *   I1 ann, T0 … T0+30m, approved at T0+20m;  I2 bob, T0+2h … T0+2h30m, never approved;  I3 cy, day 2, approved at +5m.
 * Detector A (mfa-without-login): ann at +10m (open and closing line: one alert), dan at +5h (false), cy at 1d+8m.
 * Baseline B: bob at 2h+1m, eve at 2h (false, medium).
 */
const world = truthOf([
  incident('I#1', 'ann', T0, T0 + 30 * minute, T0 + 20 * minute),
  incident('I#2', 'bob', T0 + 2 * hour, T0 + 2 * hour + 30 * minute, null),
  incident('I#3', 'cy', T0 + day, T0 + day + 10 * minute, T0 + day + 5 * minute),
]);
const A = 'mfa-without-login';
const B = 'baseline-splunk-failed-mfa';
const alerts: Alert[] = [
  line('1', A, 'ann', T0 + 10 * minute),
  line('2', A, 'dan', T0 + 5 * hour),
  line('1', A, 'ann', T0 + 25 * minute, { status: 'closed', update: 2 }),
  line('3', A, 'cy', T0 + day + 8 * minute),
  line('4', B, 'bob', T0 + 2 * hour + minute),
  line('5', B, 'eve', T0 + 2 * hour, { severity: 'medium' }),
];
const prompts = new Map([
  ['I#1', Array.from({ length: 11 }, (_, m) => T0 + m * minute)],
  ['I#3', [0, 4, 8, 9].map((m) => T0 + day + m * minute)],
]);

describe('scoreAlerts on a world scored by hand', () => {
  const score = scoreAlerts(world, alerts, { prompts });

  it('scores each detector: threads, precision, recall, F1, time to detect, prompts, prevented, false alerts per 1,000 user-days', () => {
    const [a, b] = score.detectors;
    expect(a).toMatchObject({
      label: A,
      alerts: 3,
      trueAlerts: 2,
      falseAlerts: 1,
      incidentsDetected: 2,
      prevented: 1,
      timeToDetectMs: { median: 8 * minute, p95: 10 * minute },
      promptsBeforeDetection: { median: 3, p95: 11 },
      falseAlertsPer1000UserDays: 50,
      alertsPerDay: 1.5,
    });
    expect([a.precision, a.recall, a.f1, a.preventedRate]).toEqual([2 / 3, 2 / 3, 2 / 3, 1 / 3]);
    expect(b).toMatchObject({
      label: B,
      baseline: true,
      alerts: 2,
      trueAlerts: 1,
      incidentsDetected: 1,
      prevented: 1,
      falseAlertsPer1000UserDays: 50,
    });
    expect(b.precision).toBe(0.5);
    expect(b.f1).toBeCloseTo(0.4, 12);
  });

  it('leaves baselines out of the overall figures', () => {
    expect(score.overall).toMatchObject({ label: 'overall', alerts: 3, trueAlerts: 2, incidentsDetected: 2, prevented: 1 });
  });

  it('lists per incident which detector caught it, when, after how many prompts, and whether before the approval', () => {
    expect(score.perIncident.map((p) => [p.incident.id, p.detections])).toEqual([
      ['I#1', [{ label: A, at: T0 + 10 * minute, timeToDetectMs: 10 * minute, promptsBefore: 11, beforeCompromise: true }]],
      ['I#2', [{ label: B, at: T0 + 2 * hour + minute, timeToDetectMs: minute, promptsBefore: 0, beforeCompromise: true }]],
      ['I#3', [{ label: A, at: T0 + day + 8 * minute, timeToDetectMs: 8 * minute, promptsBefore: 3, beforeCompromise: false }]],
    ]);
  });

  it('lists false alerts, most severe first, with their context', () => {
    expect(score.falseAlerts.map((f) => [f.label, f.users, f.severity, f.alertTime - T0])).toEqual([
      [A, ['dan'], 'high', 5 * hour],
      [B, ['eve'], 'medium', 2 * hour],
    ]);
    expect(score.falseAlerts[0]).toMatchObject({
      challenges: 5,
      outcomes: { timeout: 5 },
      apps: ['Slack'],
      sources: [{ ip: '198.51.100.1', count: 5 }],
    });
  });

  it('states the world: users, days, user-days, incidents, compromises', () => {
    expect([score.users, score.days, score.userDays, score.incidents, score.compromises]).toEqual([10, 2, 20, 3, 2]);
  });

  it('gives a detector that ran and raised nothing its row: no alerts, recall 0, precision undefined', () => {
    const ran = [{ id: 'fraud-report', version: '1.0.0', baseline: false, params: {}, paramSet: 'default' }];
    const silent = scoreAlerts(world, alerts, { ran }).detectors.find((d) => d.label === 'fraud-report');
    expect(silent).toMatchObject({
      alerts: 0,
      trueAlerts: 0,
      precision: null,
      recall: 0,
      f1: 0,
      prevented: 0,
      falseAlertsPer1000UserDays: 0,
    });
    expect(scoreAlerts(world, alerts, { ran }).detectors.map((d) => d.label)).toEqual(['fraud-report', A, B]);
  });

  it('counts prompts as unknown without them', () => {
    expect(scoreAlerts(world, alerts).detectors[0].promptsBeforeDetection).toBeNull();
  });

  it('credits a thread from the line that first names the target (a spray names more users as it grows)', () => {
    const spray = (status: Alert['status'], users: string[], at: number) =>
      line('s', 'spray-by-source', 'x', at, { status, entity: { kind: 'source', value: '192.0.2.1' }, user: undefined, users });
    const s = scoreAlerts(world, [
      spray('open', ['zed', 'ann'], T0 + 12 * minute),
      spray('closed', ['zed', 'ann', 'bob'], T0 + 2 * hour + 20 * minute),
    ]);
    expect(s.detectors[0]).toMatchObject({ alerts: 1, trueAlerts: 1, incidentsDetected: 2 });
    expect(s.perIncident.map((p) => p.detections.map((d) => d.at - T0))).toEqual([[12 * minute], [2 * hour + 20 * minute], []]);
  });
});

const usersPool = ['ann', 'bob', 'cy', 'dan', 'eve', 'fay'];
const incidentsArb = fc
  .array(
    fc.record({
      target: fc.constantFrom(...usersPool),
      start: fc.integer({ min: 0, max: 2 * day }),
      length: fc.integer({ min: 0, max: 3 * hour }),
      approvedAfter: fc.option(fc.integer({ min: 0, max: 3 * hour }), { nil: null }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      incident(
        `c#${i + 1}`,
        r.target,
        T0 + r.start,
        T0 + r.start + r.length,
        r.approvedAfter === null ? null : T0 + r.start + Math.min(r.approvedAfter, r.length),
      ),
    ),
  );

describe('scoreAlerts properties', () => {
  it('a perfect detector (an alert at each incident’s start, from the truth) scores precision = recall = prevented rate = 1 (property)', () => {
    fc.assert(
      fc.property(incidentsArb, (incidents) => {
        const truth = truthOf(incidents);
        const perfect = incidents.map((i) => line(i.id, A, i.target, i.start));
        const { overall } = scoreAlerts(truth, perfect);
        expect([overall.precision, overall.recall, overall.f1, overall.falseAlerts, overall.timeToDetectMs.p95]).toEqual([1, 1, 1, 0, 0]);
        // Detected at its start: before any approval, unless the approval came in that same millisecond.
        expect(overall.prevented).toBe(incidents.filter((i) => i.compromisedAt === null || i.compromisedAt > i.start).length);
      }),
    );
  });

  it('no alerts: recall 0, F1 0, precision undefined, nothing prevented (property)', () => {
    fc.assert(
      fc.property(incidentsArb, (incidents) => {
        const { overall, detectors } = scoreAlerts(truthOf(incidents), []);
        expect(detectors).toEqual([]);
        expect([overall.alerts, overall.precision, overall.recall, overall.f1, overall.prevented]).toEqual([0, null, 0, 0, 0]);
      }),
    );
  });

  it('renaming users changes no figure (property)', () => {
    const alertsArb = fc.array(
      fc.record({
        user: fc.constantFrom(...usersPool),
        at: fc.integer({ min: 0, max: 2 * day + 4 * hour }),
        detector: fc.constantFrom(A, 'denied-burst', B),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(incidentsArb, alertsArb, fc.shuffledSubarray(usersPool, { minLength: usersPool.length }), (incidents, rows, permuted) => {
        const rename = (u: string) => `${permuted[usersPool.indexOf(u)]}-renamed`;
        const lines = rows.map((r, i) => line(String(i), r.detector, r.user, T0 + r.at));
        const renamedLines = rows.map((r, i) => line(String(i), r.detector, rename(r.user), T0 + r.at));
        const before = scoreAlerts(truthOf(incidents), lines);
        const after = scoreAlerts(truthOf(incidents.map((i) => ({ ...i, target: rename(i.target) }))), renamedLines);
        expect([after.overall, after.detectors]).toEqual([before.overall, before.detectors]);
        expect(after.perIncident.map((p) => p.detections)).toEqual(before.perIncident.map((p) => p.detections));
      }),
    );
  });
});
