import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LogRecordReader } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';

/**
 * One push storm as Duo's Admin API v2 writes it, hand-written in the exact field structure of Elastic's cisco_duo
 * test rows: twelve pushes from one attacker browser (one IP, one browser, no endpoint key) that the victim ignores
 * or denies in two waves, then her approval; benign users around (a timeout then an approval, a mistyped Verified
 * Push code, a remembered device, a phone call, an enrolment). Read as a user would: sniffed by the reader, once as
 * NDJSON rows and once as the API pages a poller saves.
 * @module
 */

const VICTIM = 'marta.kowal@example.org';
const file = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));

async function read(name: string) {
  const reader = new LogRecordReader(createReadStream(file(name)));
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  return { events, reader };
}

const alertsOf = defaultAlerts;

const whoAlerted = (alerts: readonly Alert[], detector: string) => [
  ...new Set(alerts.filter((a) => a.detector.id === detector).map((a) => a.user ?? a.entity.value)),
];

describe('a Duo push storm, read from the vendor log', () => {
  let rows: Awaited<ReturnType<typeof read>>;
  let pages: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    rows = await read('storm.ndjson');
    pages = await read('storm-pages.json');
  });

  it('is told to be Duo, and every row decodes', () => {
    expect(rows.reader.detected).toMatchObject({ format: 'duo', container: 'ndjson' });
    expect(pages.reader.detected).toMatchObject({ format: 'duo', container: 'duo-authlogs' });
    for (const { reader } of [rows, pages]) {
      expect(reader.stats.records).toBe(24);
      expect(reader.stats.quarantined).toBe(0);
      expect(reader.stats.skipped).toBe(0);
    }
    expect(pages.events).toEqual(rows.events);
  });

  it('counts one push per row, though every push of the storm comes from one browser', () => {
    const storm = rows.events.filter((e) => e.user === VICTIM && e.origin?.ip === '203.0.113.57');
    const challenges = storm.filter((e) => e.type === 'mfa.challenge');
    expect(challenges).toHaveLength(13);
    expect(new Set(challenges.map((e) => e.challenge!.id)).size).toBe(13);
    expect(new Set(challenges.map((e) => e.transaction)).size).toBe(13);
    const results = storm.filter((e) => e.type === 'mfa.result').map((e) => e.challenge!.result);
    expect(results.filter((r) => r === 'timeout')).toHaveLength(8);
    expect(results.filter((r) => r === 'denied')).toHaveLength(4);
    expect(results.filter((r) => r === 'approved')).toHaveLength(1);
    // The approval opens the attacker's session, tied to the approved push.
    const [session] = storm.filter((e) => e.type === 'session.start');
    const approval = storm.find((e) => e.challenge?.result === 'approved')!;
    expect(session).toMatchObject({ transaction: approval.transaction, time: approval.time, reason: 'mfa' });
  });

  it.each(['storm.ndjson', 'storm-pages.json'])(
    'makes mfa-without-login, denied-burst and approval-after-fatigue alert on the victim and no one else (%s)',
    (name) => {
      const alerts = alertsOf((name === 'storm.ndjson' ? rows : pages).events);
      for (const d of ['mfa-without-login', 'denied-burst', 'approval-after-fatigue']) expect(whoAlerted(alerts, d), d).toEqual([VICTIM]);
      // mfa-without-login fires on the first wave only: the second ends in the attacker's login.
      const storm = alerts.filter((a) => a.detector.id === 'mfa-without-login' && a.status === 'open');
      expect(storm).toHaveLength(1);
      expect(Math.floor(storm[0].firstTime / 1000) * 1000).toBe(Date.parse('2026-03-10T02:10:05Z'));
      expect(storm[0].lastTime).toBeLessThan(Date.parse('2026-03-10T02:20:00Z'));
      expect(storm[0].challenges).toBeGreaterThanOrEqual(5);
      // The session the approval opened is attached to the approval's thread (it sorts after its approval).
      const logins = alerts.filter((a) => a.detector.id === 'approval-after-fatigue').flatMap((a) => a.relatedLogins ?? []);
      expect(logins.map((l) => l.time)).toEqual([expect.any(Number)]);
      expect(new Date(logins[0].time).toISOString().slice(0, 19)).toBe('2026-03-10T02:52:03');
      // Nothing else alerts on anyone but the victim.
      expect([...new Set(alerts.map((a) => a.user))]).toEqual([VICTIM]);
    },
  );
});
