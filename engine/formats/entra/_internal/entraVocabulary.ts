import type { Challenge } from '../../../model/generated/event.ts';

/**
 * Microsoft Entra sign-in log words pushstorm writes and reads: error codes, the status and authentication-step
 * texts, authentication method names, and the canonical reasons they stand for. Described in docs/formats.md,
 * "Microsoft Entra ID sign-in logs"; sources: the Graph `signIn` resource
 * (https://learn.microsoft.com/en-us/graph/api/resources/signin), "Sign-in log schema in Azure Monitor"
 * (https://learn.microsoft.com/en-us/entra/identity/monitoring-health/reference-azure-monitor-sign-ins-log-schema),
 * the MFA reporting doc's "MFA denied; …" list
 * (https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-reporting) and the AADSTS error codes
 * (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes); each entry marked [inferred] is
 * pushstorm's choice where those are silent.
 * @module
 */

/** `status.errorCode` values pushstorm writes. */
export const CODE = {
  success: 0,
  badPassword: 50126,
  lockedOut: 50053,
  /** Strong authentication required: the push is out, the user has not passed it yet (the interrupt row). */
  strongAuthRequired: 50074,
  /** MFA required (Conditional Access, new location): the password was right and MFA comes next. */
  mfaRequired: 50076,
  /** "Authentication failed during strong authentication request": the code MFA-denial rules filter on. */
  mfaFailed: 500121,
} as const;

/** `status.failureReason` of each code pushstorm writes (`{resource}` is the app id). */
export const FAILURE_REASON: Record<number, string> = {
  [CODE.success]: 'Other.',
  [CODE.badPassword]: 'Invalid username or password or Invalid on-premise username or password.',
  [CODE.lockedOut]: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  [CODE.strongAuthRequired]: 'Strong Authentication is required.',
  [CODE.mfaRequired]:
    "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'.",
  [CODE.mfaFailed]: 'Authentication failed during strong authentication request.',
  50055: 'The password is expired.',
  50057: 'The user account is disabled.',
  50034: 'The user account does not exist in the directory.',
};

/** Primary-factor failure codes and the canonical `auth.attempt` reason each stands for, both ways. */
export const PRIMARY_FAILURES: readonly { code: number; reason: string }[] = [
  { code: CODE.badPassword, reason: 'bad_password' },
  { code: CODE.lockedOut, reason: 'locked_out' },
  { code: 50055, reason: 'password_expired' },
  { code: 50057, reason: 'account_disabled' },
  { code: 50034, reason: 'unknown_user' },
];

/** The interrupt codes: a row of a flow that is waiting for MFA. */
export const INTERRUPT_CODES: ReadonlySet<number> = new Set([CODE.strongAuthRequired, CODE.mfaRequired]);

/**
 * Codes of real Entra rows that are not part of a push flow pushstorm models, and why; the decoder skips them with
 * that reason (and rejects codes it knows nothing about).
 */
export const SKIPPED_CODES: ReadonlyMap<number, string> = new Map([
  [50140, "a 'keep me signed in' interrupt, no MFA step: the sign-in goes on in the next row"],
  [50072, 'the user is asked to register security info: no push was sent'],
  [50079, 'the user is asked to register security info: no push was sent'],
  [50097, 'device authentication required: no push was sent'],
  [50125, 'a password-reset or registration interrupt: no push was sent'],
  [50129, 'a device-join interrupt: no push was sent'],
  [50158, "an external (third-party) security challenge: that provider's push, logged by that provider"],
  [50199, 'a confirmation interrupt for a native client (CMSI): no push was sent'],
  [53000, 'Conditional Access requires a compliant device: refused before any push'],
  [53001, 'Conditional Access requires a domain-joined device: refused before any push'],
  [53002, 'Conditional Access requires an approved client app: refused before any push'],
  [53003, 'blocked by Conditional Access: refused before any push'],
]);

/** "Limit on telecom MFA calls reached": read as a rate limit (decode only). */
export const TELECOM_LIMIT_CODE = 50088;

/** Status and step texts. */
export const TEXT = {
  correctPassword: 'Correct password',
  mfaRequired: 'MFA required in Azure AD',
  mfaCompletedStep: 'MFA successfully completed',
  mfaCompletedStatus: 'MFA completed in Azure AD',
  firstFactorByClaim: 'First factor requirement satisfied by claim in the token',
  mfaByClaim: 'MFA requirement satisfied by claim in the token',
  rememberedDevice: 'MFA requirement skipped due to remembered device',
  /** [inferred] Entra's words for a push refused because one is already pending; pushstorm's per-user rate limit. */
  duplicateAttempt: 'MFA denied; duplicate authentication attempt',
} as const;

/** `authenticationStepRequirement` of the two steps. */
export const STEP = { primary: 'Primary authentication', mfa: 'Multifactor authentication' } as const;

/** `authenticationMethod` values. */
export const METHOD = {
  password: 'Password',
  previouslySatisfied: 'Previously satisfied',
  push: 'Mobile app notification',
  sms: 'Text message',
  totp: 'OATH verification code',
  webauthn: 'Passkey (device-bound)',
} as const;

/** `mfaDetail.authMethod` of each method (the table's deprecated `MfaDetail` column spells them this way). */
export const MFA_DETAIL_METHOD: Record<string, string> = {
  [METHOD.push]: 'PhoneAppNotification',
  [METHOD.sms]: 'OneWaySMS',
  [METHOD.totp]: 'PhoneAppOTP',
  [METHOD.webauthn]: 'Fido',
};

