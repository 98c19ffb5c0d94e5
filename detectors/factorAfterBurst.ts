import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { HOUR, MINUTE } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { PushWindow } from './_internal/PushWindow.ts';

/** Parameters of {@link factorAfterBurst}. */
export interface FactorAfterBurstParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  afterMs: number;
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
}

const isPush = (e: CanonicalEvent) => e.type === 'mfa.challenge' && e.outcome === 'success';
const isEnroll = (e: CanonicalEvent) => e.type === 'factor.enroll' && e.outcome !== 'failure';

/**
 * New factor after a push burst — post-compromise persistence: a `factor.enroll` for a user (outcome not `failure`)
 * at most `afterMs` after a burst, where a burst is reached at a push (`mfa.challenge` with outcome `success`) that
 * makes at least `threshold` distinct pushes (by transaction) within `windowMs` (both ends inclusive). The latest
 * such push counts, so a storm that goes on keeps the burst fresh; an enrolment at exactly `afterMs` after it still
 * fires. Fires at the enrolment, severity critical; the evidence is the pushes of the latest burst window and the
 * enrolment. Each enrolment within reach is a finding.
 *
 * Pushes only: results and the Mac plug-in's requests are not counted (every login-window push also has its IdP
 * `mfa.challenge`). A fraud report is its own detector (`fraud-report`).
 */
export const factorAfterBurst: DetectorDefinition<FactorAfterBurstParams, State> = {
  id: 'factor-after-burst',
  version: '1.1.0',
  title: 'MFA factor enrolled after a push burst',
  description:
    'A new MFA factor enrolled for a user within two hours of a burst of push challenges to that user: the attacker ' +
    'keeping access after an MFA-fatigue compromise (ATT&CK T1621).',
  severity: 'critical',
  attack: { technique: 'T1621' },
  needs: ['mfa.challenge', 'factor.enroll'],
  entity: 'user',
  notExportable: 'a burst reached at any push within hours before the enrolment: no shape says "a count reached at some earlier time" yet',
  library: { catches: 'uber-burst' },
  keyOf: (e) => (isPush(e) || isEnroll(e) ? e.user : undefined),
  params: {
    threshold: { default: 5, min: 2, max: 50, step: 1, unit: 'count', description: 'pushes in the burst window' },
    windowMs: {
      default: 30 * MINUTE,
      min: MINUTE,
      max: 4 * HOUR,
      step: MINUTE,
      unit: 'ms',
      description: 'window the burst pushes fall in',
    },
    afterMs: {
      default: 2 * HOUR,
      min: 10 * MINUTE,
      max: 7 * 24 * HOUR,
      step: 10 * MINUTE,
      unit: 'ms',
      description: 'how long after the burst an enrolment counts',
    },
  },
  create({ threshold, windowMs, afterMs }) {
    return {
      idleMs: Math.max(windowMs, afterMs) + MINUTE,
      init: () => ({ window: undefined, burst: undefined }),
      onEvent(s, e, ctx) {
        if (isEnroll(e)) {
          if (s.burst !== undefined && s.burst.at >= e.time - afterMs) ctx.alert({ evidence: [...s.burst.evidence, e] });
          return;
        }
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
        if (s.window.length === 0) s.window = undefined;
        else ctx.setTimer(ctx.now + windowMs + 1);
      },
    };
  },
};
