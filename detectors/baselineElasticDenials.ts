import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';

/** Parameters of {@link baselineElasticDenials}. */
export interface BaselineElasticDenialsParams extends Record<string, number> {
  runs: number;
  maxspanMs: number;
}

interface State {
  /** Denials since the user's last success and within `maxspanMs` of the newest, oldest first. */
  denials: CanonicalEvent[];
}

const isDenial = (e: CanonicalEvent) => e.type === 'mfa.result' && e.challenge?.result === 'denied';
const isSuccess = (e: CanonicalEvent) =>
  (e.type === 'session.start' && e.outcome !== 'failure') || (e.type === 'mfa.result' && e.challenge?.result === 'approved');

/**
 * Baseline: Elastic's "Potential Okta MFA Bombing via Push Notifications" (E1), reimplemented on canonical events.
 *
 * **Original logic** (`elastic/detection-rules`, EQL): `sequence by okta.actor.id with maxspan=10m [denial] with
 * runs=5 until [success]`. A denial is Classic `user.mfa.okta_verify.deny_push`, or OIE `auth_via_mfa` with factor
 * `OKTA_VERIFY_PUSH` and `INVALID_CREDENTIALS`; a success is a SUCCESS of `user.authentication.sso`, `auth_via_mfa`,
 * `verify` or `user.session.start`. The sequence matches five denials of one actor whose first and last are at most
 * 10 minutes apart, and a success between them cancels it; it fires at the fifth denial. Severity high (risk 73).
 *
 * **Here**: per user, a denial is an IdP `mfa.result` with `challenge.result` `denied`; a success is a
 * `session.start` or an approved `mfa.result`. On each denial the detector keeps the denials since the last success
 * whose time is within `maxspanMs` before it (inclusive, as EQL rejects only a span *greater* than maxspan) and
 * fires when there are `runs` or more; the evidence is the last `runs` denials — the completed sequence. As in
 * Elasticsearch's sequence matcher, where a new stage match takes the latest partial sequence, the window slides:
 * every later denial that still has `runs − 1` denials before it within the span (and no success between) completes
 * another sequence, and those findings grow the same alert thread.
 *
 * **Deliberate differences**
 * - Ties: a success and a denial at the same millisecond are ordered by event id (the runtime's order), not by
 *   Elasticsearch's tiebreaker.
 * - Fraud reports and wrong-number answers are not denials (Okta logs them differently; E1 does not match them).
 *   Denials of any push-capable factor count, including the IdP's record of a Mac login-window push.
 * - `user.authentication.sso` / `verify` have no canonical counterpart; the IdP's `session.start` and the approved
 *   `mfa.result` stand for them. Mac-side sessions do not cancel (the rule reads Okta only).
 * - The investigation guide's "twice" (a known inconsistency) is not copied: `runs` defaults to 5, the query's value.
 */
export const baselineElasticDenials: DetectorDefinition<BaselineElasticDenialsParams, State> = {
  id: 'baseline-elastic-push-denials',
  version: '1.0.0',
  title: 'Baseline (Elastic): potential MFA bombing via push notifications',
  description:
    'Reimplementation of Elastic "Potential Okta MFA Bombing via Push Notifications": five push denials for one user ' +
    'within 10 minutes, with no successful login or approval between them (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  baseline:
    'Elastic "Potential Okta MFA Bombing via Push Notifications" (elastic/detection-rules rules/integrations/okta/credential_access_okta_mfa_bombing_via_push_notifications.toml)',
  needs: ['mfa.result', 'session.start'],
  entity: 'user',
  library: { catches: 'duo-fraud-mute' },
  keyOf: (e) => (isDenial(e) || isSuccess(e) ? e.user : undefined),
  shape: {
    kind: 'runUntil',
    key: 'user',
    counted: { types: ['mfa.result'], results: ['denied'] },
    until: [
      { types: ['session.start'], outcomeNot: 'failure' },
      { types: ['mfa.result'], results: ['approved'] },
    ],
    windowParam: 'maxspanMs',
    runsParam: 'runs',
  },
  params: {
    runs: { default: 5, min: 2, max: 20, step: 1, unit: 'count', description: 'denials in the sequence' },
    maxspanMs: {
      default: 10 * MINUTE,
      min: MINUTE,
      max: 60 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'greatest time from the first denial to the last',
    },
  },
  create({ runs, maxspanMs }) {
    return {
      idleMs: maxspanMs + MINUTE,
      init: () => ({ denials: [] }),
      onEvent(s, e, ctx) {
        if (!isDenial(e)) {
          s.denials = []; // `until`: a success cancels every partial sequence
          return;
        }
        // Only the newest `runs − 1` earlier denials can complete a sequence with this one.
        let drop = Math.max(0, s.denials.length - (runs - 1));
        while (drop < s.denials.length && s.denials[drop].time < e.time - maxspanMs) drop++;
        if (drop > 0) s.denials.splice(0, drop);
        s.denials.push(e);
        if (s.denials.length >= runs) ctx.alert({ evidence: s.denials.slice(-runs) });
      },
    };
  },
};
