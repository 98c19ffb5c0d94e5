import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { DetectorLogic } from '../../engine/runtime/DetectorDefinition.ts';

const minute = 60_000;

/** Parameters shared by the "challenges without a login" detectors. */
export interface StormParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  graceMs: number;
}

interface Decision {
  at: number;
  evidence: CanonicalEvent[];
}

/** Per-key state of {@link stormWithoutLogin}. */
export interface StormState {
  window: CanonicalEvent[];
  seen: Set<string>;
  lastLogin: CanonicalEvent | undefined;
  pending: Decision[];
}

/** Which events are challenges, which are logins, and how to tell two records of one challenge apart. */
export interface StormShape {
  isChallenge(e: CanonicalEvent): boolean;
  isLogin(e: CanonicalEvent): boolean;
}

const challengeKey = (e: CanonicalEvent) => e.transaction ?? e.challenge?.id ?? e.id;

/**
 * At least `threshold` distinct challenges (one per transaction) within `windowMs`, and no login from the window's
 * start until `graceMs` after the challenge that completed the count. Each qualifying challenge is a decision at
 * (its time + grace), evaluated in event time once everything up to then is known; other events the detector reads
 * (results) ride along as evidence.
 */
export function stormWithoutLogin(shape: StormShape, { threshold, windowMs, graceMs }: StormParams): DetectorLogic<StormState> {
  const prune = (s: StormState, from: number) => {
    let drop = 0;
    while (drop < s.window.length && s.window[drop].time < from) {
      if (shape.isChallenge(s.window[drop])) s.seen.delete(challengeKey(s.window[drop]));
      drop++;
    }
    if (drop > 0) s.window.splice(0, drop);
  };
  return {
    idleMs: windowMs + graceMs + minute,
    init: () => ({ window: [], seen: new Set(), lastLogin: undefined, pending: [] }),
    onEvent(s, e, ctx) {
      if (shape.isLogin(e)) {
        s.lastLogin = e;
        return;
      }
      prune(s, e.time - windowMs);
      s.window.push(e);
      if (!shape.isChallenge(e)) return;
      const key = challengeKey(e);
      if (s.seen.has(key)) return;
      s.seen.add(key);
      if (s.seen.size >= threshold) {
        s.pending.push({ at: e.time, evidence: s.window.slice() });
        if (s.pending.length === 1) ctx.setTimer(e.time + graceMs);
      }
    },
    onTimer(s, ctx) {
      while (s.pending.length > 0 && s.pending[0].at + graceMs <= ctx.now) {
        const d = s.pending.shift()!;
        // The latest login up to now (the end of the grace period) tells whether any fell in [window start, now].
        if (s.lastLogin === undefined || s.lastLogin.time < d.at - windowMs) {
          ctx.alert({ evidence: d.evidence });
        }
      }
      if (s.pending.length > 0) ctx.setTimer(s.pending[0].at + graceMs);
    },
  };
}
