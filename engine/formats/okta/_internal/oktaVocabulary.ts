import type { Challenge } from '../../../model/generated/event.ts';

/**
 * Okta System Log words pushstorm writes and reads: event types, `debugData.factor` values and the reasons mapped to
 * canonical ones. Described in docs/formats.md, "Okta System Log"; sources: the `LogEvent` schema of Okta's
 * management API (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/SystemLog/, spec in
 * https://github.com/okta/okta-management-openapi-spec), Okta's event-type catalog
 * (https://developer.okta.com/docs/reference/api/event-types/) and Elastic's Okta test records
 * (https://github.com/elastic/integrations/tree/main/packages/okta).
 * @module
 */

/** The event types of push flows (Okta's event catalog). */
export const OKTA = {
  pushSent: 'system.push.send_factor_verify_push',
  authViaMfa: 'user.authentication.auth_via_mfa',
  classicDenyPush: 'user.mfa.okta_verify.deny_push',
  sessionStart: 'user.session.start',
  accountLock: 'user.account.lock',
  factorActivate: 'user.mfa.factor.activate',
  factorResetAll: 'user.mfa.factor.reset_all',
  reportSuspicious: 'user.account.report_suspicious_activity_by_enduser',
  smsSent: 'system.sms.send_factor_verify_message',
  /** "Attempted MFA bypass": not a fraud report, skipped. */
  attemptBypass: 'user.mfa.attempt_bypass',
} as const;

/** What Okta shows as `displayMessage` and `legacyEventType` for each event type we write. */
export const DISPLAY: Record<string, { message: string; legacy: string | null; severity: string }> = {
  [OKTA.pushSent]: { message: 'Push notification sent for verification', legacy: null, severity: 'INFO' },
  [OKTA.authViaMfa]: { message: 'Authentication of user via MFA', legacy: 'core.user.factor.attempt_success', severity: 'INFO' },
  [OKTA.sessionStart]: { message: 'User login to Okta', legacy: 'core.user_auth.login_success', severity: 'INFO' },
  [OKTA.classicDenyPush]: { message: 'User rejected Okta push verify', legacy: 'core.user.factor.push_deny', severity: 'WARN' },
  [OKTA.accountLock]: { message: 'Max sign in attempts exceeded', legacy: 'core.user_auth.account_locked', severity: 'WARN' },
  [OKTA.factorActivate]: { message: 'Activate factor or authenticator', legacy: 'core.user.factor.activate', severity: 'INFO' },
  [OKTA.factorResetAll]: { message: 'Reset all factors for user', legacy: 'core.user.factor.reset_all', severity: 'INFO' },
  [OKTA.reportSuspicious]: { message: 'User report suspicious activity', legacy: null, severity: 'WARN' },
  [OKTA.smsSent]: { message: 'Send SMS for factor verification', legacy: null, severity: 'INFO' },
};

/** `debugData.factor` of each canonical factor; the password step of OIE is `PASSWORD_AS_FACTOR`. */
export const FACTOR_OUT: Record<Challenge['factor'], string> = {
  push: 'OKTA_VERIFY_PUSH',
  push_number: 'OKTA_VERIFY_PUSH',
  desktop_mfa: 'OKTA_VERIFY_PUSH',
  totp: 'SOFT_TOKEN',
  sms: 'SMS_FACTOR',
  webauthn: 'FIDO_WEBAUTHN',
};

/** Canonical factor of a `debugData.factor` value (OIE and Classic spellings). */
export const FACTOR_IN: Record<string, Challenge['factor']> = {
  OKTA_VERIFY_PUSH: 'push',
  PUSH: 'push',
  SIGNED_NONCE: 'push',
  SOFT_TOKEN: 'totp',
  OKTA_VERIFY_TOTP: 'totp',
  TOKEN_SOFTWARE_TOTP: 'totp',
  GOOGLE_AUTHENTICATOR: 'totp',
  SMS_FACTOR: 'sms',
  SMS: 'sms',
  FIDO_WEBAUTHN: 'webauthn',
  WEBAUTHN: 'webauthn',
};

export const PASSWORD_FACTOR = 'PASSWORD_AS_FACTOR';

/**
 * `authenticationContext.interface` pushstorm writes on the pushes Okta Device Access (Desktop MFA) asks for at a Mac
 * login window. [inferred]: Okta documents `device.desktop_mfa.*` events for enrolment but no marker on the pushes.
 */
export const DESKTOP_MFA_INTERFACE = 'Okta Device Access';

/** Canonical reason ↔ `outcome.reason`, where Okta has a word for it (unknown reasons pass through verbatim). */
export const REASON_OUT: Record<string, string> = {
  bad_password: 'INVALID_CREDENTIALS',
  denied: 'INVALID_CREDENTIALS',
  wrong_number: 'INVALID_CREDENTIALS',
  locked_out: 'LOCKED_OUT',
  too_many_failures: 'LOCKED_OUT',
  error: 'VERIFICATION_ERROR',
  // [invented] Okta has no documented reason for a push refused while pushes are blocked after a fraud report.
  muted: 'FACTOR_TEMPORARILY_BLOCKED',
};

export const MUTED_REASON = REASON_OUT.muted;

/** `pushOnlyResponseType` values. */
export const PUSH_RESPONSE = { approve: 'OV_RESPONSE_APPROVE', deny: 'OV_RESPONSE_DENY', error: 'OV_RESPONSE_ERROR' } as const;

/** `pushWithNumberChallengeResponseType` values. */
export const NUMBER_RESPONSE = {
  valid: 'OV_WITH_CHALLENGE_RESPONSE_VALID',
  invalid: 'OV_WITH_CHALLENGE_RESPONSE_INVALID',
  error: 'OV_WITH_CHALLENGE_RESPONSE_ERROR',
  notApplicable: 'OV_WITH_CHALLENGE_RESPONSE_NOT_APPLICABLE',
} as const;

/** `device.os_platform` of a canonical OS name and back. */
export const PLATFORM_OUT: Record<string, string> = { macOS: 'OSX', iOS: 'IOS', Android: 'ANDROID', Windows: 'WINDOWS' };
export const PLATFORM_IN: Record<string, string> = { OSX: 'macOS', MACOS: 'macOS', IOS: 'iOS', ANDROID: 'Android', WINDOWS: 'Windows' };
