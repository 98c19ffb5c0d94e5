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
});
