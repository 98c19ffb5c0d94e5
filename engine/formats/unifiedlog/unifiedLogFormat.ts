import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { FieldLimit, FormatContext, LogFormat, MacHost } from '../LogFormat.ts';
import { valueAt } from '../_internal/recordFields.ts';
import { createUnifiedLogDecoder } from './_internal/unifiedLogDecode.ts';
import { carriedFacts, namesAccount } from './_internal/unifiedLogFacts.ts';
import { MacLogState } from './_internal/unifiedLogState.ts';
import { formatUnifiedLogLine } from './formatUnifiedLogLine.ts';
import { lineEventId, UnifiedLogWriter } from './_internal/unifiedLogWriter.ts';

const limits: readonly FieldLimit[] = [
  {
    field: 'type:auth.*, mfa.*, session.*, account.*, factor.*, rate.*',
    why: 'IdP events are not in a Mac log (write them with --format)',
  },
  {
    field: 'id',
    why: 'log lines have no event id; read back as <hostname>:<first 8 of bootUUID>:<machTimestamp> of the line the event is read from (at<local time digits> when an export dropped machTimestamp)',
  },
  {
    field: 'device',
    why: "log lines name no host: the file's Mac (context.host, from the inventory), or {id: hostname, kind: mac, hostname} without one",
  },
  {
    field: 'user',
    why: "only the MFA plug-in's lines name the IdP login; other lines name the local short name, mapped to a login through the inventory or earlier plug-in lines of the file, else kept as the short name",
  },
  {
    field: 'transaction',
    why: "only the plug-in's lines carry it; later lines of the same attempt (activity chain) get it back, so a mac.login before the push and a login without MFA lose it",
  },
  {
    field: 'session',
    why: 'loginwindow names no session: a mac.session.start gets its own id, and the lock, unlock and logout of its uid that session',
  },
  { field: 'origin', why: 'Mac lines have no network origin; the peer of ssh and screen sharing is mac.remoteIp' },
  {
    field: 'mac.uid (ssh, screen sharing)',
    why: 'sshd and screensharingd name the user only; the uid comes from earlier lines of the file or the inventory',
  },
  {
    field: 'mac.shortName (lock, unlock, logout)',
    why: "loginwindow's notifications give the uid only; the name comes from earlier lines or the inventory",
  },
  {
    field: 'user, mac.shortName, mac.uid (mac.sleep, mac.wake)',
    why: "powerd names no account: the host's primary user, or unknown on a shared Mac",
  },
  { field: 'challenge.factor', why: "the plug-in's own factor: always desktop_mfa" },
  {
    field: 'app',
    why: 'the right or service each kind of line stands for (system.login.console, system.login.screensaver, sshd, screensharing)',
  },
  {
    field: 'reason',
    why: 'mac.login: bad_password, mfa_required or none; mac.session.end: logout, restart or shutdown; mac.session.start: none',
  },
  {
    field: 'outcome, mac.process, mac.method',
    why: 'fixed by the kind of line (success for session and power events, none for mac.mfa.request)',
  },
];

function hostOf(context: FormatContext | undefined): MacHost {
  const host = context?.host;
  if (!host || typeof host.hostname !== 'string' || host.hostname === '') {
    throw new Error('unifiedlog: writing a unified log needs context.host, the Mac the file is for (one file per Mac)');
  }
  return host;
}

/**
 * The macOS unified log as `log show --style ndjson` writes it (docs/formats.md, "macOS unified log"): one file per
 * Mac, each canonical Mac event written as the lines a Mac logs for it — authd's credential check, authorizationhost's
 * password failure, loginwindow's doLogin, unlock and lock notifications, sshd and screensharingd authentication
 * lines, powerd's sleep and wake, and the MFA plug-in's push and answer (invented wording, modelled on Okta Device
 * Access Desktop MFA). Timestamps are the Mac's local wall time; the file ends with `{"count":N,"finished":1}`.
 *
 * Encoding needs `context.host` (it throws without). Decoding takes the host from the context when given, else names
 * the Mac "unknown"; it remembers what earlier lines of the file said (accounts, the attempt an activity chain
 * belongs to, the session a uid is in), so one decoder reads one file from its start. Paths in records are plain
 * strings; `toLine` writes them with Apple's `\/` escaping ({@link formatUnifiedLogLine}).
 */
export const unifiedLogFormat: LogFormat<'unifiedlog'> = {
  id: 'unifiedlog',
  toLine: formatUnifiedLogLine,
  siem: { sourcetype: 'macos:unifiedlog', index: 'pushstorm-unifiedlog' },
  title: 'macOS unified log (log show --style ndjson)',
  sources: ['mac'],
  fileStem: 'unifiedlog',
  perHost: true,
  limits,
  held(events: readonly CanonicalEvent[], context?: FormatContext): CanonicalEvent[] {
    const host = hostOf(context);
    const writer = new UnifiedLogWriter(host);
    const state = new MacLogState(host);
    const out: CanonicalEvent[] = [];
    for (const e of events) {
      const group = writer.plan(e);
      if (!group) continue;
      const f = carriedFacts(group.facts);
      const plugin = f.kind === 'mfaRequest' || f.kind === 'mfaResult';
      // The decoder learns the account from authd's check (or doLogin, or the plug-in) before the event's own line.
      if (namesAccount.has(f.kind)) state.learn(f);
      // authd's "right granted" after the plug-in's answer is context, so a login without MFA in such an attempt is lost.
      if (f.kind === 'console' && f.ok && !f.mfa && group.afterPlugin) continue;
      if (!plugin && !group.afterPlugin) delete f.transaction;
      out.push(state.build(f, lineEventId(host.hostname, group.primary.bootUUID, String(group.primary.mach))));
    }
    return out;
  },
  createEncoder(context?: FormatContext) {
    const writer = new UnifiedLogWriter(hostOf(context));
    let count = 0;
    return {
      encode(event: CanonicalEvent): unknown[] {
        const group = writer.plan(event);
        if (!group) return [];
        count += group.lines.length;
        return group.lines.map((line) => writer.record(line, event.time));
      },
      end: () => [{ count, finished: 1 }],
    };
  },
  createDecoder: (context?: FormatContext) => createUnifiedLogDecoder(context?.host),
  sniff(record: unknown): boolean {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
    const keys = Object.keys(record);
    // An empty `log show` output is its closing count record alone.
    if (keys.length === 2 && typeof valueAt(record, ['count']) === 'number' && valueAt(record, ['finished']) === 1) return true;
    const mach = valueAt(record, ['machTimestamp']);
    const ticks = typeof mach === 'number' || (typeof mach === 'string' && /^\d+$/.test(mach));
    // Without machTimestamp (some exports drop it), the image path and the local time still tell a log line.
    const line =
      mach === undefined && typeof valueAt(record, ['processImagePath']) === 'string' && typeof valueAt(record, ['timestamp']) === 'string';
    return (ticks || line) && typeof valueAt(record, ['eventMessage']) === 'string';
  },
};
