import { createHash } from 'node:crypto';
import type { Challenge, Device } from '../../../model/generated/event.ts';
import { countryCode, countryName } from '../../_internal/countryNames.ts';
import { stableToken } from '../../_internal/stableToken.ts';

/**
 * Cisco Duo Admin API v2 authentication-log words pushstorm writes and reads: factors, results and reasons, and the
 * mapping of canonical values onto them. Described in docs/formats.md, "Cisco Duo authentication logs"; sources:
 * Duo's Admin API documentation (https://duo.com/docs/adminapi#authentication-logs), the Duo Python client
 * (https://github.com/duosecurity/duo_client_python) and Elastic's `cisco_duo` test log
 * (https://github.com/elastic/integrations/tree/main/packages/cisco_duo). Words marked [inferred] are not confirmed
 * publicly; each is one constant here so it can change in one place.
 * @module
 */

/**
 * Duo's factor for a Verified Duo Push (Duo's number matching: the user types the code the login page shows).
 * [inferred] Duo's Admin Panel names the method "Verified Duo Push"; the API spelling is not in the public sources.
 */
const VERIFIED_PUSH_FACTOR = 'verified_duo_push';

/**
 * Reason of a Verified Duo Push answered with the wrong code. [inferred] No public source names it; `invalid_passcode`
 * is the documented denial for a wrong code typed, which is what a wrong Verified Push code is.
 */
const WRONG_CODE_REASON = 'invalid_passcode';

/**
 * Reason of an attempt refused while the user is locked out after a fraud report (Duo's "lock out and alert" on
 * fraud); the canonical `muted`. No push is sent.
 */
export const MUTED_REASON = 'locked_out';

/**
 * Reason Duo gives when it refuses a push because of push harassment (Panther rule `duo_user_anomalous_push`); the
 * canonical per-user push rate limit. [inferred] that Duo's protection and the IdP rate limit are the same event.
 */
export const RATE_LIMIT_REASON = 'anomalous_push';

/** Duo factor of each canonical challenge factor. Desktop MFA is a push to the Mac's Duo logon integration. */
export const FACTOR_OUT: Record<Challenge['factor'], string> = {
  push: 'duo_push',
  push_number: VERIFIED_PUSH_FACTOR,
  desktop_mfa: 'duo_push',
  totp: 'duo_mobile_passcode',
  sms: 'sms_passcode',
  // [inferred] Duo logs FIDO security keys, WebAuthn ones included, as u2f_token.
  webauthn: 'u2f_token',
};

/** Canonical factor of a Duo factor; `duo_push` is `desktop_mfa` when the row has no browser (see `challengeFactor`). */
const FACTOR_IN: Record<string, Challenge['factor']> = {
  duo_push: 'push',
  [VERIFIED_PUSH_FACTOR]: 'push_number',
  duo_mobile_passcode: 'totp',
  sms_passcode: 'sms',
  u2f_token: 'webauthn',
};

/** Factors of an attempt that asked for no second factor: a success is a session start. */
export const NO_FACTOR = new Set(['remembered_device', 'trusted_network', 'not_available']);

/** Documented Duo factors pushstorm has no canonical factor for: their rows are skipped. */
export const UNMODELED_FACTORS = new Set([
  'phone_call',
  'passcode',
  'yubikey_passcode',
  'yubikey_code',
  'digipass_go_7_token',
  'hardware_token',
  'bypass_code',
  'sms_refresh',
]);

/**
 * Reason of the session a success with an unmodeled factor opened: `bypass_code` for a bypass code (no second factor
 * was proven), `mfa` for every other factor (a phone call, passcode or hardware token is a second factor, not a push).
 */
export function unmodeledSessionReason(factor: string): string {
  return factor === 'bypass_code' ? 'bypass_code' : 'mfa';
}

/**
 * The canonical factor of a Duo factor, or undefined for factors that are no challenge. A push from an OS logon
 * integration (Duo for macOS / Windows Logon) has `access_device.browser: null` — the Elastic sample's "OS
 * Application" row — and is the canonical `desktop_mfa`; a web sign-in always names its browser.
 */
