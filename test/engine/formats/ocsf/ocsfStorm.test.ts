/**
 * One push storm in the shape OCSF's Okta mapping writes (class 3002, Okta's event codes in `metadata.event_code`,
 * the browser session in `actor.session.uid`, no `correlation_uid`, epoch seconds): thirteen pushes from one attacker
 * browser session and address — six unanswered, a pause, six denied — then the approval and its session, with three
 * benign users around. Read as a user would (format sniffed), it must make the storm detectors alert on the victim
 * and nobody else. Before issue 13 the decoder took `actor.session.uid` for the attempt, and the storm was one push.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LogRecordReader } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';

const VICTIM = 'noor.haddad@example.org';

describe('an OCSF push storm from one browser session', () => {
  let events: CanonicalEvent[];
  let alerts: Alert[];
  let reader: LogRecordReader;
  beforeAll(async () => {
    reader = new LogRecordReader(createReadStream(fileURLToPath(new URL('golden/storm.ndjson', import.meta.url))));
    events = [];
    for await (const e of reader.events()) events.push(e);
    alerts = defaultAlerts(events);
  });

  it('reads every record as OCSF, nothing quarantined, and thirteen distinct pushes for the victim', () => {
    expect(reader.detected?.format).toBe('ocsf');
    expect(reader.stats.quarantined).toBe(0);
    const pushes = events.filter((e) => e.type === 'mfa.challenge' && e.user === VICTIM);
    expect(pushes).toHaveLength(13);
    expect(new Set(pushes.map((e) => e.transaction ?? e.challenge?.id ?? e.id)).size).toBe(13);
    const results = events.filter((e) => e.type === 'mfa.result' && e.user === VICTIM).map((e) => e.challenge?.result);
    expect(results.filter((r) => r === 'timeout')).toHaveLength(6);
    expect(results.filter((r) => r === 'denied')).toHaveLength(6);
  });

  it.each(['mfa-without-login', 'denied-burst', 'approval-after-fatigue'])('%s alerts on the victim and nobody else', (detector) => {
    const mine = alerts.filter((a) => a.detector.id === detector && a.status === 'open');
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((a) => a.user ?? a.entity.value))).toEqual(new Set([VICTIM]));
  });

  it('raises nothing about the benign users', () => {
    expect(alerts.filter((a) => (a.user ?? a.entity.value) !== VICTIM && a.entity.kind === 'user')).toEqual([]);
  });
});
