import type { CanonicalEvent } from '../engine/model/generated/event.ts';
import { HOUR } from '../engine/model/duration/timeUnits.ts';
import type { DetectorDefinition } from '../engine/runtime/DetectorDefinition.ts';

/** Parameters of {@link fraudReport}: none, it is a single-event rule. */
export type FraudReportParams = Record<string, never>;

const isFraudReport = (e: CanonicalEvent) => e.type === 'mfa.result' && e.challenge?.result === 'fraud';

/**
 * Fraud report: every `mfa.result` with result `fraud` — the user pressed "report fraud" (Duo) or "this wasn't me"
 * on a push — is a finding for that user at the result's time, severity high. Single event, no parameters; reports
 * of one user close together grow one thread.
 *
 * Only the IdP's record is read: the Mac plug-in's `mac.mfa.result` of a login-window push always has an IdP
 * `mfa.result` of the same transaction beside it, so reading both would only count each report twice.
 */
export const fraudReport: DetectorDefinition<FraudReportParams, null> = {
  id: 'fraud-report',
  version: '1.0.0',
  title: 'User reported a push as fraud',
  description: 'A user answered an MFA push by reporting it as fraudulent (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  needs: ['mfa.result'],
  entity: 'user',
  library: { catches: 'duo-fraud-mute' },
  keyOf: (e) => (isFraudReport(e) ? e.user : undefined),
  shape: { kind: 'each', key: 'user', where: { types: ['mfa.result'], results: ['fraud'] } },
  params: {},
  create() {
    return {
      // Stateless, so any idle time is safe; a short one would only make the runtime sweep more often.
      idleMs: HOUR,
      init: () => null,
      onEvent(_state, e, ctx) {
        ctx.alert({ evidence: [e] });
      },
    };
  },
};
