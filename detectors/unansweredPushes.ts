import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { outageUsersParam } from './_internal/FailureCrowd.ts';
import { DAY, HOUR, MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorContext, DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import {
  answerParams,
  isLoginWindowPush,
  isPushSent,
  isSignedIn,
  PendingPushes,
  type UnansweredPush,
  withoutAnswered,
} from './_internal/PendingPushes.ts';
import { pushKey } from './_internal/PushWindow.ts';
import { OutageWatch } from './_internal/OutageWatch.ts';
import { idpSignInAddresses, isIdpSession, orgUsersParam } from './_internal/SharedAddresses.ts';
import { SmallMap } from './_internal/SmallMap.ts';

/** Results by which the user refuses a push. */
const refused = new Set(['denied', 'fraud', 'wrong_number']);

/** Parameters of {@link unansweredPushes}. */
export interface UnansweredPushesParams extends Record<string, number> {
  threshold: number;
  horizonMs: number;
  graceMs: number;
  lookbackMs: number;
  orgUsers: number;
  outageUsers: number;
}

/** Per-user state. */
interface State {
  /** Each network address the user signed in from (IdP session) → the latest such sign-in. */
  addresses: SmallMap<string, number> | undefined;
  /** Each Mac the user signed in to or unlocked → the latest time. */
  macs: SmallMap<string, number> | undefined;
  /** Pushes waiting for their sign-in; none while nothing waits. */
  pending: PendingPushes | undefined;
  /** Unanswered pushes from unfamiliar requesters in the horizon, oldest first; none while there are none. */
  unanswered: UnansweredPush[] | undefined;
  /**
   * Results that came before their push's first record (a log with one time per row, such as Entra's Graph pages,
   * gives both the same millisecond, and ties go by id): push → the result, kept a minute.
   */
  early: Map<string, CanonicalEvent> | undefined;
}

/**
 * Drops an empty pending list. A user's state lives a lookback long, a month, and the parts of it that are empty
 * most of that time are made only when needed: a million users' empty maps would be most of a gigabyte.
 */
const settle = (s: State): void => {
  if (s.pending?.nextDue() === undefined) s.pending = undefined;
};

/**
 * Unanswered pushes from unfamiliar requesters, over days: at least `threshold` pushes for one user within
 * `horizonMs`, each one that
 *
 * - was **sent** (the IdP's `mfa.challenge` with outcome `success`, or a Mac's `mac.mfa.request`);
 * - was **not answered**: no sign-in of the user through the same attempt (transaction), from the same network address
 *   (an IdP session) or at the same Mac (login-window session or unlock) within `graceMs` after it — nor since;
 * - came from an **unfamiliar** requester: an address the user had no IdP session from in the `lookbackMs` before the
 *   push and that fewer than `orgUsers` users signed in from (not the organisation's: an office egress, a VPN); for a
 *   login-window push, a Mac the user had not signed in to or unlocked in the lookback. At the user's own Mac a push
 *   counts all the same when it was refused or overlapped (below): the login window is theirs, not who types at it;
 * - did not fall in a **push outage** ({@link OutageWatch}: at least `outageUsers` users with pushes unanswered from
 *   15 minutes before it, from two networks or more, two of them from addresses familiar to them, the unanswered
 *   outnumbering the answered).
 *
 * A push is judged when its grace ends — or at once when the user refused it (denied, reported, the wrong number), when
 * the login window that asked for it cancelled it, or when the next push came while it was still on the phone (no
 * result yet: someone asked again before the user could answer). The alert comes at the push that completes the count,
 * and each later one grows the thread. The evidence is the counted pushes' records: when, from where, on which device.
 *
 * Why, measured on generated worlds nobody tuned the library on (`pushstorm space`): a push is part of a sign-in, and
 * the user's own sign-in follows their push within seconds from the same address or Mac — a missed push is followed by
 * a retry that gets in from there. An attacker's pushes are never followed by a sign-in from the attacker's address
 * until the victim gives in. Pairing each push with *its* sign-in is what lets a user's own sessions elsewhere (their
 * desk, their phone) not hide an attack; familiarity leaves out the user's own and the organisation's networks, so the
 * ordinary lost push stays quiet; counting over days, not minutes, catches a drip of two pushes a day as surely as a
 * storm, at the second push; and judging refused and overlapped pushes at once stops a quick storm before its third
 * prompt. A new address that gets in becomes familiar, so a traveller is judged on the hotel's network from their
 * first sign-in there. Counting a timed-out push at once too was tried: five times the false alerts.
 *
 * Left to other detectors: storms at a user's own Mac that wait out each push (`mac-login-window-storm`), attacks from
 * an address the user or the organisation signs in from, one push per user spread over many users (the spray
 * detectors).
 *
 * @example
 * // Ann has signed in from 73.12.218.149 all week. At 02:10 a push from 185.220.101.7 goes unanswered; at 14:40 the
 * // next day another from 185.220.101.9: one alert at 14:45 (the second push's grace ended) with both pushes.
 */
export const unansweredPushes: DetectorDefinition<UnansweredPushesParams, State> = {
  id: 'unanswered-pushes',
  version: '1.0.0',
  title: 'Pushes from unfamiliar requesters that no sign-in followed',
  description:
    'Several MFA pushes for one user over hours or days, each requested from an address or Mac the user has not ' +
    'signed in from lately, none followed by a sign-in from where it was requested (ATT&CK T1621, analytic AN0454).',
  severity: 'high',
  attack: { technique: 'T1621', analytic: 'AN0454' },
  needs: ['mfa.challenge', 'mac.mfa.request', 'mfa.result', 'mac.mfa.result', 'session.start', 'mac.session.start', 'mac.session.unlock'],
  entity: 'user',
  notExportable:
    'it pairs each push with its own sign-in, learns each user’s familiar addresses over 30 days and stands down in outages: state no windowed query holds',
  library: { catches: 'low-and-slow' },
  keyOf: (e) => (isPushSent(e) || isSignedIn(e) || e.type === 'mfa.result' || e.type === 'mac.mfa.result' ? e.user : undefined),
  params: {
    threshold: { default: 2, min: 1, max: 20, step: 1, unit: 'count', description: 'unanswered unfamiliar pushes in the horizon' },
    horizonMs: {
      default: 7 * DAY,
      min: 10 * MINUTE,
      max: 30 * DAY,
      step: HOUR,
      unit: 'ms',
      description: 'how long an unanswered push keeps counting',
    },
    ...answerParams,
    outageUsers: outageUsersParam,
    orgUsers: orgUsersParam,
  },
  create({ threshold, horizonMs, graceMs, lookbackMs, orgUsers, outageUsers }, scope) {
    // Population context, shared by every user's state of this run (and with unanswered-spray's): the organisation's
    // own addresses.
    const organisation = idpSignInAddresses(orgUsers, lookbackMs, scope);
    const outages = new OutageWatch(outageUsers, 15 * MINUTE, graceMs);
    const familiar = (s: State, e: CanonicalEvent, mac: string | undefined): boolean => {
      if (mac !== undefined) return (s.macs?.get(mac) ?? -Infinity) >= e.time - lookbackMs;
      if (e.origin === undefined) return false;
      const since = e.time - lookbackMs;
      return (s.addresses?.get(e.origin.ip) ?? -Infinity) >= since || organisation.shared(e.origin.ip, since);
    };
    /** Counts a push nobody answered (its grace ended, or the requester moved on to another), and alerts at the count. */
    const judge = (s: State, push: UnansweredPush, ctx: DetectorContext, refusedOrOverlapped = false): void => {
      // At the user's own Mac, a push refused or overlapped by the next counts: the login window is theirs, not who types.
      const counts = !push.familiar || (refusedOrOverlapped && push.mac !== undefined);
      if (!counts || outages.outage(push, ctx.now)) return;
      const unanswered = (s.unanswered ??= []);
      unanswered.push(push);
      let old = 0;
      while (old < unanswered.length && unanswered[old].time < push.time - horizonMs) old++;
      if (old > 0) unanswered.splice(0, old);
      if (unanswered.length >= threshold) ctx.alert({ evidence: unanswered.flatMap((p) => p.records) });
    };
    /**
     * A push's result: it is off the phone. Refused (denied, reported, the wrong number picked: the user said it was not
     * them) or cancelled by the login window that asked for it (its next attempt began), it is unanswered now.
     */
    const resolve = (s: State, push: UnansweredPush, result: CanonicalEvent, ctx: DetectorContext): void => {
      push.resolved = true;
      const given = refused.has(result.challenge?.result ?? '') || result.reason === 'cancelled';
      if (!given || s.pending?.take(push) !== true) return;
      settle(s);
      judge(s, push, ctx, true);
    };
    return {
      // After this long idle every push is judged and out of the horizon, and every sign-in out of the lookback.
      idleMs: Math.max(horizonMs, lookbackMs) + graceMs + MINUTE,
      init: () => ({ addresses: undefined, macs: undefined, pending: undefined, unanswered: undefined, early: undefined }),
      onEvent(s, e, ctx) {
        if (isSignedIn(e)) {
          if (e.source === 'mac') {
            if (e.device !== undefined) (s.macs ??= new SmallMap()).set(e.device.id, e.time);
          } else if (e.origin !== undefined) {
            (s.addresses ??= new SmallMap()).set(e.origin.ip, e.time);
            if (isIdpSession(e)) organisation.signedIn(e.origin.ip, e.user, e.time);
          }
          if (s.pending !== undefined) {
            s.pending.answer(e);
            settle(s);
          }
          if (s.unanswered !== undefined) {
            s.unanswered = withoutAnswered(s.unanswered, e);
            if (s.unanswered.length === 0) s.unanswered = undefined;
          }
          return;
        }
        const waiting = s.pending?.get(e);
        if (e.type === 'mfa.result' || e.type === 'mac.mfa.result') {
          if (waiting !== undefined) resolve(s, waiting, e, ctx);
          else if (s.unanswered?.some((p) => p.key === pushKey(e)) !== true) {
            const early = (s.early ??= new Map());
            for (const [key, r] of early) if (r.time < e.time - MINUTE) early.delete(key);
            early.set(pushKey(e), e);
          }
          return;
        }
        if (waiting !== undefined) {
          waiting.records.push(e);
          waiting.ip ??= e.origin?.ip;
          return;
        }
        const key = pushKey(e);
        if (s.unanswered?.some((p) => p.key === key) === true) return; // a late record of a push already counted
        const mac = isLoginWindowPush(e) ? e.device?.id : undefined;
        if (isLoginWindowPush(e) && mac === undefined) return; // a login-window push from no known Mac: nothing to judge it by
        const push: UnansweredPush = {
          key,
          user: e.user,
          time: e.time,
          ip: e.origin?.ip,
          mac,
          familiar: familiar(s, e, mac),
          records: [e],
        };
        if (s.pending !== undefined) for (const earlier of s.pending.supersededBy(push)) judge(s, earlier, ctx, true);
        const idle = s.pending?.nextDue() === undefined;
        (s.pending ??= new PendingPushes(graceMs)).add(push);
        outages.sent(push);
        if (idle) ctx.setTimer(e.time + graceMs);
        const result = s.early?.get(key);
        if (result !== undefined) {
          s.early!.delete(key);
          if (s.early!.size === 0) s.early = undefined;
          resolve(s, push, result, ctx);
        }
      },
      onTimer(s, ctx) {
        if (s.pending === undefined) return;
        for (const push of s.pending.due(ctx.now)) judge(s, push, ctx);
        const next = s.pending.nextDue();
        if (next !== undefined) ctx.setTimer(next);
        else s.pending = undefined;
      },
    };
  },
};
