import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { DAY, HOUR, MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { PushWindow } from './_internal/PushWindow.ts';
import { SmallMap } from './_internal/SmallMap.ts';

/** Parameters of {@link unfamiliarSource}. */
export interface UnfamiliarSourceParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  lookbackMs: number;
  minHistory: number;
}

/** The latest state event of one of the user's Macs. */
interface MacState {
  time: number;
  present: boolean;
}

/** Per-user state: what the lookback taught, where the Macs are, and the unfamiliar failed pushes in the window. */
interface State {
  /** Each source ({@link sourceOf}) of a successful session in the lookback → its latest session time. */
  familiar: SmallMap<number | string, number>;
  /**
   * Times of the latest `minHistory` successful sessions, oldest first: enough to tell whether the lookback holds that
   * many. Replaced (`concat` makes it exactly as long), not grown: an array grown by `push` reserves room for 17.
   */
  recent: readonly number[];
  /** Country of the latest successful session. */
  lastCountry: string | undefined;
  /** Each Mac of the user (device id) in the lookback → its latest lock-state event; none while there is none. */
  macs: SmallMap<string, MacState> | undefined;
  /** Unfamiliar failed results in the window; none while it is empty. */
  window: PushWindow | undefined;
}

const failed = new Set(['denied', 'timeout', 'fraud', 'wrong_number']);
const locking = new Set(['mac.session.lock', 'mac.session.end', 'mac.sleep']);
const remote = new Set(['ssh', 'screen_sharing']);

/** A successful interactive sign-in with a source: the only thing familiarity is learnt from. */
const isSession = (e: CanonicalEvent) => e.type === 'session.start' && e.outcome === 'success' && e.origin !== undefined;
/** A push the user saw and did not accept (not `muted`: that push was never sent), with a source, not from a Mac's login window. */
const isFailedResult = (e: CanonicalEvent) =>
  e.type === 'mfa.result' &&
  e.outcome === 'failure' &&
  e.reason !== 'muted' &&
  e.origin !== undefined &&
  e.challenge?.factor !== 'desktop_mfa' &&
  e.challenge?.result !== undefined &&
  failed.has(e.challenge.result);
/** Someone at the Mac's keyboard: it woke, was logged in to or unlocked, or a login was tried at its console. */
const isAtMac = (e: CanonicalEvent) =>
  e.type === 'mac.wake' ||
  e.type === 'mac.session.start' ||
  e.type === 'mac.session.unlock' ||
  (e.type === 'mac.login' && !remote.has(e.mac?.method ?? ''));
const isMacState = (e: CanonicalEvent) => isAtMac(e) || locking.has(e.type);

/**
 * The network a request came from: its autonomous system (a number), or its address (a string) when the ASN is unknown.
 * The two never collide, and neither is a new string per event: a user's state keeps them for weeks.
 */
const sourceOf = (e: CanonicalEvent): number | string => e.origin!.asn ?? e.origin!.ip;

