import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { DAY, MINUTE } from '../../engine/model/duration/timeUnits.ts';
import type { DetectorLogic, RunScope } from '../../engine/runtime/DetectorDefinition.ts';
import { idpSignInAddresses, isIdpSession } from './SharedAddresses.ts';

/** Parameters of the spray detectors. */
export interface SprayParams extends Record<string, number> {
  users: number;
  windowMs: number;
  orgUsers: number;
}

/** How long a sign-in keeps an address the organisation's. */
const orgLookbackMs = 30 * DAY;

/**
 * Per-source state: failed pushes and successful sign-ins in the window, and failed pushes per user. Most sources are
 * one user's home address with a sign-in or two, so the map is made at the first failed push and each list starts as
 * a list of one (`[]` grown by `push` reserves room for 17).
 */
export interface SprayState {
  window: CanonicalEvent[];
  perUser: Map<string, number> | undefined;
  successes: number[];
}

/**
 * Whether an event is a push the user did not accept (denied, unanswered, reported, wrong number), with a source.
 * Sprays are counted on these rather than on pushes sent: an office's NAT address sends pushes for hundreds of users
 * a day, but they approve them.
 */
export const isFailedPush = (e: CanonicalEvent) =>
  e.type === 'mfa.result' && e.outcome === 'failure' && e.reason !== 'muted' && e.origin !== undefined;

/**
 * An interactive sign-in with a source that did not fail (a log that gives no outcome counts it in). A failed one is
 * no success: an attacker's failed password tries from the spray source must not make it look like an office.
 */
export const isSuccess = (e: CanonicalEvent) => e.type === 'session.start' && e.outcome !== 'failure' && e.origin !== undefined;

/**
 * Fires when the failed pushes from one source (however the key groups them) reach `users` distinct users within
 * `windowMs`, at the push that reaches the count, unless the source also had at least as many successful sign-ins
 * in the window (an office or VPN concentrator where people mostly get in; a spray source almost never does). Failed
 * pushes from an address at least `orgUsers` distinct users signed in from in the last 30 days do not count at all:
 * that is the organisation's own, even in an outage when nobody gets in for a while.
 * Later failed pushes in the window grow the thread.
 */
export function distinctUsersBySource({ users, windowMs, orgUsers }: SprayParams, scope: RunScope | undefined): DetectorLogic<SprayState> {
  // Population context, shared by every source's state of this run: the organisation's own addresses — the run's one
  // table of IdP sign-ins when the detector's key lets every sign-in through (`scope`), a table of its own otherwise.
  const organisation = idpSignInAddresses(orgUsers, orgLookbackMs, scope);
  return {
    idleMs: windowMs + MINUTE,
    init: () => ({ window: [], perUser: undefined, successes: [] }),
    onEvent(s, e, ctx) {
      const from = e.time - windowMs;
      let drop = 0;
      while (drop < s.window.length && s.window[drop].time < from) {
        const u = s.window[drop].user;
        const n = s.perUser!.get(u)! - 1;
        if (n === 0) s.perUser!.delete(u);
        else s.perUser!.set(u, n);
        drop++;
      }
      if (drop > 0) s.window.splice(0, drop);
      let old = 0;
      while (old < s.successes.length && s.successes[old] < from) old++;
      if (old > 0) s.successes.splice(0, old);
      if (isSuccess(e)) {
        if (s.successes.length === 0) s.successes = [e.time];
        else s.successes.push(e.time);
        if (isIdpSession(e)) organisation.signedIn(e.origin!.ip, e.user, e.time);
        return;
      }
      // An address `orgUsers` people signed in from lately is the organisation's (an office NAT, a VPN concentrator):
      // its users' failed pushes in an outage, when nobody gets in for a while, are no spray.
      if (organisation.shared(e.origin!.ip, e.time - orgLookbackMs)) return;
      if (s.window.length === 0) s.window = [e];
      else s.window.push(e);
      const perUser = (s.perUser ??= new Map());
      perUser.set(e.user, (perUser.get(e.user) ?? 0) + 1);
      if (perUser.size >= users && s.successes.length < perUser.size) ctx.alert({ evidence: s.window.slice() });
    },
  };
}
