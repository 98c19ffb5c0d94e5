import type { CanonicalEvent, Challenge, Device, EventSource, EventType, MacContext } from '../../../model/generated/event.ts';

/**
 * The OCSF 1.8.0 words pushstorm writes and reads for class 3002 (Authentication): class and activity ids, the
 * event codes each canonical type becomes, factor, logon-type, device-type and OS-type enums, and the status texts
 * of challenge results. Described in docs/formats.md, "OCSF Authentication (3002)"; sources: the OCSF schema
 * (https://schema.ocsf.io/1.8.0/classes/authentication and the objects `auth_factor`, `device`, `os`,
 * `network_endpoint`, `enrichment` in https://github.com/ocsf/ocsf-schema) and OCSF's mapping of Okta's System Log
 * (https://github.com/ocsf/examples/tree/main/mappings/markdown/Okta).
 * @module
 */

/** The schema release the records declare in `metadata.version`. */
export const OCSF_VERSION = '1.8.0';
/** Authentication. */
export const CLASS_UID = 3002;
/** Identity & Access Management. */
export const CATEGORY_UID = 3;

/** `activity_id` values pushstorm writes, with their OCSF captions. */
const ACTIVITY = { logon: 1, logoff: 2, preauth: 6, other: 99 } as const;
/** OCSF captions of those activities. */
export const ACTIVITY_NAME: Record<number, string> = { 1: 'Logon', 2: 'Logoff', 6: 'Preauth', 99: 'Other' };

/** The product each source's records name in `metadata.product`. */
export const PRODUCT: Record<EventSource, { name: string; vendor_name: string }> = {
  idp: { name: 'Okta System Log', vendor_name: 'Okta' },
  mac: { name: 'macOS', vendor_name: 'Apple' },
};

/** How one canonical type is written. */
interface TypeSpelling {
  activity: number;
  /** `activity_name` of an Other (99) activity. */
  otherName?: string;
  code: string;
}

/**
 * Each canonical type's `activity_id`, Other-activity name and `metadata.event_code`. IdP codes are Okta event types
 * (the OIE flow: `auth_via_mfa` for every factor, the password included); Mac codes are Endpoint Security event names
 * where ES has the event, pushstorm's own names otherwise (ES has no MFA and no power events). A Mac login's code
 * also follows its method ({@link MAC_LOGIN_CODE}), a push-sent's its factor ({@link SMS_SENT_CODE}).
 */
export const TYPE_OUT: Record<EventType, TypeSpelling> = {
  'auth.attempt': { activity: ACTIVITY.logon, code: 'user.authentication.auth_via_mfa' },
  'mfa.challenge': { activity: ACTIVITY.preauth, code: 'system.push.send_factor_verify_push' },
  'mfa.result': { activity: ACTIVITY.logon, code: 'user.authentication.auth_via_mfa' },
  'session.start': { activity: ACTIVITY.logon, code: 'user.session.start' },
  'account.lock': { activity: ACTIVITY.other, otherName: 'Account Lock', code: 'user.account.lock' },
  'factor.enroll': { activity: ACTIVITY.other, otherName: 'Factor Enroll', code: 'user.mfa.factor.activate' },
  'factor.reset': { activity: ACTIVITY.other, otherName: 'Factor Reset', code: 'user.mfa.factor.reset_all' },
  // [inferred] Okta's per-user operation limit (push and SMS sends) logs as an operation rate-limit violation.
  'rate.limit': { activity: ACTIVITY.other, otherName: 'Rate Limit', code: 'system.operation.rate_limit.violation' },
  'mac.login': { activity: ACTIVITY.logon, code: 'authentication' },
  'mac.mfa.request': { activity: ACTIVITY.preauth, code: 'desktop_mfa_request' },
  'mac.mfa.result': { activity: ACTIVITY.logon, code: 'desktop_mfa_result' },
  'mac.session.start': { activity: ACTIVITY.logon, code: 'lw_session_login' },
  'mac.session.lock': { activity: ACTIVITY.other, otherName: 'Lock', code: 'lw_session_lock' },
  'mac.session.unlock': { activity: ACTIVITY.other, otherName: 'Unlock', code: 'lw_session_unlock' },
  'mac.session.end': { activity: ACTIVITY.logoff, code: 'lw_session_logout' },
  'mac.sleep': { activity: ACTIVITY.other, otherName: 'Sleep', code: 'power_sleep' },
  'mac.wake': { activity: ACTIVITY.other, otherName: 'Wake', code: 'power_wake' },
};

