import type { CanonicalEvent } from '../../engine/generated/event.ts';
import type { DetectorLogic } from '../../engine/runtime/DetectorDefinition.ts';

/** Parameters of the spray detectors. */
export interface SprayParams extends Record<string, number> {
  users: number;
  windowMs: number;
}

/** Per-source state: challenges in the window and how many each user has in it. */
export interface SprayState {
  window: CanonicalEvent[];
  perUser: Map<string, number>;
}

/** Whether an event is a challenge that went out (what a spray triggers). */
export const isSentChallenge = (e: CanonicalEvent) => e.type === 'mfa.challenge' && e.outcome === 'success' && e.origin !== undefined;

/**
 * Fires when the challenges from one source (however the key groups them) reach `users` distinct users within
 * `windowMs`, at the challenge that reaches the count; later challenges in the window grow the thread.
 */
export function distinctUsersBySource({ users, windowMs }: SprayParams): DetectorLogic<SprayState> {
  return {
    idleMs: windowMs + 60_000,
    init: () => ({ window: [], perUser: new Map() }),
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
      s.window.push(e);
      s.perUser.set(e.user, (s.perUser.get(e.user) ?? 0) + 1);
      if (s.perUser.size >= users) ctx.alert({ evidence: s.window.slice() });
    },
  };
}