/**
 * Unfamiliar source while the user is away: at least `threshold` distinct pushes (by transaction) for one user that
 * failed — denied, unanswered (`timeout`), reported as `fraud` or answered with the `wrong_number` (`mfa.result`,
 * reason not `muted`) — each requested from a network the user has not signed in from in the lookback, while the user
 * was away from their Mac or elsewhere, within `windowMs` (both ends inclusive: results at `t − windowMs` and at `t`
 * count). Each failed result is judged once, at its own time `t`, on the events before it in (time, id) order:
 *
 * - **Familiar** sources are learnt only from the user's own successful interactive sign-ins (`session.start`,
 *   outcome `success`, with an origin) in the lookback `[t − lookbackMs, t]` (both ends inclusive: a session exactly
 *   `lookbackMs` earlier still counts). Never from challenges or results, nor from a successful `auth.attempt`: an
 *   attacker who holds the password passes the primary factor and sends pushes, and neither may make their network
 *   familiar.
 * - **Unfamiliar**: the result's source — its ASN (`AS<n>`), or its IP when the ASN is unknown — is not among them.
 *   A new IP in a familiar ASN is not enough: addresses churn within an ISP or a corporate egress every day.
 * - **Baseline**: the lookback holds at least `minHistory` such sessions; otherwise there is no judgement, so the
 *   first days of a stream (and of a user back after a lookback without signing in) only teach.
 * - **Away**: the user has a Mac with a lock-state event in the lookback, and the latest such event of each of their
 *   Macs (by device id) is `mac.session.lock`, `mac.session.end` or `mac.sleep` (locked, logged out, asleep). Someone
 *   at the keyboard — `mac.wake`, `mac.session.start`, `mac.session.unlock`, or a `mac.login` at the console (not
 *   `ssh` or `screen_sharing`) — means at the Mac.
 * - **Elsewhere**: the user's latest successful session came from another country than the result (both known). This
 *   needs no Mac, so it is the only test a user without Mac events can meet.
 *
 * Pushes of the Mac plug-in (factor `desktop_mfa`) are left out: the Mac's own login window asked for them, so their
 * origin is the Mac's network, wherever the Mac is; a storm at a Mac's login window is `mac-login-window-storm`'s.
 *
 * Fires at the failed result that reaches the count; every later one of a new push while the window holds
 * `threshold` of them is another finding and grows the thread. A record of a push already in the window joins the
 * evidence but decides nothing. The evidence is the counted results (they carry the request's origin, device and app).
 * Severity high.
 *
 * Why these choices, measured on the scenario library (default parameters but the one varied; false alerts are
 * open threads that match no incident):
 * - Failed pushes, not pushes sent: people sign in from home in the evening while their work Mac sleeps, and the
 *   first such sign-in after weeks at the office comes from an unfamiliar home ISP; a missed push and its retry
 *   would be an alert. Counting every result, approvals too, gave 25 false alerts on quiet-month and 14 on
 *   false-positive-week. The user approves their own pushes; the attacker's mostly fail. Judging the result, which
 *   carries the request's origin, rather than the challenge delays the alert by at most the push's lifetime.
 * - No `desktop_mfa` pushes: travellers at their own Mac's login window abroad, whose pushes timed out before they
 *   got in, were 2 false alerts on quiet-month and 1 more on false-positive-week.
 * - `mac.wake` and console logins as presence: the user is at the login window while its push is pending (during
 *   false-positive-week's push outage too); with unlocks only, 1 more false alert on false-positive-week.
 * - A day-long window: the low-and-slow scenario's few pushes a day, many at night while the Mac sleeps, are caught
 *   at 24 h (its 3 targets) and missed at 1 h, with no false alert on quiet-month either way.
 * - `minHistory` 5: at 3, 1 false alert on quiet-month and 7 on false-positive-week (users judged on two or three
 *   sign-ins); `lookbackMs` 14 days: at 7, 1 false alert on quiet-month and 17 fewer proxy-spray targets found.
 * - Left: on false-positive-week (7 days, so a week's baseline at most) one user's evening sign-in from a home ISP
 *   not seen that week had its push missed twice (12% of pushes are missed there) before a remembered-device
 *   sign-in: 1 false alert. Missed by design: pushes while the user is at an unlocked Mac in the push's own country
 *   (hosting-spray, a US server during US office hours), from the user's own ISP (a residential proxy can share it),
 *   and to users with fewer than `minHistory` sign-ins in the lookback.
 *
 * Approved pushes are not findings: raising an alert to critical at an approval from the window's unfamiliar network
 * was tried and left out, since a traveller's own retry, approved, looks the same; `approval-after-fatigue` covers the
 * compromise. The approval's session makes that network familiar, so an attacker who got in stops counting here.
 *
 * The state of a user lives a lookback long (`idleMs`), so it is kept small: one time per familiar source, the times
 * of the last `minHistory` sessions, the latest session's country, one state per Mac, and the window.
 *
 * @example
 * // Ann signed in 5 times from her office (AS64512, US) this fortnight; her Mac sleeps. At 02:10 and 02:40 two
 * // pushes from AS8708 (RO) time out: one finding at 02:40 with the two results as evidence.
 */
