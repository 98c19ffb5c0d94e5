/**
 * GENERATED from engine/model/schema/event.schema.json by engine/model/schema/generateTypes.ts — do not edit.
 * Run `npm run gen:types` after changing the schema; a test fails while this file is stale.
 */

/**
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "EventSource".
 */
export type EventSource = 'idp' | 'mac';
/**
 * IdP: auth.attempt (primary factor), mfa.challenge (push or challenge issued), mfa.result, session.start (the successful interactive login of AN0454), account.lock, factor.enroll, factor.reset, rate.limit. Mac: mac.login (login attempt), mac.mfa.request (MFA token request by authd / the plug-in, the AN0454 macOS telemetry), mac.mfa.result, mac.session.start, mac.session.lock, mac.session.unlock, mac.session.end, mac.sleep, mac.wake.
 *
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "EventType".
 */
export type EventType =
  | 'auth.attempt'
  | 'mfa.challenge'
  | 'mfa.result'
  | 'session.start'
  | 'account.lock'
  | 'factor.enroll'
  | 'factor.reset'
  | 'rate.limit'
  | 'mac.login'
  | 'mac.mfa.request'
  | 'mac.mfa.result'
  | 'mac.session.start'
  | 'mac.session.lock'
  | 'mac.session.unlock'
  | 'mac.session.end'
  | 'mac.sleep'
  | 'mac.wake';
/**
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "Outcome".
 */
export type Outcome = 'success' | 'failure';

/**
 * One authentication-related record from the identity provider (source "idp") or a managed Mac (source "mac"). One JSON object per NDJSON line; ground truth never travels in events.
 */
export interface CanonicalEvent {
  /**
   * Stable id: the same scenario and seed give the same id.
   */
  id: string;
  /**
   * Event time, UTC epoch milliseconds.
   */
  time: number;
  source: EventSource;
  type: EventType;
  /**
   * The IdP login (user@domain) of the account the event concerns.
   */
  user: string;
  origin?: NetworkOrigin;
  device?: Device;
  /**
   * Application the sign-in is for (IdP events) or the Mac logon right (Mac events).
   */
  app?: string;
  /**
   * IdP transaction id linking a primary attempt, its challenge, the result and the session that follows (Okta debugData.authnRequestId — never the browser session, externalSessionId —, Entra correlationId).
   */
  transaction?: string;
  /**
   * Session id of a started session (IdP or Mac login session).
   */
  session?: string;
  challenge?: Challenge;
  outcome?: Outcome;
  /**
   * Machine-readable reason for the outcome (bad_password, locked_out, rate_limited, muted, delivery_failed, remembered_device, ...).
   */
  reason?: string;
  mac?: MacContext;
}
/**
 * Where the request came from (the browser or the Mac asking for access, not the phone).
 *
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "NetworkOrigin".
 */
export interface NetworkOrigin {
  ip: string;
  asn?: number;
  asOrg?: string;
  /**
   * ISO 3166-1 alpha-2
   */
  country?: string;
  city?: string;
  lat?: number;
  lon?: number;
  /**
   * True for VPN, hosting, residential-proxy or Tor egress.
   */
  proxy?: boolean;
  proxyKind?: 'vpn' | 'hosting' | 'residential' | 'tor';
}
/**
 * The device involved: the Mac (login window, browser on the Mac) or the phone that received the push.
 *
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "Device".
 */
export interface Device {
  id: string;
  kind: 'mac' | 'phone' | 'browser';
  hostname?: string;
  os?: string;
  osVersion?: string;
  model?: string;
  managed?: boolean;
  compliant?: boolean;
  serial?: string;
}
/**
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "Challenge".
 */
export interface Challenge {
  id: string;
  factor: 'push' | 'push_number' | 'totp' | 'sms' | 'webauthn' | 'desktop_mfa';
  result?: 'approved' | 'denied' | 'timeout' | 'fraud' | 'wrong_number' | 'error';
}
/**
 * Mac-side detail: the process that logged and the login method.
 *
 * This interface was referenced by `CanonicalEvent`'s JSON-Schema
 * via the `definition` "MacContext".
 */
export interface MacContext {
  process: 'authd' | 'loginwindow' | 'sshd' | 'screensharingd' | 'mfa_plugin' | 'powerd';
  method?: 'login_window' | 'screen_unlock' | 'ssh' | 'screen_sharing' | 'sudo';
  /**
   * Local account short name.
   */
  shortName?: string;
  uid?: number;
  /**
   * Peer address for ssh and screen sharing.
   */
  remoteIp?: string;
}