/** Okta's "SMS sent" event type: the push-sent code does not fit an SMS challenge. */
export const SMS_SENT_CODE = 'system.sms.send_factor_verify_message';

/** ES event names of the remote and privileged Mac logins (`authentication` covers login window and unlock). */
export const MAC_LOGIN_CODE: Partial<Record<NonNullable<MacContext['method']>, string>> = {
  ssh: 'openssh_login',
  screen_sharing: 'screensharing_attach',
  sudo: 'sudo',
};

/** The canonical type and source of each event code read; `auth_via_mfa` is split by its factors (see the decoder). */
export const CODE_IN: Record<string, { type: EventType; source: EventSource }> = {
  'user.authentication.auth_via_mfa': { type: 'mfa.result', source: 'idp' },
  // Okta Classic writes a denied push as its own event type.
  'user.mfa.okta_verify.deny_push': { type: 'mfa.result', source: 'idp' },
  'system.push.send_factor_verify_push': { type: 'mfa.challenge', source: 'idp' },
  [SMS_SENT_CODE]: { type: 'mfa.challenge', source: 'idp' },
  'user.session.start': { type: 'session.start', source: 'idp' },
  'user.account.lock': { type: 'account.lock', source: 'idp' },
  'user.mfa.factor.activate': { type: 'factor.enroll', source: 'idp' },
  'user.mfa.factor.reset_all': { type: 'factor.reset', source: 'idp' },
  'system.operation.rate_limit.violation': { type: 'rate.limit', source: 'idp' },
  authentication: { type: 'mac.login', source: 'mac' },
  openssh_login: { type: 'mac.login', source: 'mac' },
  screensharing_attach: { type: 'mac.login', source: 'mac' },
  sudo: { type: 'mac.login', source: 'mac' },
  desktop_mfa_request: { type: 'mac.mfa.request', source: 'mac' },
  desktop_mfa_result: { type: 'mac.mfa.result', source: 'mac' },
  lw_session_login: { type: 'mac.session.start', source: 'mac' },
  lw_session_lock: { type: 'mac.session.lock', source: 'mac' },
  lw_session_unlock: { type: 'mac.session.unlock', source: 'mac' },
  lw_session_logout: { type: 'mac.session.end', source: 'mac' },
  power_sleep: { type: 'mac.sleep', source: 'mac' },
  power_wake: { type: 'mac.wake', source: 'mac' },
};

/** The source each canonical type decodes to (the event code says it). */
export function sourceOfType(type: EventType): EventSource {
  return type.startsWith('mac.') ? 'mac' : 'idp';
}

/** `auth_factor.factor_type_id` values pushstorm uses, with their captions. */
export const FACTOR_TYPE = { sms: 1, push: 5, otp: 7, webauthn: 10, password: 11 } as const;
/** OCSF captions of the `factor_type_id` enum. */
export const FACTOR_TYPE_NAME: Record<number, string> = {
  0: 'Unknown',
  1: 'SMS',
  2: 'Security Question',
  3: 'Phone Call',
  4: 'Biometric',
  5: 'Push Notification',
  6: 'Hardware Token',
  7: 'OTP',
  8: 'Email',
  9: 'U2F',
  10: 'WebAuthn',
  11: 'Password',
  99: 'Other',
};

/**
 * `auth_factors[].provider` of the push factors. Desktop MFA pushes are Okta Verify pushes too, raised by the Okta
 * Device Access plug-in at a Mac login window; the provider is what tells them apart from web pushes.
 */
export const PUSH_PROVIDER = 'Okta Verify';
/** See {@link PUSH_PROVIDER}. */
export const DESKTOP_MFA_PROVIDER = 'Okta Device Access';

/**
 * `metadata.labels` entry marking a push with number matching: OCSF has no field for it (Okta keeps it in
 * `debugData.pushWithNumberChallengeResponseType`, which only result events carry), so it is a normalisation-time
 * label, the use OCSF gives labels.
 */
export const NUMBER_CHALLENGE_LABEL = 'number_challenge';

/** The factor type id of each canonical factor. */
export const FACTOR_OUT: Record<Challenge['factor'], number> = {
  push: FACTOR_TYPE.push,
  push_number: FACTOR_TYPE.push,
  desktop_mfa: FACTOR_TYPE.push,
  totp: FACTOR_TYPE.otp,
  sms: FACTOR_TYPE.sms,
  webauthn: FACTOR_TYPE.webauthn,
};

