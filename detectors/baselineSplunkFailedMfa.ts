import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import type { DetectorContext, DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';
import { MINUTE } from '../engine/model/duration/timeUnits.ts';

/** Parameters of {@link baselineSplunkFailedMfa}. */
export interface BaselineSplunkFailedMfaParams extends Record<string, number> {
  threshold: number;
  bucketMs: number;
}

interface State {
  /** Start of the bucket `failures` fall in: a multiple of the bucket length since the epoch. */
  bucket: number;
  /** Failed MFA results of the open bucket, oldest first; empty once the bucket was decided. */
  failures: CanonicalEvent[];
}

const isFailedMfa = (e: CanonicalEvent) => e.type === 'mfa.result' && e.outcome === 'failure';

/**
 * Baseline: Splunk's "Okta Multiple Failed MFA Requests For User" (S1), reimplemented on canonical events.
 *
 * **Original logic** (`splunk/security_content`, SPL): `eventType=user.authentication.auth_via_mfa
 * outcome.result=FAILURE debugContext.debugData.factor!=PASSWORD_AS_FACTOR | bucket _time span=5m | stats count … by
 * _time src_user | where count >= 10` — at least 10 failed MFA verifications per user in one 5-minute tumbling bucket
 * (buckets aligned to multiples of 5 minutes since the epoch). A Splunk "Anomaly" that adds a risk score of 20 to the
 * user; it has no severity of its own, so this baseline reports `low`.
 *
 * **Here**: every IdP `mfa.result` with outcome `failure` counts (denied, timeout, fraud, wrong number, error), per
 * user, in buckets `[k·bucketMs, (k+1)·bucketMs)`. The decision is made at the bucket's end (an event-time timer),
 * once every event of the bucket is in, and is one finding per bucket with `threshold` or more failures; the
 * finding's evidence is that bucket's failures.
 *
 * **Deliberate differences**
 * - The password exclusion is implicit: canonical `mfa.result` events are MFA only (no password factor exists).
 * - Unanswered pushes (`timeout`) count as failures because the canonical outcome is `failure`. In Okta OIE with
 *   "MFA abandonment" enabled they are logged as UNANSWERED, not FAILURE, and would not count — so on timeout-heavy
 *   storms this baseline is, if anything, kinder to the rule than Okta's own log.
 * - `mac.mfa.result` is not read: the IdP logs its own `mfa.result` for a Mac login-window push, and reading both
 *   would count one push twice.
 * - Threshold semantics follow the code (≥ 10), not the description ("more than 10") — a known bug not copied.
 * - Scheduled-search effects (run interval, ingest lag, a bucket split across two runs) are not modelled; every
 *   bucket is judged once, completely.
 */
export const baselineSplunkFailedMfa: DetectorDefinition<BaselineSplunkFailedMfaParams, State> = {
  id: 'baseline-splunk-failed-mfa',
  version: '1.0.0',
  title: 'Baseline (Splunk): multiple failed MFA requests for user',
  description:
    'Reimplementation of Splunk "Okta Multiple Failed MFA Requests For User": at least 10 failed MFA results for one ' +
    'user in one 5-minute tumbling bucket (ATT&CK T1621).',
  severity: 'low',
  attack: { technique: 'T1621' },
  baseline:
    'Splunk "Okta Multiple Failed MFA Requests For User" (splunk/security_content detections/application/okta_multiple_failed_mfa_requests_for_user.yml)',
  needs: ['mfa.result'],
  entity: 'user',
  library: {
    silent:
      'needs ≥ 10 failed results in one 5-minute bucket; a push times out after 60 s, so attackers who wait for the answer never get there',
  },
  keyOf: (e) => (isFailedMfa(e) ? e.user : undefined),
  shape: {
    kind: 'bucketCount',
    key: 'user',
    where: { types: ['mfa.result'], outcome: 'failure' },
    bucketParam: 'bucketMs',
    thresholdParam: 'threshold',
  },
  params: {
    threshold: { default: 10, min: 2, max: 50, step: 1, unit: 'count', description: 'failed MFA results in one bucket (≥)' },
    bucketMs: {
      default: 5 * MINUTE,
      min: MINUTE,
      max: 60 * MINUTE,
      step: MINUTE,
      unit: 'ms',
      description: 'tumbling bucket length, aligned to the epoch',
    },
  },
  create({ threshold, bucketMs }) {
    const decide = (s: State, ctx: DetectorContext) => {
      if (s.failures.length >= threshold) ctx.alert({ evidence: s.failures });
      s.failures = [];
    };
    return {
      idleMs: bucketMs + MINUTE,
      init: () => ({ bucket: -Infinity, failures: [] }),
      onEvent(s, e, ctx) {
        const bucket = Math.floor(e.time / bucketMs) * bucketMs;
        // An event exactly at the old bucket's end is handled before that bucket's timer (same time) fires: decide
        // the old bucket now, at its end, before this event opens the next one.
        if (s.failures.length > 0 && bucket !== s.bucket) decide(s, ctx);
        s.bucket = bucket;
        s.failures.push(e);
        if (s.failures.length === 1) ctx.setTimer(bucket + bucketMs);
      },
      onTimer(s, ctx) {
        if (s.failures.length > 0 && ctx.now >= s.bucket + bucketMs) decide(s, ctx);
      },
    };
  },
};