/** The authentication method a canonical factor shows as. Desktop MFA is an Authenticator push too. */
export const METHOD_OF_FACTOR: Record<Challenge['factor'], string> = {
  push: METHOD.push,
  push_number: METHOD.push,
  desktop_mfa: METHOD.push,
  sms: METHOD.sms,
  totp: METHOD.totp,
  webauthn: METHOD.webauthn,
};

/** The factor family of an `authenticationMethod` or `mfaDetail.authMethod` (lower case); unknown ones read as push. */
export function factorFamilyOf(method: string): 'push' | 'sms' | 'totp' | 'webauthn' {
  const m = method.toLowerCase();
  if (m.includes('text message') || m.includes('sms')) return 'sms';
  if (m.includes('verification code') || m.includes('oath') || m.includes('otp')) return 'totp';
  if (m.includes('fido') || m.includes('passkey') || m.includes('security key') || m.includes('windows hello')) return 'webauthn';
  return 'push';
}

/** `clientAppUsed` of browser sign-ins and of sign-ins from a desktop client (the Mac's login window plug-in). */
export const CLIENT_APP = { browser: 'Browser', desktop: 'Mobile Apps and Desktop clients' } as const;

/**
 * Number matching. `authenticationAppPolicyEvaluationDetails` (Graph beta; the SigninLogs column of that name [2nd])
 * lists the Authenticator policies applied to the push; its `status` enum has `numberMatch…` values [spec]. The
 * policy name is [inferred]: no public sample shows one.
 */
export const NUMBER_MATCH = {
  policyName: 'Number matching',
  correct: 'numberMatchCorrectNumberEntered',
  incorrect: 'numberMatchIncorrectNumberEntered',
  deny: 'numberMatchDeny',
  unknown: 'unknown',
} as const;

/** Identity Protection's real-time detection for Tor and anonymising VPN egress (`riskEventTypes_v2`). */
export const ANONYMIZED_IP = 'anonymizedIPAddress';

/** One "MFA denied; …" text and the canonical result and reason it stands for. */
export interface DenialText {
  text: string;
  result: NonNullable<Challenge['result']>;
  reason: string;
}

/**
 * The "MFA denied; …" texts of `status.additionalDetails` and the MFA step's `authenticationStepResultDetail`.
 * Order matters for encoding: the first entry for a result is its default when the reason has no text of its own.
 * Muted (pushes blocked after a fraud report) is Entra's "user is blocked" (the MFA fraud-alert setting blocks the
 * user) [inferred mapping].
 */
const DENIALS: readonly DenialText[] = [
  { text: 'MFA denied; user declined the authentication', result: 'denied', reason: 'denied' },
  { text: 'MFA denied; user did not respond to mobile app notification', result: 'timeout', reason: 'timeout' },
  { text: 'MFA denied; Phone App Reported Fraud', result: 'fraud', reason: 'fraud' },
  { text: 'MFA denied; user did not select the correct number', result: 'wrong_number', reason: 'wrong_number' },
  { text: 'MFA denied; user is blocked', result: 'denied', reason: 'muted' },
  { text: 'MFA denied; service error', result: 'error', reason: 'error' },
  { text: 'MFA denied; unable to send the mobile app notification', result: 'error', reason: 'delivery_failed' },
];

const denial = (reason: string) => DENIALS.find((d) => d.reason === reason) ?? DENIALS[0];

/** Shorter spellings some exports and third-party samples use, read as the full text's meaning (decode only). */
const DENIAL_ALIASES: readonly { prefix: string; entry: DenialText }[] = [
  ...DENIALS.map((entry) => ({ prefix: entry.text.slice('MFA denied; '.length).toLowerCase(), entry })),
  { prefix: 'user declined', entry: denial('denied') },
  { prefix: 'user did not respond', entry: denial('timeout') },
  { prefix: 'fraud', entry: denial('fraud') },
  { prefix: 'unable to send', entry: denial('delivery_failed') },
];

/** Whether a text is an "MFA denied; …" text. */
export const isDenial = (text: string | undefined): text is string => text !== undefined && /^mfa denied\s*;/i.test(text);

/** The text after "MFA denied;", trimmed and lower-cased. */
const denialTail = (text: string) =>
  text
    .replace(/^mfa denied\s*;\s*/i, '')
    .trim()
    .toLowerCase();

/**
 * Whether a denial says the push never reached the phone: the user is blocked (after a fraud report) or Entra could
 * not send the notification. Such a row records a challenge that failed, not an answer.
 */
export const isNotSent = (text: string): boolean => /^(user is blocked|unable to send)/.test(denialTail(text));

/** Whether a denial text is the duplicate-attempt (rate limit) one. */
export const isDuplicateAttempt = (text: string) => denialTail(text).startsWith('duplicate authentication attempt');

/**
 * The result and reason of a denial text. Texts pushstorm does not know read as `denied`, with the text itself as
 * a snake_case reason (`MFA denied; invalid verification code` → `invalid_verification_code`).
 */
export function denialMeaning(text: string): { result: DenialText['result']; reason: string } {
  const tail = denialTail(text);
  const known = DENIAL_ALIASES.find((a) => tail.startsWith(a.prefix));
  if (known) return { result: known.entry.result, reason: known.entry.reason };
  const slug = tail
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return { result: 'denied', reason: slug === '' ? 'denied' : slug };
}

/** The denial text of a canonical (result, reason), and the pair as it reads back. */
export function denialFor(result: DenialText['result'], reason: string | undefined): DenialText {
  return DENIALS.find((d) => d.result === result && d.reason === reason) ?? DENIALS.find((d) => d.result === result) ?? DENIALS[0];
}
