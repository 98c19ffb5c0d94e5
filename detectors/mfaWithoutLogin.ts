import type { CanonicalEvent } from '../engine/generated/event.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';

const minute = 60_000;

/** Parameters of {@link mfaWithoutLogin}. */
export interface MfaWithoutLoginParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  graceMs: number;
}

interface Decision {
  /** Time of the challenge that completed the count. */
  at: number;
  /** The storm as it stood then (challenges and their results in the window). */
  evidence: CanonicalEvent[];
}

interface State {
  /** Challenges and results in the current window, oldest first. */
  window: CanonicalEvent[];
  /** Distinct challenges in `window` (by transaction, so a login-window push logged by the Mac and the IdP counts once). */
  seen: Set<string>;
  lastLogin: CanonicalEvent | undefined;
  pending: Decision[];
}

const isChallenge = (e: CanonicalEvent) => (e.type === 'mfa.challenge' && e.outcome === 'success') || e.type === 'mac.mfa.request';
const isLogin = (e: CanonicalEvent) =>
  e.type === 'session.start' || e.type === 'mac.session.start' || e.type === 'mac.session.unlock';
const challengeKey = (e: CanonicalEvent) => e.transaction ?? e.challenge?.id ?? e.id;

/**
 * The AN0454 core: at least `threshold` MFA challenges for one user within `windowMs`, with no interactive session
 * started for that user from the start of the window until `graceMs` after the last of them. IdP pushes and the
 * Mac plug-in's MFA requests both count (once per transaction). The decision waits for the grace period in event
 * time, so an approval that logs the user in a few seconds later clears it.
 */
export const mfaWithoutLogin: DetectorDefinition<MfaWithoutLoginParams, State> = {
  id: 'mfa-without-login',
  version: '1.0.0',
  title: 'MFA challenges without an interactive login',
  description:
    'Many MFA challenges (IdP pushes or Mac login-window MFA requests) for one user in a window, and no session ' +
    'started for that user in the window or the grace period after it (ATT&CK T1621, analytic AN0454).',
  severity: 'high',
  attack: { technique: 'T1621', analytic: 'AN0454' },
  needs: ['mfa.challenge', 'mac.mfa.request', 'mfa.result', 'mac.mfa.result', 'session.start', 'mac.session.start', 'mac.session.unlock'],
  entity: 'user',
  keyOf: (e) => e.user,
  params: {
    threshold: { default: 5, min: 2, max: 30, step: 1, unit: 'count', description: 'challenges in the window' },
    windowMs: { default: 10 * minute, min: minute, max: 120 * minute, step: minute, unit: 'ms', description: 'window the challenges fall in' },
    graceMs: { default: 10 * minute, min: 0, max: 60 * minute, step: minute, unit: 'ms', description: 'time after the last challenge a login may still come' },
  },
  create({ threshold, windowMs, graceMs }) {
    const prune = (s: State, from: number) => {
      let drop = 0;
      while (drop < s.window.length && s.window[drop].time < from) {
        if (isChallenge(s.window[drop])) s.seen.delete(challengeKey(s.window[drop]));
        drop++;
      }
      if (drop > 0) s.window.splice(0, drop);
    };
    return {
      idleMs: windowMs + graceMs + minute,
      init: () => ({ window: [], seen: new Set(), lastLogin: undefined, pending: [] }),
      onEvent(s, e, ctx) {
        if (isLogin(e)) {
          s.lastLogin = e;
          return;
        }
        prune(s, e.time - windowMs);
        if (!isChallenge(e)) {
          s.window.push(e);
          return;
        }
        const key = challengeKey(e);
        if (s.seen.has(key)) {
          s.window.push(e);
          return;
        }
        s.seen.add(key);
        s.window.push(e);
        if (s.seen.size >= threshold) {
          s.pending.push({ at: e.time, evidence: s.window.slice() });
          if (s.pending.length === 1) ctx.setTimer(e.time + graceMs);
        }
      },
      onTimer(s, ctx) {
        while (s.pending.length > 0 && s.pending[0].at + graceMs <= ctx.now) {
          const d = s.pending.shift()!;
          // A login anywhere from the window's start to now (the end of the grace period) clears the decision.
          if (s.lastLogin === undefined || s.lastLogin.time < d.at - windowMs) ctx.alert({ evidence: d.evidence });
        }
        if (s.pending.length > 0) ctx.setTimer(s.pending[0].at + graceMs);
      },
    };
  },
};
