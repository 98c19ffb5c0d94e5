import { oktaFormat } from '../../../formats/okta/oktaFormat.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import { macTypes } from './_internal/eventKinds.ts';
import { kind, kinds, type RecordTable, whereInTable } from './_internal/recordTable.ts';
import type { VendorFields } from './VendorFields.ts';

const eventType = (...types: string[]): RecordCondition => ({ field: 'eventType', oneOf: types });
const result = (...results: string[]): RecordCondition => ({ field: 'outcome.result', oneOf: results });
const reason = (reason: string): RecordCondition => ({ field: 'outcome.reason', oneOf: [reason] });
const debug = (field: string, ...values: string[]): RecordCondition => ({ field: `debugContext.debugData.${field}`, oneOf: values });

/** The Identity Engine's record of every verification, the password included. */
const viaMfa = eventType('user.authentication.auth_via_mfa');
/** The password step of a sign-in. */
const password = debug('factor', 'PASSWORD_AS_FACTOR');
/** Any factor but the password: a second factor's verification (a rate limit names none, but is RATE_LIMIT). */
const secondFactor: RecordCondition = { field: 'debugContext.debugData.factor', notOneOf: ['PASSWORD_AS_FACTOR'] };
const fraudReport = eventType('user.account.report_suspicious_activity_by_enduser');
const sent = eventType('system.push.send_factor_verify_push', 'system.sms.send_factor_verify_message');
const notIdp = 'the System Log is the IdP’s: Mac events are in the Mac’s own log (export for the canonical events or OCSF)';

const table: RecordTable = {
  title: oktaFormat.title,
  missing: Object.fromEntries(macTypes.map((t) => [t, notIdp])),
  records: [
    kinds(
      { all: [viaMfa, password] },
      kind('auth.attempt/success', { all: [viaMfa, password, result('SUCCESS')] }),
      kind('auth.attempt/failure', { all: [viaMfa, password, result('FAILURE')] }),
    ),
    kinds(
      sent,
      kind('mfa.challenge/success', { all: [sent, result('SUCCESS')] }),
      kind('mfa.challenge/failure', { all: [sent, result('FAILURE')] }),
    ),
    kinds(
      { any: [fraudReport, { all: [viaMfa, secondFactor, result('SUCCESS', 'FAILURE', 'UNANSWERED')] }] },
      kind('mfa.result/approved', { all: [viaMfa, secondFactor, result('SUCCESS')] }),
      kinds(
        { any: [fraudReport, { all: [viaMfa, secondFactor, result('FAILURE', 'UNANSWERED')] }] },
        kind('mfa.result/fraud', fraudReport),
        kind('mfa.result/timeout', { all: [viaMfa, result('UNANSWERED')] }),
        kinds(
          { all: [viaMfa, secondFactor, result('FAILURE')] },
          // Denied by the user (Okta Verify's deny), or by the IdP while pushes are blocked after a fraud report.
          kind('mfa.result/denied', {
            all: [
              viaMfa,
              result('FAILURE'),
              { any: [debug('pushOnlyResponseType', 'OV_RESPONSE_DENY'), reason('FACTOR_TEMPORARILY_BLOCKED')] },
            ],
          }),
          kind('mfa.result/wrong_number', {
            all: [viaMfa, result('FAILURE'), debug('pushWithNumberChallengeResponseType', 'OV_WITH_CHALLENGE_RESPONSE_INVALID')],
          }),
          kind('mfa.result/error', { all: [viaMfa, secondFactor, result('FAILURE'), reason('VERIFICATION_ERROR')] }),
        ),
      ),
    ),
    kind('session.start/success', eventType('user.session.start')),
    kind('account.lock/success', eventType('user.account.lock')),
    kind('factor.enroll/success', eventType('user.mfa.factor.activate')),
    kind('factor.reset/success', eventType('user.mfa.factor.reset_all')),
    kind('rate.limit/failure', { all: [viaMfa, result('RATE_LIMIT')] }),
  ],
};

/**
 * The Okta System Log (`okta`, the Identity Engine's records as pushstorm's encoder writes them): which `LogEvent`s
 * stand for which canonical events.
 *
 * | canonical | Okta |
 * |---|---|
 * | `auth.attempt` | `user.authentication.auth_via_mfa` whose `debugContext.debugData.factor` is `PASSWORD_AS_FACTOR`; `outcome.result` SUCCESS / FAILURE |
 * | `mfa.challenge` | `system.push.send_factor_verify_push` (an SMS: `system.sms.send_factor_verify_message`); SUCCESS, or FAILURE when not sent |
 * | `mfa.result` approved | `auth_via_mfa` with any other factor, SUCCESS |
 * | denied | `auth_via_mfa` FAILURE with `pushOnlyResponseType` OV_RESPONSE_DENY, or `outcome.reason` FACTOR_TEMPORARILY_BLOCKED (refused while pushes are blocked) |
 * | timeout | `auth_via_mfa` UNANSWERED (the Identity Engine's MFA abandonment) |
 * | fraud | `user.account.report_suspicious_activity_by_enduser` |
 * | wrong_number | `auth_via_mfa` FAILURE with `pushWithNumberChallengeResponseType` OV_WITH_CHALLENGE_RESPONSE_INVALID |
 * | error | `auth_via_mfa` FAILURE, `outcome.reason` VERIFICATION_ERROR |
 * | `session.start`, `account.lock`, `factor.enroll`, `factor.reset` | `user.session.start`, `user.account.lock`, `user.mfa.factor.activate`, `user.mfa.factor.reset_all` |
 * | `rate.limit` | `auth_via_mfa` RATE_LIMIT |
 *
 * An `mfa.result` record carries its result and no outcome of its own: an outcome filter reads it from the result
 * (pushstorm's results succeed exactly when approved). Okta writes no record for a TOTP or WebAuthn challenge (only
 * its result), so an `mfa.challenge` condition finds the pushes and SMS sent; Mac events are refused. The key,
 * user, time (ISO 8601 `published`), id (`uuid`, the canonical id) and proxy (`securityContext.isProxy`) fields are
 * the record's own.
 */
export const oktaFields: VendorFields = {
  format: 'okta',
  title: oktaFormat.title,
  where: (filter) => whereInTable(table, filter),
  key: (key) => (key === 'user' ? 'actor.alternateId' : 'client.ipAddress'),
  user: 'actor.alternateId',
  time: 'published',
  id: 'uuid',
  proxy: 'securityContext.isProxy',
};
