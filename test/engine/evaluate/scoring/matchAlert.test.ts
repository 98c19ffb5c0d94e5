import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { Incident } from '../../../../engine/model/generated/truth.ts';
import { matchAlert } from '../../../../engine/evaluate/scoring/matchAlert.ts';

const minute = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9);

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'burst#1',
  kind: 'burst',
  campaign: 'burst',
  target: 'ann@x.org',
  sources: ['203.0.113.9'],
  start: T0,
  end: T0 + 30 * minute,
  compromisedAt: null,
  prompts: 12,
  ...over,
});

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a',
  status: 'open',
  update: 1,
  detector: { id: 'd', version: '1', baseline: false, params: {}, paramSet: 'default' },
  severity: 'high',
  title: 't',
  attack: { technique: 'T1621' },
  entity: { kind: 'user', value: 'ann@x.org' },
  user: 'ann@x.org',
  firstTime: T0,
  lastTime: T0 + 10 * minute,
  alertTime: T0 + 10 * minute,
  challenges: 5,
  outcomes: {},
  sources: [],
  devices: [],
  apps: [],
  relatedLogins: [],
  evidence: [],
  evidenceTotal: 0,
  ...over,
});

describe('matchAlert', () => {
  it('matches an alert naming the target between the start and the end plus the grace period, edges included', () => {
    expect(matchAlert(alert({ alertTime: T0 }), [incident()])).toEqual(['burst#1']);
    expect(matchAlert(alert({ alertTime: T0 + 90 * minute }), [incident()])).toEqual(['burst#1']);
    expect(matchAlert(alert({ alertTime: T0 - 1 }), [incident()])).toEqual([]);
    expect(matchAlert(alert({ alertTime: T0 + 90 * minute + 1 }), [incident()])).toEqual([]);
    expect(matchAlert(alert({ alertTime: T0 + 40 * minute }), [incident()], 5 * minute)).toEqual([]);
  });

  it('does not match another user', () => {
    expect(matchAlert(alert({ user: 'bob@x.org', entity: { kind: 'user', value: 'bob@x.org' } }), [incident()])).toEqual([]);
  });

  it('matches a device-keyed alert by the incident device, and a source-keyed one by its users or the attacker IP', () => {
    const mac = alert({ user: 'carl@x.org', entity: { kind: 'device', value: 'MAC-1' } });
    expect(matchAlert(mac, [incident({ device: 'MAC-1' })])).toEqual(['burst#1']);
    expect(matchAlert(mac, [incident()])).toEqual([]);
    const spray = { entity: { kind: 'source' as const, value: '203.0.113.9' }, user: undefined };
    expect(matchAlert(alert({ ...spray, users: ['bob@x.org', 'ann@x.org'] }), [incident()])).toEqual(['burst#1']);
    const viaIp = alert({ ...spray, users: ['bob@x.org'], sources: [{ ip: '203.0.113.9', count: 3 }] });
    expect(matchAlert(viaIp, [incident()])).toEqual(['burst#1']);
    // A user-keyed alert is about its user: sharing the attacker's IP does not make another user's alert a match.
    expect(
      matchAlert(alert({ user: 'bob@x.org', entity: { kind: 'user', value: 'bob@x.org' }, sources: [{ ip: '203.0.113.9', count: 1 }] }), [
        incident(),
      ]),
    ).toEqual([]);
  });

  it('lists every incident a spray alert covers, in the incidents’ order', () => {
    const incidents = [incident(), incident({ id: 'burst#2', target: 'bob@x.org' }), incident({ id: 'burst#3', target: 'cy@x.org' })];
    const spray = alert({ entity: { kind: 'source', value: '198.51.100.1' }, user: undefined, users: ['cy@x.org', 'ann@x.org'] });
    expect(matchAlert(spray, incidents)).toEqual(['burst#1', 'burst#3']);
  });

  it('counts an alert naming a spray target anytime between the campaign’s start and its end plus grace', () => {
    // A spray: one campaign, one incident per target; bob's pushes come an hour after ann's.
    const spray = (id: string, target: string, start: number) =>
      incident({ id, kind: 'spray', campaign: 'spray', target, start, end: start + 5 * minute });
    const incidents = [spray('spray#1', 'ann@x.org', T0), spray('spray#2', 'bob@x.org', T0 + 60 * minute)];
    const closing = alert({ entity: { kind: 'source', value: 'AS9009' }, user: undefined, users: ['ann@x.org', 'bob@x.org'] });
    // Two hours after ann's pushes (past her own end plus an hour), inside the campaign's span: both count.
    expect(matchAlert({ ...closing, alertTime: T0 + 120 * minute }, incidents)).toEqual(['spray#1', 'spray#2']);
    // Naming bob before his own pushes, while the campaign goes on.
    expect(matchAlert({ ...closing, alertTime: T0 + 30 * minute }, incidents)).toEqual(['spray#1', 'spray#2']);
    expect(matchAlert({ ...closing, alertTime: T0 + 125 * minute + 1 }, incidents)).toEqual([]);
    expect(matchAlert({ ...closing, alertTime: T0 - 1 }, incidents)).toEqual([]);
    // Bursts keep their own span, campaign or not.
    const bursts = [
      incident({ campaign: 'b' }),
      incident({ id: 'burst#2', campaign: 'b', target: 'bob@x.org', start: T0 + 200 * minute, end: T0 + 210 * minute }),
    ];
    expect(matchAlert({ ...closing, alertTime: T0 + 120 * minute }, bursts)).toEqual([]);
  });

  it('matches a spray target exactly within its campaign’s span plus grace, whatever the other incidents (property)', () => {
    const targets = ['ann@x.org', 'bob@x.org', 'cy@x.org', 'dee@x.org'];
    const incidentArb = fc.record({
      target: fc.constantFrom(...targets),
      campaign: fc.constantFrom('spray-a', 'spray-b', 'burst'),
      start: fc.integer({ min: 0, max: 600 }),
      length: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(
        fc.array(incidentArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -60, max: 900 }),
        fc.subarray(targets),
        (drawn, at, named) => {
          const incidents = drawn.map((d, k) =>
            incident({
              id: `${d.campaign}#${k}`,
              kind: d.campaign === 'burst' ? 'burst' : 'spray',
              campaign: d.campaign,
              target: d.target,
              start: T0 + d.start * minute,
              end: T0 + (d.start + d.length) * minute,
            }),
          );
          const a = alert({ entity: { kind: 'source', value: 'AS9009' }, user: undefined, users: named, alertTime: T0 + at * minute });
          const matched = matchAlert(a, incidents);
          for (const i of incidents) {
            const mates = incidents.filter((j) => i.kind === 'spray' && j.campaign === i.campaign);
            const start = Math.min(i.start, ...mates.map((j) => j.start));
            const end = Math.max(i.end, ...mates.map((j) => j.end));
            const expected = named.includes(i.target) && a.alertTime >= start && a.alertTime <= end + 60 * minute;
            expect(matched.includes(i.id), i.id).toBe(expected);
          }
          // The incidents' order changes the order of the ids, never which match.
          expect(matchAlert(a, [...incidents].reverse()).sort()).toEqual([...matched].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