export function challengeFactor(factor: string, browserIsNull: boolean): Challenge['factor'] | undefined {
  const f = FACTOR_IN[factor];
  return f === 'push' && browserIsNull ? 'desktop_mfa' : f;
}

/** Duo `result` and `reason` of a canonical challenge result; a muted attempt is written by the caller. */
export function resultOut(result: NonNullable<Challenge['result']>, factor: Challenge['factor']): { result: string; reason: string } {
  switch (result) {
    case 'approved':
      return { result: 'success', reason: factor === 'totp' || factor === 'sms' ? 'valid_passcode' : 'user_approved' };
    case 'denied':
      // The user pressed Deny and did not report fraud ("user_mistake" in Elastic's cisco_duo sample records).
      return { result: 'denied', reason: 'user_mistake' };
    case 'timeout':
      return { result: 'denied', reason: 'no_response' };
    case 'fraud':
      return { result: 'fraud', reason: 'user_marked_fraud' };
    case 'wrong_number':
      return { result: 'denied', reason: WRONG_CODE_REASON };
    case 'error':
      return { result: 'error', reason: 'error' };
  }
}

/** What a Duo answer means: the canonical result and reason, and whether a prompt reached the user at all. */
export interface DuoAnswer {
  result: NonNullable<Challenge['result']>;
  reason: string;
  /** False when Duo refused before prompting (locked out, a policy denial): the derived challenge failed. */
  sent: boolean;
}

/** Duo results `readResult` knows (`failure` appears in some exports instead of `denied`). */
export const RESULTS = new Set(['success', 'denied', 'failure', 'fraud', 'error']);

/** The canonical answer of a Duo `result` (lower case, one of {@link RESULTS}) and `reason`. */
export function resultIn(result: string, reason: string | undefined): DuoAnswer {
  if (result === 'success') return { result: 'approved', reason: 'approved', sent: true };
  if (result === 'fraud') return { result: 'fraud', reason: 'fraud', sent: true };
  if (result === 'error') return { result: 'error', reason: 'error', sent: true };
  switch (reason) {
    case undefined:
    case 'user_mistake':
      return { result: 'denied', reason: 'denied', sent: true };
    case 'no_response':
      return { result: 'timeout', reason: 'timeout', sent: true };
    case WRONG_CODE_REASON:
      return { result: 'wrong_number', reason: 'wrong_number', sent: true };
    case MUTED_REASON:
      return { result: 'denied', reason: 'muted', sent: false };
    case 'user_cancelled':
      return { result: 'denied', reason, sent: true };
    default:
      // A policy or posture denial (denied_by_policy, location_restricted, out_of_date…): Duo never prompted.
      return { result: 'denied', reason, sent: false };
  }
}

/** A value Duo's fields hold as present: a non-empty string other than `"null"` (as `stringAt` reads them). */
export function present(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' && value !== 'null' ? value : undefined;
}

/** Duo's operating-system name (`Mac OS X`, as the Elastic and Rapid7 samples write it). */
export function osOut(os: string): string {
  return os === 'macOS' ? 'Mac OS X' : os;
}

/** Canonical operating-system name of Duo's. */
export function osIn(os: string): string {
  return /^(mac ?os( x)?|os ?x)$/i.test(os) ? 'macOS' : os;
}

/** The English country name Duo writes for an ISO code. */
export function countryOut(code: string): string {
  return countryName(code);
}

/** The ISO code of a Duo country name; a name no table knows is kept as written. */
export function countryIn(name: string): string {
  return countryCode(name) ?? name;
}

/**
 * Duo's `txid` for a canonical event's row: "the transaction ID" of one authentication attempt. A push's row takes
 * the canonical transaction of its attempt — the id the Mac's logon plug-in names for the same login-window push —
 * unless an earlier row of the stream already took it; every other row (and a push whose transaction is taken) takes
 * the event's own id, so no two rows share a txid. `used` holds the txids written so far; the caller adds the one it
 * writes.
 */
