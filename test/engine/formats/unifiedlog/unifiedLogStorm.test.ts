import { defaultAlerts } from '../../../_fixtures/defaultAlerts.ts';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { MacHost } from '../../../../engine/formats/LogFormat.ts';
import { LogRecordReader } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { Alert } from '../../../../engine/model/generated/alert.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';

/**
 * One login-window push storm on one Mac, hand-written as `log show --style ndjson` writes it (docs/formats.md, "macOS
 * unified log"): twelve attempts at DKIM-MBA's login window, each authd's credential check, authd running the Desktop
 * MFA mechanism, the plug-in's push and its answer (timeouts, then denials), and the last approved, authd granting
 * the right and loginwindow's doLogin. Beside it, another Mac's file: its user's morning login, one push ignored and
 * the retry approved. Each file is read with its host, as `pushstorm detect --inventory` does, and the events merged
 * by time. The plug-in's wording is pushstorm's invention (no public capture exists); the Apple lines are real shapes.
 * @module
 */

const VICTIM = 'daniel.kim@example.org';
const VICTIM_MAC = 'guo7Pz3Xq9Lm2Vb6Nc4R';
const text = (name: string) => readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8');

async function readMac(name: string, edit: (line: string) => string = (l) => l) {
  const host = JSON.parse(text(`storm-${name}.host.json`)) as MacHost;
  const lines = text(`storm-${name}.ndjson`).split('\n').map(edit).join('\n');
  const reader = new LogRecordReader(Readable.from([lines]), { context: { host } });
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  return { events, reader };
}

async function world(edit?: (line: string) => string): Promise<CanonicalEvent[]> {
  const files = [await readMac('DKIM-MBA', edit), await readMac('RPATEL-MBP', edit)];
  return files.flatMap((f) => f.events).sort((a, b) => a.time - b.time);
}

const alertsOf = defaultAlerts;

const alerting = (alerts: readonly Alert[]) =>
  Object.fromEntries(
    [...new Set(alerts.map((a) => a.detector.id))].sort().map((d) => {
      const mine = alerts.filter((a) => a.detector.id === d);
      return [d, [...new Set(mine.map((a) => `${a.entity.kind}:${a.entity.value}`))]];
    }),
  );

describe('a login-window push storm, read from the unified log', () => {
  it('decodes every line or skips it with a reason, quarantining none', async () => {
    const victim = await readMac('DKIM-MBA');
    expect(victim.reader.detected).toMatchObject({ format: 'unifiedlog', container: 'ndjson' });
    expect(victim.reader.stats).toMatchObject({ records: 52, quarantined: 0 });
    expect(Object.fromEntries(victim.reader.stats.skippedBy.map((s) => [s.why, s.count]))).toEqual({
      'authd credential check; the outcome is a later line of the attempt': 12,
      "right granted after the MFA plug-in's answer": 1,
      'loginwindow notification com.apple.sessionDidLogin': 1,
      'closing count record of log show': 1,
    });
    const types = victim.events.map((e) => e.type);
    // Each attempt: the password accepted with MFA required, the push, its answer; then the session it opened.
    expect(types.filter((t) => t === 'mac.login')).toHaveLength(12);
    expect(types.filter((t) => t === 'mac.mfa.request')).toHaveLength(12);
    expect(types.filter((t) => t === 'mac.mfa.result')).toHaveLength(12);
    const [session] = victim.events.filter((e) => e.type === 'mac.session.start');
    const approval = victim.events.find((e) => e.challenge?.result === 'approved')!;
    expect(session.transaction).toBe(approval.transaction);
    expect(victim.events.every((e) => e.user === VICTIM && e.device?.id === VICTIM_MAC)).toBe(true);
  });

  it('alerts mac-login-window-storm on that Mac, and the user detectors on its user, no one else', async () => {
    const alerts = alertsOf(await world());
    expect(alerting(alerts)).toEqual({
      'approval-after-fatigue': [`user:${VICTIM}`],
      'denied-burst': [`user:${VICTIM}`],
      'mac-login-window-storm': [`device:${VICTIM_MAC}`],
      'mfa-without-login': [`user:${VICTIM}`],
      // The log holds no earlier login of the victim at that Mac, so its login window is not yet familiar to them.
      'unanswered-pushes': [`user:${VICTIM}`],
    });
    // The storms without a login are the first wave; the second ends in the login the approval opened.
    for (const d of ['mac-login-window-storm', 'mfa-without-login']) {
      const opened = alerts.filter((a) => a.detector.id === d && a.status === 'open');
      expect(opened, d).toHaveLength(1);
      expect(opened[0].lastTime, d).toBeLessThan(Date.parse('2026-02-17T06:20:00Z'));
    }
    const logins = alerts.filter((a) => a.detector.id === 'approval-after-fatigue').flatMap((a) => a.relatedLogins);
    expect(logins.map((l) => l.type)).toEqual(['mac.session.start']);
  });

  it('counts each push on its own when the plug-in names no challenge or transaction: its activity chain is the push', async () => {
    const bare = await world((line) => line.replaceAll(/ \(challenge [^,]+, transaction [^)]+\)/g, ''));
    const victim = bare.filter((e) => e.user === VICTIM);
    const requests = victim.filter((e) => e.type === 'mac.mfa.request');
    const results = victim.filter((e) => e.type === 'mac.mfa.result');
    expect(new Set(requests.map((e) => e.challenge!.id)).size).toBe(12);
    // Each answer is tied to its own push, and the login to the approved one.
    expect(results.map((e) => e.challenge!.id)).toEqual(requests.map((e) => e.challenge!.id));
    expect(results.map((e) => e.transaction)).toEqual(requests.map((e) => e.transaction));
    const approval = results.find((e) => e.challenge!.result === 'approved')!;
    expect(victim.find((e) => e.type === 'mac.session.start')!.transaction).toBe(approval.transaction);
    expect(alerting(alertsOf(bare))).toEqual(alerting(alertsOf(await world())));
  });
});
