import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectEvents } from '../../../../engine/evaluate/detectEvents.ts';
import { openEventInput } from '../../../../engine/formats/reader/readEventLines.ts';
import { LogRecordReader, type QuarantinedRecord } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { expectValidEvents } from '../_harness.ts';

/**
 * One push storm as Entra ID logs it, hand-written in Microsoft's shapes (not by pushstorm's encoder), read as a new
 * user reads an export: `pushstorm detect`'s reader (format sniffed) and every detector at its default parameters.
 *
 * The attacker, from one browser (one IP, one correlationId for every row), signs in as nadia.okafor 12 times about
 * 95 s apart: each time a 50074 interrupt, then the row that finishes the request, 11 times 500121 (the push declined
 * or not answered within 60 s) and at last 0 (approved, the session opens). Around her: lena (an approved push and a
 * Teams sign-in on its claims), omar (a remembered device, a keep-me-signed-in interrupt), julia (a bad password, a
 * push declined, one ignored, one approved), and a non-interactive token refresh. The Graph file has the v1.0
 * properties only (no authenticationDetails, no originalRequestId): the status text alone tells each row.
 * @module
 */

const VICTIM = 'nadia.okafor@contoso.example';
const file = (name: string) => fileURLToPath(new URL(`./golden/storm/${name}`, import.meta.url));

async function read(name: string) {
  const quarantined: QuarantinedRecord[] = [];
  const reader = new LogRecordReader(openEventInput(file(name)), { onQuarantine: (q) => quarantined.push(q) });
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  return { events, stats: reader.stats, quarantined };
}

describe.each([
  ['azure-monitor.ndjson', 'entra', 'ndjson'],
  ['graph-signins.json', 'entra', 'graph-value'],
  ['SigninLogs.json', 'entra-sentinel', 'json-array'],
])('an Entra push storm in %s', (name, format, container) => {
  it('reads every row: decoded, or skipped with its reason', async () => {
    const { events, stats, quarantined } = await read(name);
    expect(stats.detected).toMatchObject({ format, container });
    expect(quarantined).toEqual([]);
    expect(stats.records).toBe(37);
    expect(stats.skippedBy.map((s) => s.why).sort()).toEqual([
      "Entra code 50140: a 'keep me signed in' interrupt, no MFA step: the sign-in goes on in the next row",
      name.startsWith('graph')
        ? 'isInteractive false: not an interactive user sign-in'
        : 'category NonInteractiveUserSignInLogs: not an interactive user sign-in',
    ]);
    expectValidEvents(events);
  });

  it('implies one push per 500121 row, though the rows share a correlationId, and a session for the approval', async () => {
    const { events } = await read(name);
    const hers = events.filter((e) => e.user === VICTIM);
    const challenges = hers.filter((e) => e.type === 'mfa.challenge');
    expect(challenges).toHaveLength(12);
    expect(new Set(challenges.map((e) => e.transaction)).size).toBe(12);
    expect(new Set(challenges.map((e) => e.challenge?.id)).size).toBe(12);
    const results = hers.filter((e) => e.type === 'mfa.result').map((e) => e.challenge?.result);
    expect(results.filter((r) => r === 'denied')).toHaveLength(4);
    expect(results.filter((r) => r === 'timeout')).toHaveLength(7);
    expect(results.filter((r) => r === 'approved')).toHaveLength(1);
    const approval = hers.find((e) => e.challenge?.result === 'approved');
    const sessions = hers.filter((e) => e.type === 'session.start');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ transaction: approval?.transaction, time: approval?.time, outcome: 'success' });
    // The interrupts: the password was right, MFA comes next; no push of their own.
    expect(hers.filter((e) => e.type === 'auth.attempt' && e.outcome === 'success')).toHaveLength(12);
    // Benign successes open sessions: lena's approval and her Teams sign-in, omar's remembered device, julia's approval.
    expect(
      events
        .filter((e) => e.type === 'session.start' && e.user !== VICTIM)
        .map((e) => `${e.user} ${e.reason}`)
        .sort(),
    ).toEqual([
      'julia.berg@contoso.example mfa',
      'lena.ito@contoso.example mfa',
      'lena.ito@contoso.example mfa',
      'omar.haddad@contoso.example remembered_device',
    ]);
  });

  it('makes mfa-without-login, denied-burst and approval-after-fatigue alert on the victim, and nothing alert on anyone else', async () => {
    const { events } = await read(name);
    // The storm's waves were written for counts of 5 (the burst detectors' defaults until the space tuning raised them
    // to 6): what is tested here is the reading of Entra's rows, so the counts are pinned.
    const params = { 'mfa-without-login': { threshold: 5 }, 'denied-burst': { threshold: 5 } };
    const { alerts, stats } = await detectEvents(events, { params });
    expect(stats.late).toBe(0);
    const on = (id: string) => [...new Set(alerts.filter((a) => a.detector.id === id).map((a) => a.user))];
    for (const id of ['mfa-without-login', 'denied-burst', 'approval-after-fatigue', 'unanswered-pushes'])
      expect(on(id), id).toEqual([VICTIM]);
    expect([...new Set(alerts.map((a) => a.user))]).toEqual([VICTIM]);
  });
});
