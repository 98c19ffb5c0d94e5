import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { DAY, HOUR, MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
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
import { idpSignInAddresses, isIdpSession, orgUsersParam } from './_internal/SharedAddresses.ts';

/** Parameters of {@link unansweredSpray}. */
export interface UnansweredSprayParams extends Record<string, number> {
  users: number;
  horizonMs: number;
  graceMs: number;
  lookbackMs: number;
  orgUsers: number;
}

/** Per-network state. */
interface State {
  pending: PendingPushes;
  /** Unanswered pushes to users for whom their address was unfamiliar, in the horizon, oldest first. */
  unanswered: UnansweredPush[];
}

/** The network a request came from: its autonomous system, or its address when the ASN is unknown. */
const networkOf = (e: CanonicalEvent): string | undefined =>
  e.origin === undefined ? undefined : e.origin.asn !== undefined ? `AS${e.origin.asn}` : `ip:${e.origin.ip}`;

const browserPush = (e: CanonicalEvent) => isPushSent(e) && e.source === 'idp' && !isLoginWindowPush(e);
const idpSignIn = (e: CanonicalEvent) => isSignedIn(e) && e.source === 'idp';

/**
 * A push spray from one network, over hours: pushes to at least `users` distinct users within `horizonMs`, all
 * requested from addresses of one autonomous system (or one address without an ASN — every kind of network, residential
 * ones too), each one that
 *
 * - was **not answered**: no sign-in of that user through the same attempt or from the same address within `graceMs`
 *   after it, nor since;
 * - came from an address **unfamiliar to that user**: they had no IdP session from it in the `lookbackMs` before, and
 *   it is not the organisation's: fewer than `orgUsers` distinct users signed in from it in the lookback.
 *
 * Each push is judged when its grace ends; the alert names the users so far and grows with each later one.
 *
 * Why: a spray sends one or two pushes to each of many users, so no per-user count reaches a threshold, and it rotates
 * addresses — a residential proxy pool hands out a new one per request — so no per-address count does either; what
 * stays is the network and the pattern "nobody got in from there". Ordinary users of the same ISP or office egress get
 * in from their own addresses after their pushes, and their addresses are familiar to them, so a big ISP with
 * thousands of users stays quiet while a few dozen unanswered pushes from addresses new to each of their users stand
 * out. A window of hours catches sprays paced to stay under per-hour counts.
 *
 * @example
 * // From 09:00 to 13:00, 6 users each get one push from a different address of AS9009; none signs in from it: the
 * // alert comes when the 4th push's grace ends, naming those 4 users, and grows to 6.
 */
export const unansweredSpray: DetectorDefinition<UnansweredSprayParams, State> = {
  id: 'unanswered-spray',
  version: '1.0.0',
  title: 'Unanswered pushes to many users from one network',
  description:
    'MFA pushes to many users over hours, requested from addresses of one network (ASN) new to each user, none ' +
    'followed by that user signing in from there (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  needs: ['mfa.challenge', 'session.start'],
  entity: 'source',
  notExportable:
    'it pairs each push with its own sign-in and skips addresses familiar to each user or the organisation’s: state no windowed query holds',
  library: { catches: 'proxy-spray' },
  keyOf: (e) => (browserPush(e) || idpSignIn(e) ? networkOf(e) : undefined),
  params: {
    users: { default: 4, min: 2, max: 100, step: 1, unit: 'count', description: 'distinct users with an unanswered push in the horizon' },
    horizonMs: {
      default: 6 * HOUR,
      min: 10 * MINUTE,
      max: 7 * DAY,
      step: 10 * MINUTE,
      unit: 'ms',
      description: 'how long an unanswered push keeps counting',
    },
    ...answerParams,
    orgUsers: orgUsersParam,
  },
  create({ users, horizonMs, graceMs, lookbackMs, orgUsers }, scope) {
    // Population context, shared by every network's state of this run (and with unanswered-pushes'): the IdP sessions
    // by address, each address's latest few users. It says both whether an address is the organisation's and whether
    // it is the user's own: a user's sign-in from an address is forgotten only once `orgUsers` others signed in there
    // after it, which makes the address the organisation's, and the push is skipped all the same.
    const organisation = idpSignInAddresses(orgUsers, lookbackMs, scope);
    return {
      // After this long idle every push is judged and out of the horizon, and every sign-in out of the lookback.
      idleMs: Math.max(horizonMs, lookbackMs) + graceMs + MINUTE,
      init: () => ({ pending: new PendingPushes(graceMs), unanswered: [] }),
      onEvent(s, e, ctx) {
        if (idpSignIn(e)) {
          if (isIdpSession(e)) organisation.signedIn(e.origin!.ip, e.user, e.time);
          s.pending.answer(e);
          s.unanswered = withoutAnswered(s.unanswered, e);
          return;
        }
        const key = pushKey(e);
        if (s.pending.get(e) !== undefined || s.unanswered.some((p) => p.key === key)) return; // another record of a push
        const since = e.time - lookbackMs;
        // The user's own address, or the organisation's (an office egress, a VPN concentrator): one question answers both.
        if (organisation.signedInSince(e.origin!.ip, e.user, since)) return;
        const idle = s.pending.nextDue() === undefined;
        s.pending.add({ key, user: e.user, time: e.time, ip: e.origin!.ip, mac: undefined, familiar: false, records: [e] });
        if (idle) ctx.setTimer(e.time + graceMs);
      },
      onTimer(s, ctx) {
        for (const push of s.pending.due(ctx.now)) {
          s.unanswered.push(push);
          let old = 0;
          while (old < s.unanswered.length && s.unanswered[old].time < push.time - horizonMs) old++;
          if (old > 0) s.unanswered.splice(0, old);
          const targets = new Set(s.unanswered.map((p) => p.user));
          if (targets.size >= users) ctx.alert({ evidence: s.unanswered.flatMap((p) => p.records) });
        }
        const next = s.pending.nextDue();
        if (next !== undefined) ctx.setTimer(next);
      },
    };
  },
};
