import type { CanonicalEvent, Challenge } from '../../../model/generated/event.ts';
import {
  CODE,
  FAILURE_REASON,
  METHOD,
  METHOD_OF_FACTOR,
  NUMBER_MATCH,
  PRIMARY_FAILURES,
  STEP,
  TEXT,
  denialFor,
} from './entraVocabulary.ts';

/**
 * Which Entra row a canonical IdP event becomes, told apart on reading by the error code, the steps of
 * `authenticationDetails` and the "MFA denied; …" text. A push has no row of its own: Entra writes the row of the
 * sign-in request once the push is answered, so its `mfa.result` is the row (see `entraRows.ts`):
 *
 * | event | errorCode | steps | status.additionalDetails |
 * |---|---|---|---|
 * | `auth.attempt` failure | 50126 (50053 locked out) | password ✗ | — |
 * | `auth.attempt` success | 50076 | password ✓ only | MFA required in Azure AD |
 * | `mfa.result` approved (and the session it opens) | 0 | password ✓, push ✓ | MFA completed in Azure AD |
 * | `mfa.result` other | 500121 | password ✓, push ✗ | MFA denied; … (user is blocked: the push was never sent) |
 * | `session.start` without a push | 0 | previously satisfied ×2 | MFA requirement satisfied by claim in the token (or skipped due to remembered device) |
 * | `rate.limit` | 500121 | password ✓, push ✗ | MFA denied; duplicate authentication attempt |
 *
 * Entra writes no separate row for a correct password when MFA follows; pushstorm's 50076 row for `auth.attempt`
 * is the "MFA required" interrupt before the push goes out.
 * @module
 */

/** One `authenticationDetails` entry. */
interface AuthStep {
  method: string;
  methodDetail: string | null;
  succeeded: boolean;
  detail: string;
  requirement: string;
}

/** Everything about a row that depends on the kind of event. */
export interface RowKind {
  errorCode: number;
  failureReason: string;
  additionalDetails: string | null;
  steps: AuthStep[];
  requirement: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  conditionalAccess: 'success' | 'failure' | 'notApplied';
  /** The MFA method, for `mfaDetail`; null on rows without an MFA step. */
  mfaMethod: string | null;
  /** `status` of the number-matching policy entry, on push-with-number rows only. */
  numberMatch: string | null;
}

const passwordOk: AuthStep = {
  method: METHOD.password,
  methodDetail: 'Password in the cloud',
  succeeded: true,
  detail: TEXT.correctPassword,
  requirement: STEP.primary,
};

/** The first step of a desktop (Mac login window) flow: the password was checked on the Mac, the broker's token stands for it. */
const firstFactorByClaim: AuthStep = {
  method: METHOD.previouslySatisfied,
  methodDetail: null,
  succeeded: true,
  detail: TEXT.firstFactorByClaim,
  requirement: STEP.primary,
};

/** The canonical result of an `mfa.result` (its challenge's, else what its outcome says). */
export const resultOf = (e: CanonicalEvent): NonNullable<Challenge['result']> =>
  e.challenge?.result ?? (e.outcome === 'failure' ? 'denied' : 'approved');

/** The code and text of an `auth.attempt` failure reason (reasons Entra has no code for read as a bad password). */
export const primaryFailureOf = (reason: string | undefined) => PRIMARY_FAILURES.find((f) => f.reason === reason) ?? PRIMARY_FAILURES[0];

/** The number-matching status a push-with-number row carries, by what happened to the push. */
function numberMatchStatus(factor: Challenge['factor'], result: Challenge['result'] | undefined): string | null {
  if (factor !== 'push_number') return null;
  switch (result) {
    case 'approved':
      return NUMBER_MATCH.correct;
    case 'wrong_number':
      return NUMBER_MATCH.incorrect;
    case 'denied':
    case 'fraud':
      return NUMBER_MATCH.deny;
    default:
      return NUMBER_MATCH.unknown;
  }
}

