import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { DetectorLogic } from '../../engine/runtime/DetectorDefinition.ts';
import { MINUTE } from '../../engine/model/duration/timeUnits.ts';
import { FailureCrowd, isFailedResult } from './FailureCrowd.ts';
import { PushWindow } from './PushWindow.ts';

/** Parameters shared by the "challenges without a login" detectors. */
export interface StormParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  graceMs: number;
  outageUsers: number;
}

interface Decision {
  at: number;
  evidence: CanonicalEvent[];
}

/** Per-key state of {@link stormWithoutLogin}. */
export interface StormState {
  /** The challenges (counted once per push) and the results riding along, in the window. */
  window: PushWindow;
  lastLogin: CanonicalEvent | undefined;
  pending: Decision[];
}

/** Which events are challenges, which are logins, and how to tell two records of one challenge apart. */
export interface StormShape {
  isChallenge(e: CanonicalEvent): boolean;
  isLogin(e: CanonicalEvent): boolean;
}

/**
 * At least `threshold` distinct challenges (one per transaction) within `windowMs`, and no login from the window's
 * start until `graceMs` after the challenge that completed the count, unless at least `outageUsers` users had pushes
 * fail from two networks or more between the window's start and the decision: a push outage ({@link FailureCrowd}). Each qualifying challenge is a decision at
 * (its time + grace), evaluated in event time once everything up to then is known; other events the detector reads
 * (results) ride along as evidence.
 */
export function stormWithoutLogin(
  shape: StormShape,
  { threshold, windowMs, graceMs, outageUsers }: StormParams,
): DetectorLogic<StormState> {
  const crowd = new FailureCrowd(outageUsers, 2 * windowMs + graceMs);
  return {
    idleMs: windowMs + graceMs + MINUTE,
    init: () => ({ window: new PushWindow(shape.isChallenge), lastLogin: undefined, pending: [] }),
    onEvent(s, e, ctx) {
      if (isFailedResult(e)) crowd.note(e);
      if (shape.isLogin(e)) {
        s.lastLogin = e;
        return;
      }
      s.window.evictBefore(e.time - windowMs);
      if (!s.window.add(e)) return; // a result riding along, or a challenge already counted
      if (s.window.distinct >= threshold) {
        s.pending.push({ at: e.time, evidence: s.window.evidence() });
        if (s.pending.length === 1) ctx.setTimer(e.time + graceMs);
      }
    },
    onTimer(s, ctx) {
      while (s.pending.length > 0 && s.pending[0].at + graceMs <= ctx.now) {
        const d = s.pending.shift()!;
        // The latest login up to now (the end of the grace period) tells whether any fell in [window start, now].
        const noLogin = s.lastLogin === undefined || s.lastLogin.time < d.at - windowMs;
        // Many users' pushes failing together, from several networks, is a push outage with people retrying.
        if (noLogin && !crowd.crowded(d.at - windowMs, ctx.now)) ctx.alert({ evidence: d.evidence });
      }
      if (s.pending.length > 0) ctx.setTimer(s.pending[0].at + graceMs);
    },
  };
}