export const unfamiliarSource: DetectorDefinition<UnfamiliarSourceParams, State> = {
  id: 'unfamiliar-source',
  version: '1.0.0',
  title: 'Failed pushes from an unfamiliar network while the user is away from their Mac or elsewhere',
  description:
    'Several pushes for one user that failed (denied, unanswered, fraud, wrong number), requested from networks the ' +
    'user has not signed in from in the lookback, while the user’s Macs were locked, asleep or logged out, or their ' +
    'latest sign-in came from another country (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  needs: [
    'session.start',
    'mfa.result',
    'mac.wake',
    'mac.login',
    'mac.session.start',
    'mac.session.unlock',
    'mac.session.lock',
    'mac.session.end',
    'mac.sleep',
  ],
  entity: 'user',
  notExportable: 'it learns each user’s familiar addresses and networks over weeks: state no windowed query holds',
  library: { catches: 'uber-burst' },
  keyOf: (e) => (isSession(e) || isFailedResult(e) || isMacState(e) ? e.user : undefined),
  params: {
    threshold: { default: 3, min: 1, max: 20, step: 1, unit: 'count', description: 'unfamiliar failed pushes in the window' },
    windowMs: {
      default: 24 * HOUR,
      min: 10 * MINUTE,
      max: 48 * HOUR,
      step: 10 * MINUTE,
      unit: 'ms',
      description: 'window the unfamiliar failed pushes fall in',
    },
    lookbackMs: {
      default: 14 * DAY,
      min: DAY,
      max: 60 * DAY,
      step: DAY,
      unit: 'ms',
      description: 'how long a sign-in keeps its network familiar',
    },
    minHistory: {
      default: 5,
      min: 1,
      max: 50,
      step: 1,
      unit: 'count',
      description: 'successful sign-ins in the lookback before any judgement',
    },
  },
  create({ threshold, windowMs, lookbackMs, minHistory }) {
    return {
      // Dropping a user's state after this long idle changes nothing: all of it is older than the lookback and the window.
      idleMs: Math.max(windowMs, lookbackMs) + MINUTE,
      init: () => ({
        familiar: new SmallMap(),
        recent: [],
        lastCountry: undefined,
        macs: undefined,
        window: undefined,
      }),
      onEvent(s, e, ctx) {
        const t = e.time;
        if (isMacState(e)) {
          (s.macs ??= new SmallMap()).set(e.device?.id ?? '', { time: t, present: isAtMac(e) });
          return;
        }
        if (isSession(e)) {
          forgetBefore(s, t - lookbackMs);
          s.familiar.set(sourceOf(e), t);
          s.recent = (s.recent.length < minHistory ? s.recent : s.recent.slice(s.recent.length - minHistory + 1)).concat(t);
          s.lastCountry = e.origin!.country;
          return;
        }

        if (s.window !== undefined) {
          s.window.evictBefore(t - windowMs);
          if (s.window.length === 0) s.window = undefined;
        }
        const since = t - lookbackMs;
        forgetBefore(s, since);
        if (s.recent.length < minHistory || s.recent[0] < since) return;
        if (s.familiar.has(sourceOf(e)) || !(elsewhere(s, e) || away(s))) return;

        const window = (s.window ??= new PushWindow());
        if (!window.add(e) || window.distinct < threshold) return;
        ctx.alert({ evidence: window.evidence() });
      },
    };
  },
};

/** Forgets the sources and Macs last seen before `since` (the start of the lookback). */
function forgetBefore(s: State, since: number): void {
  s.familiar.deleteWhere((time) => time < since);
  s.macs?.deleteWhere((mac) => mac.time < since);
  if (s.macs?.size === 0) s.macs = undefined;
}

/** Whether the user's latest successful session came from another country than `e`. */
function elsewhere(s: State, e: CanonicalEvent): boolean {
  const country = e.origin!.country;
  return s.lastCountry !== undefined && country !== undefined && s.lastCountry !== country;
}

/** Whether the user has a Mac in the lookback and nobody is at any of them (`s.macs` holds the lookback's only). */
function away(s: State): boolean {
  return s.macs !== undefined && !s.macs.some((mac) => mac.present);
}
