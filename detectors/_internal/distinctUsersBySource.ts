import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { MINUTE } from '../../engine/model/duration/timeUnits.ts';
import type { DetectorLogic } from '../../engine/runtime/DetectorDefinition.ts';

/** Parameters of the spray detectors. */
export interface SprayParams extends Record<string, number> {
  users: number;
  windowMs: number;
}

/** Per-source state: failed pushes and successful sign-ins in the window, and failed pushes per user. */
export interface SprayState {
  window: CanonicalEvent[];
  perUser: Map<string, number>;
  successes: number[];
}

/**
 * Whether an event is a push the user did not accept (denied, unanswered, reported, wrong number), with a source.
 * Sprays are counted on these rather than on pushes sent: an office's NAT address sends pushes for hundreds of users
 * a day, but they approve them.
 */
export const isFailedPush = (e: CanonicalEvent) =>
  e.type === 'mfa.result' && e.outcome === 'failure' && e.reason !== 'muted' && e.origin !== undefined;

/** A successful interactive sign-in with a source. */
export const isSuccess = (e: CanonicalEvent) => e.type === 'session.start' && e.origin !== undefined;

/**
 * Fires when the failed pushes from one source (however the key groups them) reach `users` distinct users within
 * `windowMs`, at the push that reaches the count, unless the source also had at least as many successful sign-ins
 * in the window (an office or VPN concentrator where people mostly get in; a spray source almost never does).
 * Later failed pushes in the window grow the thread.
 */
export function distinctUsersBySource({ users, windowMs }: SprayParams): DetectorLogic<SprayState> {
  return {
    idleMs: windowMs + MINUTE,
    init: () => ({ window: [], perUser: new Map(), successes: [] }),
    onEvent(s, e, ctx) {
      const from = e.time - windowMs;
      let drop = 0;
      while (drop < s.window.length && s.window[drop].time < from) {
        const u = s.window[drop].user;
        const n = s.perUser.get(u)! - 1;
        if (n === 0) s.perUser.delete(u);
        else s.perUser.set(u, n);
        drop++;
      }
      if (drop > 0) s.window.splice(0, drop);
      let old = 0;
      while (old < s.successes.length && s.successes[old] < from) old++;
      if (old > 0) s.successes.splice(0, old);
      if (isSuccess(e)) {
        s.successes.push(e.time);
        return;
      }
      s.window.push(e);
      s.perUser.set(e.user, (s.perUser.get(e.user) ?? 0) + 1);
      if (s.perUser.size >= users && s.successes.length < s.perUser.size) ctx.alert({ evidence: s.window.slice() });
    },
  };
}
