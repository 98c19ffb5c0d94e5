import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { HOUR, MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { PushWindow, pushKey } from './_internal/PushWindow.ts';
import { answerParams } from './_internal/PendingPushes.ts';
import { isFailedPush } from './_internal/distinctUsersBySource.ts';
import { idpSignInAddresses, isIdpSession, orgUsersParam } from './_internal/SharedAddresses.ts';

/** Parameters of {@link factorAfterBurst}. */
export interface FactorAfterBurstParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  afterMs: number;
  lookbackMs: number;
  orgUsers: number;
}

interface Burst {
  /** Time of the latest push that completed a burst. */
  at: number;
  /** The pushes in the window then. */
  evidence: CanonicalEvent[];
}

/** Per-user state. */
interface State {
  /**
   * Pushes sent in the window; none once a window's length passed since the last. A timer is pending while it is
   * there: the state lives `afterMs` (hours) after a push, the pushes themselves need keeping a window long (minutes).
   */
  window: PushWindow | undefined;
  burst: Burst | undefined;
  /** Results of pushes refused or left unanswered in the last two `windowMs`. */
  failed: CanonicalEvent[] | undefined;
  /** Pushes in the last `windowMs` requested from an address new to the user then. */
  fresh: CanonicalEvent[] | undefined;
  /** IdP sign-ins in the last `windowMs` from addresses new to the user, that came with another push from there. */
  newSignIns: CanonicalEvent[] | undefined;
}

const isPush = (e: CanonicalEvent) => e.type === 'mfa.challenge' && e.outcome === 'success';
const isEnroll = (e: CanonicalEvent) => e.type === 'factor.enroll' && e.outcome !== 'failure';

/** `list` with `e` added and those older than `keepMs` before it dropped. */
function keepRecent(list: CanonicalEvent[] | undefined, e: CanonicalEvent, keepMs: number): CanonicalEvent[] {
  if (list === undefined) return [e];
  let old = 0;
  while (old < list.length && list[old].time < e.time - keepMs) old++;
  if (old > 0) list.splice(0, old);
  list.push(e);
  return list;
}

/**
 * New factor after an MFA-fatigue compromise — post-compromise persistence: a `factor.enroll` for a user (outcome
 * not `failure`) that comes
 *
 * - at most `afterMs` after **a burst**: a push (`mfa.challenge` with outcome `success`) that makes at least
 *   `threshold` distinct pushes (by transaction) within `windowMs` (both ends inclusive). The latest such push counts,
 *   so a storm that goes on keeps the burst fresh; an enrolment at exactly `afterMs` after it still fires.
 * - at most `windowMs` after **a pushed-through sign-in** from the enrolment's own address: an IdP session from an
 *   address that was new to the user when it asked for one of their pushes in the `windowMs` before it (no IdP
 *   session of theirs from it in `lookbackMs`, and not the organisation's: fewer than `orgUsers` users signed in from
 *   it); that came with another push from there in that span — one already refused or ignored, or one more sent —
 *   and with a push from there refused or ignored (a failed `mfa.result`, not `muted`) within `windowMs` of it,
 *   before or after. That is the short social-engineering attack: a push or two the victim refuses or leaves, a call
 *   or a message, the next one approved, and a factor of the attacker's own enrolled from the same browser minutes
 *   later — too few prompts for any count. The whole sequence falls in one window: a traveller who missed a push
 *   abroad, got in with the next and changes phones hours later is another story (in the default world, one such
 *   false alert at 1 h 57 min when the reach was `afterMs`).
 *
 * Fires at the enrolment, severity critical; the evidence is the pushes of the latest burst window and/or the
 * failed results and the sign-in, then the enrolment. Each enrolment within reach is a finding.
 *
 * Bursts count pushes only: results and the Mac plug-in's requests are not counted (every login-window push also
 * has its IdP `mfa.challenge`). A fraud report is its own detector (`fraud-report`).
 *
 * Why the second trigger, measured with `pushstorm space` (220 worlds a sample): it took the social-engineering
 * family's recall from 15, 14, 11 and 13 of 20 to 19, 17, 20 and 19 on the samples of seeds 1–4, and all attacks'
 * from 0.958 to 0.971 on seed 4 (drawn after the change, a sample nobody looked at before), for one more false alert
 * there (33 against 32): a user in an enrolment wave who missed a push at an address new to them, got in with the next
 * and enrolled. It detects, it does not prevent: the enrolment comes after the approval.
 */