/**
 * The row kind of a canonical IdP event, or undefined for events Entra's sign-in log has no row for
 * (`mfa.challenge`, whose push is on its result's row; `account.lock`, `factor.*`, a failed `session.start`, Mac
 * events).
 * @param desktop whether the event's flow came from the Mac's login window (a desktop client, no password at the IdP).
 */
export function rowKindOf(e: CanonicalEvent, desktop: boolean): RowKind | undefined {
  const primary = desktop ? firstFactorByClaim : passwordOk;
  const factor = e.challenge?.factor ?? 'push';
  const method = METHOD_OF_FACTOR[factor];
  const mfaStep = (succeeded: boolean, detail: string): AuthStep => ({
    method,
    methodDetail: null,
    succeeded,
    detail,
    requirement: STEP.mfa,
  });
  const base = { mfaMethod: method, numberMatch: null, requirement: 'multiFactorAuthentication' as const };
  switch (e.type) {
    case 'auth.attempt': {
      if (e.outcome !== 'failure') {
        return {
          ...base,
          errorCode: CODE.mfaRequired,
          failureReason: FAILURE_REASON[CODE.mfaRequired],
          additionalDetails: TEXT.mfaRequired,
          steps: [passwordOk],
          conditionalAccess: 'notApplied',
          mfaMethod: null,
        };
      }
      const { code } = primaryFailureOf(e.reason);
      const text = FAILURE_REASON[code];
      return {
        ...base,
        errorCode: code,
        failureReason: text,
        additionalDetails: null,
        steps: [{ ...passwordOk, succeeded: false, detail: text }],
        requirement: 'singleFactorAuthentication',
        conditionalAccess: 'notApplied',
        mfaMethod: null,
      };
    }
    case 'mfa.result': {
      const result = resultOf(e);
      const numberMatch = numberMatchStatus(result === 'wrong_number' ? 'push_number' : factor, result);
      if (result === 'approved') {
        return {
          ...base,
          errorCode: CODE.success,
          failureReason: FAILURE_REASON[CODE.success],
          additionalDetails: TEXT.mfaCompletedStatus,
          steps: [primary, mfaStep(true, TEXT.mfaCompletedStep)],
          conditionalAccess: 'success',
          numberMatch,
        };
      }
      const { text } = denialFor(result, e.reason);
      return {
        ...base,
        errorCode: CODE.mfaFailed,
        failureReason: FAILURE_REASON[CODE.mfaFailed],
        additionalDetails: text,
        steps: [primary, mfaStep(false, text)],
        conditionalAccess: 'failure',
        numberMatch,
      };
    }
    case 'session.start': {
      if (e.outcome === 'failure') return undefined;
      const success = {
        ...base,
        errorCode: CODE.success,
        failureReason: FAILURE_REASON[CODE.success],
        conditionalAccess: 'success' as const,
        mfaMethod: null,
      };
      if (e.reason === 'mfa') {
        const claim: AuthStep = { ...firstFactorByClaim, detail: TEXT.mfaByClaim, requirement: STEP.mfa };
        return { ...success, additionalDetails: TEXT.mfaByClaim, steps: [firstFactorByClaim, claim] };
      }
      if (e.reason === 'remembered_device') return { ...success, additionalDetails: TEXT.rememberedDevice, steps: [primary] };
      return {
        ...success,
        additionalDetails: null,
        steps: [primary],
        requirement: 'singleFactorAuthentication',
        conditionalAccess: 'notApplied',
      };
    }
    case 'rate.limit':
      return {
        ...base,
        errorCode: CODE.mfaFailed,
        failureReason: FAILURE_REASON[CODE.mfaFailed],
        additionalDetails: TEXT.duplicateAttempt,
        steps: [primary, mfaStep(false, TEXT.duplicateAttempt)],
        conditionalAccess: 'failure',
        mfaMethod: METHOD.push,
      };
    default:
      return undefined;
  }
}
