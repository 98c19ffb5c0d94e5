import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatUnifiedLogLine } from '../../../../engine/formats/unifiedlog/formatUnifiedLogLine.ts';
import type { MacHost } from '../../../../engine/formats/LogFormat.ts';
import { macHosts } from '../../../../engine/evaluate/macHosts.ts';
import type { ResolvedScenario } from '../../../../generators/scenario/ResolvedScenario.ts';
import { unifiedLogFormat } from '../../../../engine/formats/unifiedlog/unifiedLogFormat.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { everyStrategy, tinyScenario } from '../../../_fixtures/tinyScenario.ts';
import { decodeAll, encodeAll, expectDecoderTotal, expectRoundTrip, expectValidEvents, worldEvents, worldOf } from '../_harness.ts';

const goldenText = (name: string) => readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8');
const golden = (name: string) =>
  goldenText(name)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
const goldenHost = JSON.parse(goldenText('host.json')) as MacHost;

/**
 * A world's Mac events as `simulate` writes them: one file per Mac, hosts from the scenario's inventory (`macHosts`,
 * what `simulate` writes to mac/inventory.json), in non-UTC zones.
 */
function perMac(
  world: { scenario: ResolvedScenario; events: readonly CanonicalEvent[] },
  zones = ['America/New_York', 'Europe/London'],
): Array<{ host: MacHost; events: CanonicalEvent[] }> {
  return macHosts(world.scenario)
    .map((inventory, i) => ({
      host: { ...inventory, timeZone: zones[i % zones.length] },
      events: world.events.filter((e) => e.source === 'mac' && e.device?.id === inventory.device?.id),
    }))
    .filter((file) => file.events.length > 0);
}

/** A world with Remote Login and screen sharing on every Mac, lab Macs several people share, and Macs without the plug-in. */
const busyWorld = (seed: number) => {
  const scenario = tinyScenario({
    seed,
    users: 16,
    days: 3,
    attacks: everyStrategy(),
    macs: { sshEnabled: 1, shared: 2, sharedUsers: 0.5, desktopMfa: 0.6 },
  });
  return { scenario, events: runWorld(scenario).events };
};

/** Canonical fields whose value differs between an event and what `held` makes of it. */
function changedFields(events: readonly CanonicalEvent[], held: readonly CanonicalEvent[]): Set<string> {
  const changed = new Set<string>();
  events.forEach((e, i) => {
    const h = held[i] as unknown as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(h)])) {
      if (JSON.stringify((e as unknown as Record<string, unknown>)[key]) !== JSON.stringify(h[key])) changed.add(`${e.type} ${key}`);
    }
  });
  return changed;
}

const macEvent = (over: Partial<CanonicalEvent> & Pick<CanonicalEvent, 'id' | 'time' | 'type'>): CanonicalEvent => ({
  source: 'mac',
  user: goldenHost.user!,
  device: goldenHost.device,
  ...over,
});