export function txidFor(e: { id: string; type: string; transaction?: string }, used: ReadonlySet<string>): string {
  return e.type === 'mfa.result' && e.transaction !== undefined && e.transaction !== '' && !used.has(e.transaction) ? e.transaction : e.id;
}

/** Duo's object keys: two letters and 18 of 0-9A-Z, derived from what they stand for (same input, same key). */
export const duoKey = {
  user: (login: string) => stableToken('DU', `user:${login}`, 18, true),
  application: (app: string) => stableToken('DI', `app:${app}`, 18, true),
  endpoint: (deviceId: string) => stableToken('EP', `endpoint:${deviceId}`, 18, true),
  phone: (deviceId: string) => stableToken('DP', `phone:${deviceId}`, 18, true),
};

/** Three digits of sub-millisecond time for `isotimestamp` (Duo writes microseconds); derived from the row's id. */
export function microDigits(id: string): string {
  return (createHash('sha256').update(`us:${id}`).digest().readUInt16BE(0) % 1000).toString().padStart(3, '0');
}

/**
 * The browser a web sign-in names: canonical devices do not say, and Duo always does for its browser prompt. A
 * stable pick per device (or per origin when there is no device) among the usual ones for its OS; decoders ignore it.
 */
export function browserOut(device: Device | undefined, seed: string): string {
  const options =
    device?.os === 'macOS'
      ? ['Chrome', 'Safari']
      : device?.os === 'Windows'
        ? ['Chrome', 'Edge']
        : device?.os === 'Linux'
          ? ['Chrome', 'Firefox']
          : ['Chrome'];
  return options[
    createHash('sha256')
      .update(`browser:${device?.id ?? seed}`)
      .digest()[0] % options.length
  ];
}

/**
 * State or region Duo's GeoIP writes beside the cities the simulator uses; canonical origins have no state, and
 * decoders ignore it. Unknown cities get `null`, as Duo writes when GeoIP has no region.
 */
const STATES: Record<string, string> = {
  'US|New York': 'New York',
  'US|Chicago': 'Illinois',
  'US|Denver': 'Colorado',
  'US|San Francisco': 'California',
  'BR|São Paulo': 'São Paulo',
  'GB|London': 'England',
  'FR|Paris': 'Île-de-France',
  'DE|Berlin': 'Land Berlin',
  'ES|Madrid': 'Madrid',
  'ES|Barcelona': 'Catalonia',
  'PL|Warsaw': 'Mazovia',
  'NL|Amsterdam': 'North Holland',
  'IN|Bengaluru': 'Karnataka',
  'JP|Tokyo': 'Tokyo',
  'AU|Sydney': 'New South Wales',
  'RU|Moscow': 'Moscow',
  'RO|Bucharest': 'Bucharest',
  'NG|Lagos': 'Lagos',
  'VN|Ho Chi Minh City': 'Ho Chi Minh',
  'CA|Toronto': 'Ontario',
};

/** The state Duo would write for a city, or null. */
export function stateOf(city: string | undefined, country: string | undefined): string | null {
  return STATES[`${country}|${city}`] ?? null;
}

/**
 * Duo Device Health answers (`is_encryption_enabled`, `is_firewall_enabled`, `is_password_set`) carrying the
 * canonical `compliant`: a compliant Mac has all three; a non-compliant one lacks disk encryption, the usual
 * compliance failure [inferred]; unknown compliance is Duo's `"unknown"` (no Device Health report).
 */
export function healthOut(compliant: boolean | undefined): [boolean | string, boolean | string, boolean | string] {
  if (compliant === undefined) return ['unknown', 'unknown', 'unknown'];
  return compliant ? [true, true, true] : [false, true, true];
}

/** `trusted_endpoint_status` carrying the canonical `managed` (Duo's Trusted Endpoints = a managed device). */
export function trustOut(managed: boolean | undefined): string {
  return managed === undefined ? 'unknown' : managed ? 'trusted' : 'not trusted';
}
