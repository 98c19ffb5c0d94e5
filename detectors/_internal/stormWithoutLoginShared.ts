import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { SharedDetectorLogic } from '../../engine/runtime/DetectorDefinition.ts';
import { MINUTE } from '../../engine/model/duration/timeUnits.ts';
import { isFailedResult } from './FailureCrowd.ts';
import { FailureCrowds } from './FailureCrowds.ts';
import { PushWindows } from './PushWindows.ts';
import type { StormParams, StormShape } from './stormWithoutLogin.ts';

/** A challenge that completed a count: decided at `at` + grace. Members of one window share it (and its evidence). */
interface Decision {
  at: number;
  evidence: CanonicalEvent[];
}

/** Per-key state of {@link stormWithoutLoginShared}: one trail for every window of the grid. */
export interface SharedStormState {
  windows: PushWindows;
  lastLogin: CanonicalEvent | undefined;
  /** Per member, its decisions waiting for their grace period; made on the key's first decision. */
  pending: Decision[][] | undefined;
}

/**
 * {@link stormWithoutLogin} for several parameter sets (members) at once, as `createShared` of the storm detectors.
 * One {@link PushWindows} per key serves every distinct window of the members; each member compares its threshold
 * with its window's count when a challenge is new to that window, and keeps its own pending decisions (members of one
 * window share a decision and its evidence), and {@link FailureCrowds} watch for push outages for all of them. Each
 * member's alerts are those of `stormWithoutLogin` with its parameters.
 */
export function stormWithoutLoginShared(shape: StormShape, sets: readonly StormParams[]): SharedDetectorLogic<SharedStormState> {
  const lengths = [...new Set(sets.map((p) => p.windowMs))];
  const windowOf = sets.map((p) => lengths.indexOf(p.windowMs));
  const thresholds = sets.map((p) => p.threshold);
  const minThreshold = Math.min(...thresholds);
  const crowds = new FailureCrowds(sets.map((p) => ({ users: p.outageUsers, keepMs: 2 * p.windowMs + p.graceMs })));
  /** The decision of each window for the event at hand, made for its first member. */
  const decided: Array<Decision | undefined> = lengths.map(() => undefined);

  return {
    idleMs: sets.map((p) => p.windowMs + p.graceMs + MINUTE),
    init: () => ({ windows: new PushWindows(lengths, shape.isChallenge), lastLogin: undefined, pending: undefined }),
    onEvent(s, e, ctx) {
      if (isFailedResult(e)) crowds.note(e);
      if (shape.isLogin(e)) {
        s.lastLogin = e;
        return;
      }
      const w = s.windows;
      w.slide(e.time);
      if (!w.add(e)) return; // a result riding along, or a challenge every window already counted
      let reached = false;
      for (let k = 0; k < lengths.length && !reached; k++) reached = w.isNew(k) && w.distinct(k) >= minThreshold;
      if (!reached) return;
      // Member order, so that timers are set in the order the members' own logics would set them.
      for (let m = 0; m < sets.length; m++) {
        const k = windowOf[m];
        if (!w.isNew(k) || w.distinct(k) < thresholds[m]) continue;
        let d = decided[k];
        if (d === undefined) {
          d = { at: e.time, evidence: w.evidence(k) };
          decided[k] = d;
        }
        s.pending ??= sets.map(() => []);
        const pending = s.pending[m];
        pending.push(d);
        if (pending.length === 1) ctx.setTimer(e.time + sets[m].graceMs, m);
      }
      decided.fill(undefined);
    },
    onTimer(s, ctx, m) {
      const pending = s.pending![m];
      const { windowMs, graceMs } = sets[m];
      while (pending.length > 0 && pending[0].at + graceMs <= ctx.now) {
        const d = pending.shift()!;
        const noLogin = s.lastLogin === undefined || s.lastLogin.time < d.at - windowMs;
        if (noLogin && !crowds.crowded(m, d.at - windowMs, ctx.now)) ctx.alert({ evidence: d.evidence }, m);
      }
      if (pending.length > 0) ctx.setTimer(pending[0].at + graceMs, m);
    },
  };
}