export const factorAfterBurst: DetectorDefinition<FactorAfterBurstParams, State> = {
  id: 'factor-after-burst',
  version: '1.2.0',
  title: 'MFA factor enrolled after a push burst',
  description:
    'A new MFA factor enrolled for a user within two hours of a burst of push challenges to that user, or of a ' +
    'sign-in from a new address that got in after a push from there was refused or ignored: the attacker keeping ' +
    'access after an MFA-fatigue compromise (ATT&CK T1621).',
  severity: 'critical',
  attack: { technique: 'T1621' },
  needs: ['mfa.challenge', 'mfa.result', 'session.start', 'factor.enroll'],
  entity: 'user',
  notExportable: 'a burst reached at any push within hours before the enrolment: no shape says "a count reached at some earlier time" yet',
  library: { catches: 'uber-burst' },
  keyOf: (e) => (isPush(e) || isEnroll(e) || isFailedPush(e) || isIdpSession(e) ? e.user : undefined),
  params: {
    threshold: { default: 5, min: 2, max: 50, step: 1, unit: 'count', description: 'pushes in the burst window' },
    windowMs: {
      default: 30 * MINUTE,
      min: MINUTE,
      max: 4 * HOUR,
      step: MINUTE,
      unit: 'ms',
      description:
        'window the burst pushes fall in, and the span of a sign-in pushed through: the refused push, the sign-in, the enrolment',
    },
    afterMs: {
      default: 2 * HOUR,
      min: 10 * MINUTE,
      max: 7 * 24 * HOUR,
      step: 10 * MINUTE,
      unit: 'ms',
      description: 'how long after the burst an enrolment counts',
    },
    lookbackMs: answerParams.lookbackMs,
    orgUsers: orgUsersParam,
  },
  create({ threshold, windowMs, afterMs, lookbackMs, orgUsers }, scope) {
    const addresses = idpSignInAddresses(orgUsers, lookbackMs, scope);
    /**
     * Whether a sign-in is from an address new to the user — one that asked for a push in the `windowMs` before it
     * while new (judged at the push: the sign-in itself may already be in the shared table) — and came with another
     * push from there in that span: one already refused or ignored, or one more sent (its result may come later).
     * Only such sign-ins are kept: every user's first sign-in from an address would be most of the detector's memory.
     */
    const newAndContested = (s: State, signIn: CanonicalEvent): boolean => {
      const ip = signIn.origin!.ip;
      const since = signIn.time - windowMs;
      if (s.fresh?.some((p) => p.origin!.ip === ip && p.time >= since) !== true) return false;
      if (s.failed?.some((f) => f.origin!.ip === ip && f.time >= since) === true) return true;
      const pushes = new Set<string>();
      for (const p of s.window?.evidence() ?? []) if (p.time >= since && p.origin?.ip === ip) pushes.add(pushKey(p));
      return pushes.size >= 2;
    };
    /**
     * The sign-ins from the enrolment's address, new to the user when they came, in the `windowMs` before it that had a
     * push from there refused or ignored within `windowMs` of them — with those pushes' results.
     */
    const pushedThrough = (s: State, enrol: CanonicalEvent): CanonicalEvent[] => {
      const ip = enrol.origin?.ip;
      if (ip === undefined || s.newSignIns === undefined || s.failed === undefined) return [];
      const found = new Set<CanonicalEvent>();
      for (const signIn of s.newSignIns) {
        if (signIn.origin!.ip !== ip || signIn.time < enrol.time - windowMs) continue;
        const near = s.failed.filter((f) => f.origin!.ip === ip && Math.abs(f.time - signIn.time) <= windowMs);
        if (near.length === 0) continue;
        found.add(signIn);
        for (const f of near) found.add(f);
      }
      return [...found];
    };
    return {
      idleMs: Math.max(windowMs, afterMs) + MINUTE,
      init: () => ({ window: undefined, burst: undefined, failed: undefined, fresh: undefined, newSignIns: undefined }),
      onEvent(s, e, ctx) {
        if (isEnroll(e)) {
          const evidence: CanonicalEvent[] = [];
          if (s.burst !== undefined && s.burst.at >= e.time - afterMs) evidence.push(...s.burst.evidence);
          evidence.push(...pushedThrough(s, e));
          if (evidence.length > 0) ctx.alert({ evidence: [...evidence.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1)), e] });
          return;
        }
        if (isFailedPush(e)) {
          s.failed = keepRecent(s.failed, e, 2 * windowMs);
          return;
        }
        if (e.type === 'session.start') {
          const ip = e.origin!.ip;
          if (newAndContested(s, e)) s.newSignIns = keepRecent(s.newSignIns, e, windowMs);
          addresses.signedIn(ip, e.user, e.time); // the run's shared table: a detector that reads it feeds it
          return;
        }
        if (e.origin !== undefined && !addresses.signedInSince(e.origin.ip, e.user, e.time - lookbackMs))
          s.fresh = keepRecent(s.fresh, e, windowMs);
        if (s.window === undefined) {
          s.window = new PushWindow();
          ctx.setTimer(e.time + windowMs + 1);
        } else s.window.evictBefore(e.time - windowMs);
        if (s.window.add(e) && s.window.distinct >= threshold) s.burst = { at: e.time, evidence: s.window.evidence() };
      },
      onTimer(s, ctx) {
        // Every push in the window now came before it, and those a window old are gone: what the next push would drop.
        if (s.window === undefined) return;
        s.window.evictBefore(ctx.now - windowMs);
        // Fresh pushes are pushes too: none is left in the window span once the window is empty.
        if (s.fresh !== undefined && s.fresh[s.fresh.length - 1].time < ctx.now - windowMs) s.fresh = undefined;
        if (s.window.length === 0) s.window = undefined;
        else ctx.setTimer(ctx.now + windowMs + 1);
      },
    };
  },
};