/**
 * `status_detail` of each challenge result, worded after Entra's "MFA denied; …" strings. The decoder also reads
 * Okta's push response codes, which OCSF mappings of Okta put there (OCSF's Okta mapping examples).
 */
export const RESULT_DETAIL: Record<NonNullable<Challenge['result']>, string> = {
  approved: 'MFA completed',
  denied: 'MFA denied',
  timeout: 'MFA denied; no response to the notification',
  fraud: 'MFA denied; user reported fraud',
  wrong_number: 'MFA denied; user did not select the correct number',
  error: 'MFA error',
};

/** The challenge result a `status_detail` names: pushstorm's texts and Okta's push response codes. */
export const DETAIL_RESULT: Record<string, NonNullable<Challenge['result']>> = {
  ...Object.fromEntries(Object.entries(RESULT_DETAIL).map(([result, text]) => [text, result as NonNullable<Challenge['result']>])),
  OV_RESPONSE_APPROVE: 'approved',
  OV_RESPONSE_DENY: 'denied',
  OV_RESPONSE_ERROR: 'error',
  OV_WITH_CHALLENGE_RESPONSE_VALID: 'approved',
  OV_WITH_CHALLENGE_RESPONSE_INVALID: 'wrong_number',
  OV_WITH_CHALLENGE_RESPONSE_ERROR: 'error',
  // Okta Identity Engine's result for a push nobody answered (and one the browser gave up on), as mappings carry it.
  UNANSWERED: 'timeout',
  ABANDONED: 'timeout',
};

/** `logon_type_id` of each Mac login method (99 Other carries the method name in `logon_type`). */
export const LOGON_TYPE_OUT: Record<NonNullable<MacContext['method']>, { id: number; name: string }> = {
  login_window: { id: 2, name: 'Interactive' },
  screen_unlock: { id: 7, name: 'Unlock' },
  ssh: { id: 3, name: 'Network' },
  screen_sharing: { id: 10, name: 'Remote Interactive' },
  sudo: { id: 99, name: 'sudo' },
};

/** The Mac login method of a `logon_type_id` (99 is read from `logon_type`). */
export const LOGON_TYPE_IN: Record<number, NonNullable<MacContext['method']>> = {
  2: 'login_window',
  7: 'screen_unlock',
  3: 'ssh',
  10: 'screen_sharing',
};

/** `device.type_id` of each device kind; a Mac is a Desktop the way OCSF's Okta mapping reads Okta's "Computer". */
export const DEVICE_TYPE_OUT: Record<Device['kind'], { id: number; name: string }> = {
  mac: { id: 2, name: 'Desktop' },
  phone: { id: 5, name: 'Mobile' },
  browser: { id: 8, name: 'Browser' },
};

/** The device kind of a `device.type_id` (Laptop and Tablet read as Mac and phone). */
export const DEVICE_TYPE_IN: Record<number, Device['kind']> = { 2: 'mac', 3: 'mac', 4: 'phone', 5: 'phone', 8: 'browser' };

/** `os.type_id` of the OS names pushstorm writes (OCSF `os` enum); others are 99 Other. */
export const OS_TYPE: Record<string, { id: number; name: string }> = {
  Windows: { id: 100, name: 'Windows' },
  Linux: { id: 200, name: 'Linux' },
  Android: { id: 201, name: 'Android' },
  macOS: { id: 300, name: 'macOS' },
  iOS: { id: 301, name: 'iOS' },
  iPadOS: { id: 302, name: 'iPadOS' },
};

/** Enrichment carrying the IdP's proxy verdict on the source address (OCSF `enrichment`: name, value, type, data). */
export const PROXY_ENRICHMENT = { name: 'src_endpoint.ip', type: 'anonymizer', provider: 'Okta securityContext' } as const;

/** The canonical proxy kinds, the values `data.proxy_type` may hold. */
export const PROXY_KINDS: ReadonlyArray<NonNullable<NonNullable<CanonicalEvent['origin']>['proxyKind']>> = [
  'vpn',
  'hosting',
  'residential',
  'tor',
];

/** The Mac processes the canonical schema names, the values `actor.process.name` may hold. */
export const MAC_PROCESSES: ReadonlyArray<MacContext['process']> = [
  'authd',
  'loginwindow',
  'sshd',
  'screensharingd',
  'mfa_plugin',
  'powerd',
];

/** OCSF `severity_id` captions. */
export const SEVERITY_NAME: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium' };

/** OCSF `status_id` captions. */
export const STATUS_NAME: Record<number, string> = { 0: 'Unknown', 1: 'Success', 2: 'Failure' };