describe('unifiedLogFormat', () => {
  it.each([1, 2, 3, 4, 5].flatMap((seed) => [[seed, false] as const, [seed, true] as const]))(
    'round-trips the held fields of world %i (number matching %s), one file per Mac',
    (seed, numberMatching) => {
      const files = perMac(worldOf(seed, { numberMatching }));
      expect(files.length).toBeGreaterThan(5);
      for (const { host, events } of files) expectRoundTrip(unifiedLogFormat, events, { host });
    },
  );

  it('round-trips ssh, screen sharing, lab Macs several people share and Macs without the plug-in', () => {
    for (const seed of [1, 2]) {
      const world = busyWorld(seed);
      const kinds = new Set(world.events.map((e) => e.mac?.process));
      expect([...kinds]).toEqual(expect.arrayContaining(['sshd', 'screensharingd', 'authd', 'loginwindow', 'mfa_plugin', 'powerd']));
      const files = perMac(world, ['Asia/Kathmandu', 'America/Los_Angeles']);
      // A lab Mac's lines name several people; the inventory names its first user.
      expect(files.some((f) => f.host.hostname.startsWith('LAB-') && new Set(f.events.map((e) => e.user)).size > 1)).toBe(true);
      for (const { host, events: mine } of files) expectRoundTrip(unifiedLogFormat, mine, { host });
    }
  });

  it('round-trips a world across the spring-forward change, writing both offsets', () => {
    const scenario = tinyScenario({ seed: 4, users: 8, days: 3, startMs: Date.UTC(2026, 2, 7), timeZones: [['America/New_York', 1]] });
    const offsets = new Set<string>();
    for (const { host, events: mine } of perMac({ scenario, events: runWorld(scenario).events }, ['America/New_York'])) {
      expectRoundTrip(unifiedLogFormat, mine, { host });
      for (const r of encodeAll(unifiedLogFormat, mine, { host }) as Array<{ timestamp?: string }>)
        if (r.timestamp) offsets.add(r.timestamp.slice(-5));
    }
    expect([...offsets].sort()).toEqual(['-0400', '-0500']);
  });

  it('changes only the fields its limits name: ids, sessions, and transactions no line of the attempt could carry', () => {
    const changed = new Set<string>();
    for (const seed of [1, 2, 3]) {
      for (const { host, events } of perMac(worldOf(seed))) {
        for (const field of changedFields(events, unifiedLogFormat.held(events, { host }))) changed.add(field);
      }
    }
    const allowed = new Set(['id', 'session', 'transaction']);
    expect([...changed].filter((f) => !allowed.has(f.split(' ')[1]))).toEqual([]);
    // The push, its answer and the session it opened keep the transaction that ties them (approval-after-fatigue needs it);
    // the password check before the push cannot know it yet.
    expect([...changed].filter((f) => f.endsWith(' transaction'))).toEqual(['mac.login transaction']);
    for (const limit of ['id', 'session', 'transaction', 'device', 'user'])
      expect(unifiedLogFormat.limits.map((l) => l.field)).toContain(limit);
  });

  it('keeps a login-window session tied to the push that opened it', () => {
    const { host, events } = perMac(worldOf(2)).find((f) => f.events.some((e) => e.type === 'mac.session.start'))!;
    const held = unifiedLogFormat.held(events, { host });
    const start = held.find((e) => e.type === 'mac.session.start' && e.transaction !== undefined)!;
    const approval = held.find((e) => e.type === 'mac.mfa.result' && e.transaction === start.transaction);
    expect(approval?.challenge?.result).toBe('approved');
    const lock = held.find((e) => e.type === 'mac.session.lock' && e.time > start.time);
    expect(lock?.session).toBe(start.id);
  });

  it('writes the local wall time of the host with the offset in force at that instant', () => {
    const host: MacHost = { ...goldenHost, timeZone: 'America/New_York' };
    const at = (time: number) =>
      (
        encodeAll(unifiedLogFormat, [macEvent({ id: 'e', time, type: 'mac.sleep', outcome: 'success', mac: { process: 'powerd' } })], {
          host,
        })[0] as { timestamp: string }
      ).timestamp;
    expect(at(Date.UTC(2026, 2, 8, 6, 59, 59, 123))).toMatch(/^2026-03-08 01:59:59\.123\d{3}-0500$/);
    expect(at(Date.UTC(2026, 2, 8, 7, 0, 0, 5))).toMatch(/^2026-03-08 03:00:00\.005\d{3}-0400$/);
    expect(at(Date.UTC(2026, 10, 1, 5, 30))).toMatch(/^2026-11-01 01:30:00\.000\d{3}-0400$/);
    expect(at(Date.UTC(2026, 10, 1, 6, 30))).toMatch(/^2026-11-01 01:30:00\.000\d{3}-0500$/);
    const kathmandu = encodeAll(
      unifiedLogFormat,
      [macEvent({ id: 'e', time: Date.UTC(2026, 0, 1), type: 'mac.sleep', mac: { process: 'powerd' } })],
      {
        host: { ...host, timeZone: 'Asia/Kathmandu' },
      },
    )[0] as { timestamp: string };
    expect(kathmandu.timestamp).toMatch(/^2026-01-01 05:45:00\.000\d{3}\+0545$/);
  });

  it('decodes hand-written records to the expected events, skipping context lines, other subsystems and the footer', () => {
    const records = golden('records.ndjson');
    const { events, steps } = decodeAll(unifiedLogFormat, records, { host: goldenHost });
    expect(events).toEqual(golden('expected.ndjson') as CanonicalEvent[]);
    expectValidEvents(events);
    const skipped = steps.flatMap((s, i) => (s.kind === 'skipped' ? [[i + 1, s.why] as const] : []));
    expect(skipped).toEqual([
      [1, 'not an authentication line pushstorm models ("bluetoothd")'],
      [2, 'authd credential check; the outcome is a later line of the attempt'],
      [17, 'closing count record of log show'],
    ]);
    expect(steps.some((s) => s.kind === 'rejected')).toBe(false);
  });

  it('reads real-shaped Apple lines it does not write: decodes what they mean, skips the rest with a reason, rejects none', () => {
    // Shapes from public captures (Elastic's macOS test log, Wazuh's and fail2ban's test logs, Jamf Protect's filters):
    // a record without machTimestamp, 2023 notification wording, securityd, opendirectoryd, SecurityAgent and Touch ID
    // lines, sshd-session key logins, screen sharing with RSA-SRP, an activity record.
    const host = JSON.parse(readFileSync(new URL('golden/storm-DKIM-MBA.host.json', import.meta.url), 'utf8')) as MacHost;
    const records = golden('real-shapes.ndjson');
    expect(records.every((r) => unifiedLogFormat.sniff(r))).toBe(true);
    const { steps } = decodeAll(unifiedLogFormat, records, { host });
    const read = steps.map((s) =>
      s.kind === 'events'
        ? s.events.map((e) => `${e.type} ${e.outcome}${e.mac?.remoteIp ? ` ${e.mac.remoteIp}` : ''}`).join()
        : `${s.kind}: ${s.kind === 'skipped' ? s.why : s.detail}`,
    );
    expect(read).toEqual([
      'skipped: not an authentication line pushstorm models ("loginwindow")',
      'mac.session.start success',
      'skipped: not an authentication line pushstorm models ("loginwindow")',
      'skipped: loginwindow notification com.apple.sessionDidLogin',
      'skipped: not an authentication line pushstorm models ("securityd")',
      'skipped: not an authentication line pushstorm models ("opendirectoryd")',
      'skipped: not an authentication line pushstorm models ("SecurityAgent")',
      'skipped: not an authentication line pushstorm models ("loginwindow")',
      'mac.login success',
      'mac.login success 198.51.100.9',
      'mac.login failure 203.0.113.9',
      'mac.login success 198.51.100.9',
      'skipped: "activityCreateEvent" records carry no log message',
      'skipped: closing count record of log show',
    ]);
    // The line without machTimestamp is known by its local time.
    const [login] = (steps[1] as { events: CanonicalEvent[] }).events;
    expect(login.id).toBe('DKIM-MBA:-:at202602170840024029110500');
    expect(login.user).toBe('daniel.kim@example.org');
  });

  it('decodes without a host: Mac "unknown", the IdP login from plug-in lines, else the short name', () => {
    const { events } = decodeAll(unifiedLogFormat, golden('records.ndjson'));
    expectValidEvents(events);
    expect(events.every((e) => e.id.startsWith('unknown:218031E6:') && e.device?.id === 'unknown' && e.device.kind === 'mac')).toBe(true);
    // The failed password comes before any plug-in line; from the first push on, lvarga is known as lena.varga.
    expect(events.map((e) => e.user)).toEqual(['lvarga', ...Array<string>(13).fill('lena.varga@example.org')]);
  });

  it('reads the plug-in answers it writes: fraud, wrong number, muted, cancelled, and an answer with no result', () => {
    const host = goldenHost;
    const result = (
      id: string,
      time: number,
      result: NonNullable<CanonicalEvent['challenge']>['result'],
      reason: string | undefined,
      ok = false,
    ) =>
      macEvent({
        id,
        time,
        type: 'mac.mfa.result',
        app: 'system.login.console',
        transaction: `t.${id}`,
        challenge: { id: `t.${id}.m`, factor: 'desktop_mfa', ...(result ? { result } : {}) },
        outcome: ok ? 'success' : 'failure',
        ...(reason ? { reason } : {}),
        mac: { process: 'mfa_plugin', method: 'login_window', shortName: 'lvarga', uid: 501 },
      });
    const t = Date.UTC(2026, 3, 1, 12);
    const events = [
      result('a', t, 'fraud', 'fraud'),
      result('b', t + 1000, 'wrong_number', 'wrong_number'),
      result('c', t + 2000, 'error', 'muted'),
      result('d', t + 2000, 'error', 'cancelled'),
      result('e', t + 3000, undefined, undefined, true),
    ];
    const records = encodeAll(unifiedLogFormat, events, { host }) as Array<{ eventMessage?: string; messageType?: string }>;
    expect(records.slice(0, 5).map((r) => r.eventMessage)).toEqual([
      '[DesktopMFA] Push reported as fraud by lena.varga@example.org for lvarga (501) (challenge t.a.m, transaction t.a)',
      '[DesktopMFA] Push answered with the wrong number by lena.varga@example.org for lvarga (501) (challenge t.b.m, transaction t.b)',
      '[DesktopMFA] Push failed for lena.varga@example.org for lvarga (501): muted (challenge t.c.m, transaction t.c)',
      '[DesktopMFA] Push failed for lena.varga@example.org for lvarga (501): cancelled (challenge t.d.m, transaction t.d)',
      '[DesktopMFA] Push answered by lena.varga@example.org for lvarga (501) (challenge t.e.m, transaction t.e)',
    ]);
    expect(records.slice(0, 5).map((r) => r.messageType)).toEqual(['Error', 'Error', 'Error', 'Error', 'Default']);
    expectRoundTrip(unifiedLogFormat, events, { host });
    expect(decodeAll(unifiedLogFormat, records, { host }).events.map((e) => [e.challenge?.result, e.reason, e.outcome])).toEqual([
      ['fraud', 'fraud', 'failure'],
      ['wrong_number', 'wrong_number', 'failure'],
      ['error', 'muted', 'failure'],
      ['error', 'cancelled', 'failure'],
      [undefined, undefined, 'success'],
    ]);
  });

  it('writes realistic records: local timestamps, escaped paths, increasing ticks, one boot UUID per boot', () => {
    const { host, events } = perMac(busyWorld(3)).find((f) => f.events.some((e) => e.reason === 'boot'))!;
    const records = encodeAll(unifiedLogFormat, events, { host }) as Array<Record<string, unknown>>;
    const lines = records.slice(0, -1);
    for (const r of lines) {
      expect(r.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}[+-]\d{4}$/);
      expect(r).toMatchObject({ eventType: 'logEvent', timezoneName: '', source: null });
      expect(['Default', 'Info', 'Error']).toContain(r.messageType);
      expect(Number.isSafeInteger(r.machTimestamp) && Number.isSafeInteger(r.traceID)).toBe(true);
    }
    const boots = [...new Set(lines.map((r) => r.bootUUID))];
    expect(boots.length).toBe(1 + events.filter((e) => e.reason === 'boot').length);
    for (const boot of boots) {
      const ticks = lines.filter((r) => r.bootUUID === boot).map((r) => r.machTimestamp as number);
      expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
    }
    const text = formatUnifiedLogLine(lines[0]);
    expect(text).toContain('"processImagePath":"\\/System\\/Library\\/');
    expect(text).not.toMatch(/[^\\]\//);
    expect(JSON.parse(text)).toEqual(lines[0]);
    expect(records.at(-1)).toEqual({ count: lines.length, finished: 1 });
  });

  it('is deterministic: the same events give the same records', () => {
    const [{ host, events }] = perMac(worldOf(3));
    expect(JSON.stringify(encodeAll(unifiedLogFormat, events, { host }))).toBe(
      JSON.stringify(encodeAll(unifiedLogFormat, events, { host })),
    );
  });

  it('refuses to write without a host, or an event of another Mac into a Mac’s file', () => {
    expect(() => unifiedLogFormat.createEncoder()).toThrow(/context\.host/);
    expect(() => unifiedLogFormat.held([])).toThrow(/context\.host/);
    expect(() => unifiedLogFormat.createEncoder({ host: { ...goldenHost, timeZone: 'Mars/Olympus' } })).toThrow(/Mars\/Olympus/);
    const encoder = unifiedLogFormat.createEncoder({ host: goldenHost });
    const other = macEvent({
      id: 'x',
      time: Date.UTC(2026, 0, 1),
      type: 'mac.sleep',
      device: { id: 'd', kind: 'mac', hostname: 'OTHER-MBP' },
    });
    expect(() => encoder.encode(other)).toThrow(/OTHER-MBP/);
    expect(encoder.encode({ id: 'i', time: Date.UTC(2026, 0, 1), source: 'idp', type: 'mfa.challenge', user: 'a@b' })).toEqual([]);
  });

  it('rejects broken records with a reason naming the field', () => {
    const records = golden('records.ndjson') as Array<Record<string, unknown>>;
    const line = records[9];
    const cases: Array<[unknown, string, RegExp]> = [
      [[line], 'not_an_object', /JSON object/],
      ['{"eventMessage":', 'not_an_object', /JSON object/],
      [{ ...line, eventType: undefined }, 'missing_field', /\/eventType/],
      [{ ...line, eventType: 7 }, 'wrong_type', /\/eventType/],
      [{ ...line, eventMessage: undefined }, 'missing_field', /\/eventMessage/],
      [{ ...line, processImagePath: null }, 'wrong_type', /\/processImagePath/],
      [{ ...line, timestamp: '2025-09-25T23:34:14Z' }, 'wrong_type', /\/timestamp/],
      [{ ...line, timestamp: '1999-12-31 23:59:59.000000+0100' }, 'wrong_type', /\/timestamp/],
      [{ ...line, timestamp: '2025-02-30 10:00:00.000000+0000' }, 'wrong_type', /\/timestamp/],
      [{ ...line, machTimestamp: -5 }, 'wrong_type', /\/machTimestamp/],
      [{ ...line, machTimestamp: 1e300 }, 'wrong_type', /\/machTimestamp/],
      [{ ...line, machTimestamp: '18446744073709551616' }, 'wrong_type', /\/machTimestamp/],
      [JSON.parse('{"__proto__":{"eventType":"logEvent"},"eventMessage":"x"}'), 'missing_field', /\/eventType/],
    ];
    for (const [input, reason, detail] of cases) {
      const [step] = decodeAll(unifiedLogFormat, [JSON.parse(JSON.stringify(input ?? null)) as unknown], { host: goldenHost }).steps;
      expect(step.kind === 'rejected' ? [step.reason, step.detail] : step).toEqual([reason, expect.stringMatching(detail)]);
    }
    // Other event types and lines pushstorm does not read are skipped, not rejected.
    const skipped = [
      { ...line, eventType: 'activityCreateEvent' },
      { ...line, eventMessage: '-[Login1 isGuestAccount] | enter' },
      { ...line, eventMessage: `-[Login1 doLogin] | shortUsername = ${'x'.repeat(20_000)}, userID = 501, groupID = 20` },
      { ...line, eventMessage: '-[Login1 doLogin] | shortUsername = lvarga, userID = 99999999999, groupID = 20' },
    ];
    expect(decodeAll(unifiedLogFormat, skipped).steps.map((s) => s.kind)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('never throws on fuzzed input', () => {
    const [{ host, events }] = perMac(busyWorld(4)).filter((f) => f.events.some((e) => e.type === 'mac.mfa.result'));
    const samples = [...golden('records.ndjson'), ...encodeAll(unifiedLogFormat, events.slice(0, 150), { host })];
    expectDecoderTotal(unifiedLogFormat, samples, { host });
    expectDecoderTotal(unifiedLogFormat, samples, undefined, 150);
  });

  it('sniffs its records and its footer, not other formats or canonical events', () => {
    const [{ host, events }] = perMac(worldOf(1));
    const own = [...golden('records.ndjson'), ...encodeAll(unifiedLogFormat, events.slice(0, 30), { host })];
    expect(own.every((r) => unifiedLogFormat.sniff(r))).toBe(true);
    const others: unknown[] = [
      // The other formats' example records (referenceExamples), and canonical events.
      {
        uuid: 'c41e07a2',
        published: '2026-03-04T02:17:09.412Z',
        eventType: 'user.authentication.auth_via_mfa',
        outcome: { result: 'FAILURE' },
      },
      { time: '2026-05-12T22:41:03.000Z', operationName: 'Sign-in activity', category: 'SignInLogs', resultType: '500121', properties: {} },
      {
        txid: '3f6d2c8e',
        timestamp: 1767311405,
        isotimestamp: '2026-01-01T23:50:05.118204+00:00',
        event_type: 'authentication',
        result: 'denied',
      },
      { class_uid: 3002, category_uid: 3, activity_id: 1, time: 1772590629412, status_id: 2, metadata: { version: '1.8.0' } },
      { time: '2026-03-04T02:17:40.551203Z', seq_num: 1184, event_type: 111, process: {}, event: { authentication: { success: false } } },
      { count: '3', finished: 1 },
      { count: 3, finished: 1, machTimestamp: 'x' },
      null,
      [],
      'Filtering the log data using "process == \\"loginwindow\\""',
      ...worldEvents(1).slice(0, 10),
    ];
    expect(others.filter((r) => unifiedLogFormat.sniff(r))).toEqual([]);
  });
});

describe("the Mac inventory a unified log is read with (macHosts, simulate's mac/inventory.json)", () => {
  it('names every Mac the events name, once, with the device its events carry and an account that logs in on it', () => {
    const { scenario, events } = worldOf(1);
    const hosts = macHosts(scenario);
    const macs = new Map(events.filter((e) => e.source === 'mac').map((e) => [e.device!.id, e.device!]));
    const listed = new Map(hosts.map((h) => [h.device!.id, h]));
    expect(listed.size).toBe(hosts.length);
    for (const [id, device] of macs) {
      const host = listed.get(id);
      expect(host?.device).toEqual(device);
      expect(host?.hostname).toBe(device.hostname);
      const mine = events.filter((e) => e.source === 'mac' && e.device?.id === id);
      expect(mine.some((e) => e.user === host!.user && e.mac?.shortName === host!.shortName && e.mac?.uid === host!.uid)).toBe(true);
    }
  });

  it('gives Macs that share a host name a file of their own, so no file mixes two Macs', () => {
    const hosts = macHosts(tinyScenario({ seed: 4, users: 120, days: 1, macs: { shared: 2, sharedUsers: 0.5 } }));
    expect(hosts.filter((h) => h.file !== undefined).length).toBeGreaterThanOrEqual(2);
    const stems = hosts.map((h) => h.file ?? h.hostname);
    expect(new Set(stems).size).toBe(stems.length);
    for (const h of hosts) if (h.file !== undefined) expect(hosts.filter((o) => o.hostname === h.hostname).length).toBeGreaterThan(1);
  });
});
