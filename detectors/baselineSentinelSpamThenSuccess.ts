import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';

/** Parameters of {@link baselineSentinelSpamThenSuccess}. */
export interface BaselineSentinelSpamThenSuccessParams extends Record<string, number> {
  failuresAbove: number;
  spanMs: number;
}

interface State {
  /** Declined or unanswered pushes of the last `spanMs`, oldest first. */
  failures: CanonicalEvent[];
  /** Approvals waiting for the end of their millisecond (their timer), so every failure at that time is in. */
  approvals: CanonicalEvent[];
}

const isFailure = (e: CanonicalEvent) => e.type === 'mfa.result' && (e.challenge?.result === 'denied' || e.challenge?.result === 'timeout');
const isApproval = (e: CanonicalEvent) => e.type === 'mfa.result' && e.challenge?.result === 'approved';

/**
 * Baseline: Microsoft Sentinel's "MFA Spamming followed by Successful login" (A1), reimplemented on canonical events.
 *
 * **Original logic** (`Azure/Azure-Sentinel`, KQL over `SigninLogs` of the last day): rows requiring MFA,
 * `AuthenticationDetails` expanded; failures are steps "MFA denied; user declined the authentication" or "… user did
 * not respond to mobile app notification", successes "MFA successfully completed"; `summarize` by UPN, IP address,
 * state, city and country over the whole day; fire when failures > 10, successes ≥ 1 and the group's span
 * (`max(TimeGenerated) − min(TimeGenerated)` of all its rows) ≤ 5 minutes. Severity High.
 *
 * **Here**: per user, on each approved `mfa.result` at time `a`, count denied and timed-out `mfa.result`s in
 * `[a − spanMs, a]` (both ends inclusive; the decision waits for a timer at `a` so failures logged in the same
 * millisecond are in); fire when the count is greater than `failuresAbove`. Evidence: those failures and the
 * approval; the approval is also the related login.
 *
 * **Deliberate differences** (the KQL's "5-minute window" is the min→max span of a day's group, a known quirk)
 * - A sliding look-back from each approval replaces the day-long group. The KQL group also holds every other row of
 *   that user, IP and place that day — a normal sign-in hours later stretches the span past 5 minutes and silences
 *   the rule, and so does a storm longer than 5 minutes even if it ends in an approval. Here only the 5 minutes
 *   before the approval matter, so this baseline fires in many cases the original cannot.
 * - Order: the KQL `summarize` ignores order, so it also fires when the success comes *first* and the failures
 *   follow within the span; here only failures up to the approval count ("spam followed by success", as named).
 * - No grouping by IP or geo: failures from several attacker IPs (or a victim approving from their own place) add up
 *   here, while the KQL splits them into groups that each may stay under the threshold.
 * - Events, not authentication steps: one canonical `mfa.result` is one step row. Only IdP records are read (the
 *   rule reads `SigninLogs` only).
 * - The decision is streaming (at the approval) rather than a daily scheduled query over ingestion time.
 */
export const baselineSentinelSpamThenSuccess: DetectorDefinition<BaselineSentinelSpamThenSuccessParams, State> = {
  id: 'baseline-sentinel-spam-success',
  version: '1.0.0',
  title: 'Baseline (Sentinel): MFA spamming followed by successful login',
  description:
    'Reimplementation of Sentinel "MFA Spamming followed by Successful login": more than 10 declined or unanswered ' +
    'MFA pushes for one user in the 5 minutes up to an approval (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  baseline:
    'Microsoft Sentinel "MFA Spamming followed by Successful login" (Azure/Azure-Sentinel Solutions/Microsoft Entra ID/Analytic Rules/MFASpammingfollowedbySuccessfullogin.yaml)',
  needs: ['mfa.result'],
  entity: 'user',
  library: { silent: 'needs > 10 failures and the approval within 5 minutes; the library’s storms take 20 minutes or more' },
  keyOf: (e) => (isFailure(e) || isApproval(e) ? e.user : undefined),
  shape: {
    kind: 'countBefore',
    key: 'user',
    trigger: { types: ['mfa.result'], results: ['approved'] },
    counted: { types: ['mfa.result'], results: ['denied', 'timeout'] },
    windowParam: 'spanMs',
    aboveParam: 'failuresAbove',
  },
  params: {
    failuresAbove: { default: 10, min: 1, max: 50, step: 1, unit: 'count', description: 'failures before the approval (>)' },
    spanMs: { default: 5 * MINUTE, min: MINUTE, max: 60 * MINUTE, step: MINUTE, unit: 'ms', description: 'look-back from the approval' },
  },
  create({ failuresAbove, spanMs }) {
    const prune = (s: State, from: number) => {
      let drop = 0;
      while (drop < s.failures.length && s.failures[drop].time < from) drop++;
      if (drop > 0) s.failures.splice(0, drop);
    };
    return {
      idleMs: spanMs + MINUTE,
      init: () => ({ failures: [], approvals: [] }),
      onEvent(s, e, ctx) {
        prune(s, e.time - spanMs);
        if (isFailure(e)) {
          s.failures.push(e);
          return;
        }
        s.approvals.push(e);
        ctx.setTimer(e.time);
      },
      onTimer(s, ctx) {
        prune(s, ctx.now - spanMs);
        for (const approval of s.approvals) {
          if (s.failures.length > failuresAbove) {
            ctx.alert({ evidence: [...s.failures, approval], relatedLogins: [approval] });
          }
        }
        s.approvals = [];
      },
    };
  },
};
