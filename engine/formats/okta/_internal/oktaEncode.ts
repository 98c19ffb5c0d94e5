import type { CanonicalEvent, Device, NetworkOrigin } from '../../../model/generated/event.ts';
import { countryName } from '../../_internal/countryNames.ts';
import {
  DESKTOP_MFA_INTERFACE,
  DISPLAY,
  FACTOR_OUT,
  NUMBER_RESPONSE,
  OKTA,
  PASSWORD_FACTOR,
  PLATFORM_OUT,
  PUSH_RESPONSE,
  REASON_OUT,
} from './oktaVocabulary.ts';
import { stableToken } from '../../_internal/stableToken.ts';
import { displayNameOf } from '../../_internal/displayNameOf.ts';
import type { OktaBehaviors } from './oktaBehaviors.ts';

type Json = Record<string, unknown>;

const userAgents: Record<string, { raw: string; os: string; browser: string }> = {
  macOS: {
    raw: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15',
    os: 'Mac OS X',
    browser: 'SAFARI',
  },
  Windows: {
    raw: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
    os: 'Windows 10',
    browser: 'CHROME',
  },
  Linux: {
    raw: 'Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0',
    os: 'Linux',
    browser: 'FIREFOX',
  },
};

function client(event: CanonicalEvent): Json | null {
  const o: NetworkOrigin | undefined = event.origin;
  if (!o) return null;
  const d = event.device;
  const osName = d?.kind === 'browser' ? d.os : d?.kind === 'mac' ? 'macOS' : undefined;
  const ua = osName !== undefined ? userAgents[osName] : undefined;
  return {
    ipAddress: o.ip,
    zone: 'null',
    device: d?.kind === 'phone' ? 'Mobile' : d ? 'Computer' : 'Unknown',
    id: null,
    userAgent: {
      rawUserAgent: ua?.raw ?? 'UNKNOWN',
      // A browser's OS is its own field: written as is so it comes back.
      os: d?.kind === 'browser' ? (d.os ?? 'Unknown') : (ua?.os ?? 'Unknown'),
      browser: ua?.browser ?? 'UNKNOWN',
    },
    geographicalContext: {
      city: o.city ?? null,
      state: null,
      country: o.country !== undefined ? countryName(o.country) : null,
      postalCode: null,
      geolocation: o.lat !== undefined && o.lon !== undefined ? { lat: o.lat, lon: o.lon } : null,
    },
  };
}

/** Okta's top-level `device`: the Okta Verify–registered device (a managed Mac or the phone); null for a browser. */
function device(d: Device | undefined): Json | null {
  if (!d || d.kind === 'browser') return null;
  return {
    id: d.id,
    name: d.model ?? null,
    os_platform: d.os !== undefined ? (PLATFORM_OUT[d.os] ?? d.os) : null,
    os_version: d.osVersion ?? null,
    managed: d.managed ?? null,
    registered: true,
    device_integrator: null,
    disk_encryption_type: d.kind === 'mac' ? 'ALL_INTERNAL_VOLUMES' : 'USER',
    screen_lock_type: 'BIOMETRIC',
    jailbreak: d.kind === 'phone' ? false : null,
    secure_hardware_present: true,
  };
}

/** The two ways Okta orgs log: the Identity Engine (OIE) and the Classic Engine. */
export type OktaEngine = 'oie' | 'classic';

/** The Classic reason text of a rejected push (as Cortex XDM's Okta mapping reads it; docs/formats.md, Okta). */
const CLASSIC_DENY_REASON = 'User rejected Okta push verify';

/** The legacy event type of a failure, where Okta has one of its own. */
const FAILED_LEGACY: Record<string, string> = {
  'core.user.factor.attempt_success': 'core.user.factor.attempt_fail',
  'core.user_auth.login_success': 'core.user_auth.login_failed',
};

type Kind = { eventType: string; result: string; reason: string | null; debug: Json };

/**
 * The Classic Engine's records where they differ from the Identity Engine's: a bad password is a failed
 * `user.session.start` and a good one has no record of its own; a rejected push is `user.mfa.okta_verify.deny_push`;
 * an unanswered push leaves no record (OIE's UNANSWERED "MFA abandonment" has no Classic counterpart). Undefined
 * defers to the Identity Engine's kind; null means no record.
 */
function classicKindOf(e: CanonicalEvent): Kind | null | undefined {
  if (e.type === 'auth.attempt') {
    if (e.outcome !== 'failure') return null;
    return {
      eventType: OKTA.sessionStart,
      result: 'FAILURE',
      reason: e.reason === 'locked_out' ? 'LOCKED_OUT' : 'INVALID_CREDENTIALS',
      debug: {},
    };
  }
  if (e.type === 'mfa.result' && e.challenge?.result === 'timeout') return null;
  if (e.type === 'mfa.result' && e.challenge?.result === 'denied' && e.reason !== 'muted')
    return {
      eventType: OKTA.classicDenyPush,
      result: 'FAILURE',
      reason: CLASSIC_DENY_REASON,
      debug: { factor: FACTOR_OUT[e.challenge.factor] },
    };
  return undefined;
}

function kindOf(e: CanonicalEvent, engine: OktaEngine = 'oie'): Kind | undefined {
  if (engine === 'classic') {
    const classic = classicKindOf(e);
    if (classic !== undefined) return classic ?? undefined;
  }
  const reason = (r: string | undefined) => (r === undefined ? null : (REASON_OUT[r] ?? r));
  const c = e.challenge;
  switch (e.type) {
    case 'auth.attempt':
      return {
        eventType: OKTA.authViaMfa,
        result: e.outcome === 'failure' ? 'FAILURE' : 'SUCCESS',
        reason: reason(e.reason),
        debug: { factor: PASSWORD_FACTOR },
      };
    case 'mfa.challenge': {
      if (!c) return undefined;
      const sent = c.factor === 'sms' ? OKTA.smsSent : c.factor === 'totp' || c.factor === 'webauthn' ? undefined : OKTA.pushSent;
      if (!sent) return undefined;
      const phone = c.factor === 'sms' ? {} : { devicePlatform: 'IOS', deviceCategory: 'SmartPhone_IPhone' };
      return {
        eventType: sent,
        result: e.outcome === 'failure' ? 'FAILURE' : 'SUCCESS',
        reason: reason(e.reason),
        debug: { factor: FACTOR_OUT[c.factor], ...phone },
      };
    }
    case 'mfa.result': {
      if (!c) return undefined;
      const debug: Json = { factor: FACTOR_OUT[c.factor] };
      const numbered = c.factor === 'push_number';
      switch (c.result) {
        case 'approved':
          if (numbered) debug.pushWithNumberChallengeResponseType = NUMBER_RESPONSE.valid;
          else if (c.factor !== 'totp' && c.factor !== 'sms' && c.factor !== 'webauthn') debug.pushOnlyResponseType = PUSH_RESPONSE.approve;
          return { eventType: OKTA.authViaMfa, result: 'SUCCESS', reason: null, debug };
        case 'wrong_number':
          debug.pushWithNumberChallengeResponseType = NUMBER_RESPONSE.invalid;
          return { eventType: OKTA.authViaMfa, result: 'FAILURE', reason: REASON_OUT.wrong_number, debug };
        case 'error':
          debug[numbered ? 'pushWithNumberChallengeResponseType' : 'pushOnlyResponseType'] = numbered
            ? NUMBER_RESPONSE.error
            : PUSH_RESPONSE.error;
          return { eventType: OKTA.authViaMfa, result: 'FAILURE', reason: REASON_OUT.error, debug };
        case 'timeout':
          // OIE "MFA abandonment" logs an unanswered push as UNANSWERED.
          return { eventType: OKTA.authViaMfa, result: 'UNANSWERED', reason: null, debug };
        case 'fraud':
          return { eventType: OKTA.reportSuspicious, result: 'SUCCESS', reason: null, debug };
        default:
          // denied, by the user or (reason muted) by the IdP while pushes are blocked
          if (e.reason !== 'muted') debug.pushOnlyResponseType = PUSH_RESPONSE.deny;
          return { eventType: OKTA.authViaMfa, result: 'FAILURE', reason: REASON_OUT[e.reason === 'muted' ? 'muted' : 'denied'], debug };
      }
    }
    case 'session.start':
      return { eventType: OKTA.sessionStart, result: 'SUCCESS', reason: null, debug: {} };
    case 'account.lock':
      return { eventType: OKTA.accountLock, result: 'SUCCESS', reason: reason(e.reason), debug: {} };
    case 'rate.limit':
      return { eventType: OKTA.authViaMfa, result: 'RATE_LIMIT', reason: null, debug: {} };
    case 'factor.enroll':
      return { eventType: OKTA.factorActivate, result: 'SUCCESS', reason: e.reason ?? null, debug: { factor: FACTOR_OUT.push } };
    case 'factor.reset':
      return { eventType: OKTA.factorResetAll, result: 'SUCCESS', reason: e.reason ?? null, debug: {} };
    default:
      return undefined;
  }
}

/**
 * What one Okta log remembers while it is written: the push-sent record of each challenge (a fraud report names it,
 * and an answer whose push was logged is a request of its own). One per encoder, so one per file.
 */
export class OktaLogState {
  /** Push-sent records written, by canonical challenge id: their uuid and request id. */
  readonly sentPushes = new Map<string, { uuid: string; requestId: string }>();

  /** Remembers the push-sent record of a challenge. */
  rememberPush(challengeId: string, sent: { uuid: string; requestId: string }): void {
    this.sentPushes.set(challengeId, sent);
  }
}

const DAY_MS = 86_400_000;

/**
 * `authenticationContext.externalSessionId`: the browser session, as Okta writes it — one id for every attempt one
 * browser (or the Okta Verify device) makes, the attacker's many included; a new one each UTC day, as the session
 * cookie expires. Identity Engine ids start `idx`, Classic ones `102`.
 */
function browserSessionOf(e: CanonicalEvent, engine: OktaEngine): string {
  const browser = e.device?.id ?? e.origin?.ip;
  if (browser === undefined) return 'unknown';
  const day = Math.floor(e.time / DAY_MS);
  return stableToken(engine === 'classic' ? '102' : 'idx', `${e.user}/${browser}/${day}`, 22);
}

/**
 * The endpoint a record's request went to: the Identity Engine's `/idp/idx/…` remediation paths, or the Classic
 * Authentication API's `/api/v1/authn/…` (a push is sent by `…/factors/{factor}/verify` and answered on the poll of
 * `…/factors/{factor}/transactions/{factor transaction}/verify`, as stix-shifter's Okta samples show).
 */
function requestUriOf(e: CanonicalEvent, eventType: string, pushSent: boolean, engine: OktaEngine): string {
  if (eventType === OKTA.reportSuspicious) return '/api/internal/users/me/report-suspicious-activity';
  if (engine === 'classic') {
    const factor = stableToken('opf', `${e.user}/push`, 17);
    if (pushSent) return `/api/v1/authn/factors/${factor}/verify`;
    if (e.type === 'mfa.result' && e.challenge)
      return `/api/v1/authn/factors/${factor}/transactions/${stableToken('ftq', e.challenge.id, 30)}/verify`;
    if (eventType === OKTA.sessionStart) return e.type === 'session.start' ? '/login/sessionCookieRedirect' : '/api/v1/authn';
    return '/api/v1/authn';
  }
  if (pushSent) return '/idp/idx/challenge';
  if (e.type === 'auth.attempt') return '/idp/idx/challenge/answer';
  if (eventType === OKTA.sessionStart) return '/idp/idx/identify';
  return '/idp/idx/authenticators/poll';
}

/**
 * One canonical IdP event as an Okta System Log `LogEvent`, keys in the order the API writes them; undefined for
 * events Okta has no record for (Mac events, TOTP or WebAuthn "challenges").
 */
export function encodeOktaEvent(
  e: CanonicalEvent,
  behaviors?: OktaBehaviors,
  engine: OktaEngine = 'oie',
  log: OktaLogState = new OktaLogState(),
): Json | undefined {
  if (e.source !== 'idp') return undefined;
  const kind = kindOf(e, engine);
  if (!kind) return undefined;
  const display = DISPLAY[kind.eventType];
  const o = e.origin;
  const pushSent = kind.eventType === OKTA.pushSent || kind.eventType === OKTA.smsSent;
  const sent = e.challenge !== undefined ? log.sentPushes.get(e.challenge.id) : undefined;
  // Each request has its own id. The request that sent a push, or that answered a challenge Okta logged no "sent"
  // record for, carries the canonical challenge id; every other request a fresh one.
  const requestId =
    e.challenge !== undefined && (pushSent || (sent === undefined && e.type === 'mfa.result'))
      ? e.challenge.id
      : stableToken('', `${e.id}/request`, 27);
  if (pushSent && e.challenge) log.rememberPush(e.challenge.id, { uuid: e.id, requestId });
  const debugData: Json = {
    // The request that began the sign-in attempt, on every record of the attempt: the canonical transaction.
    ...(e.transaction !== undefined ? { authnRequestId: e.transaction } : {}),
    requestId,
    requestUri: requestUriOf(e, kind.eventType, pushSent, engine),
    url: `${requestUriOf(e, kind.eventType, pushSent, engine)}?`,
    ...kind.debug,
  };
  if (kind.eventType === OKTA.reportSuspicious && sent !== undefined) {
    // The report names the record it reports: the push the user said they did not ask for.
    debugData.suspiciousActivityEventId = sent.uuid;
    debugData.suspiciousActivityEventTransactionId = sent.requestId;
    debugData.suspiciousActivityEventType = OKTA.pushSent;
  }
  if (e.device?.kind === 'browser') debugData.dtHash = e.device.id;
  if (e.app !== undefined) debugData.appname = e.app;
  const context = behaviors?.next(e);
  if (context) Object.assign(debugData, context);
  const target: Json[] = [];
  if (e.app !== undefined)
    target.push({ id: stableToken('0oa', e.app, 17), type: 'AppInstance', alternateId: e.app, displayName: e.app, detailEntry: null });
  if (e.challenge)
    target.push({
      id: stableToken('pfd', `${e.user}/${kind.debug.factor as string}`, 17),
      type: 'AuthenticatorEnrollment',
      alternateId: 'unknown',
      displayName: e.challenge.factor === 'sms' ? 'Phone' : 'Okta Verify',
      detailEntry: { methodTypeUsed: e.challenge.factor === 'sms' ? 'SMS' : 'Get a push notification' },
    });
  return {
    actor: { id: stableToken('00u', e.user, 17), type: 'User', alternateId: e.user, displayName: displayNameOf(e.user), detailEntry: null },
    client: client(e),
    device: device(e.device),
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: e.challenge?.factor === 'desktop_mfa' ? DESKTOP_MFA_INTERFACE : null,
      authenticationStep: 0,
      rootSessionId: e.type === 'session.start' && e.session !== undefined ? e.session : 'unknown',
      externalSessionId: browserSessionOf(e, engine),
    },
    displayMessage: display.message,
    eventType: kind.eventType,
    outcome: { result: kind.result, reason: kind.reason },
    published: new Date(e.time).toISOString(),
    securityContext: {
      asNumber: o?.asn ?? null,
      asOrg: o?.asOrg ?? null,
      isp: o?.asOrg ?? null,
      domain: null,
      isProxy: o?.proxy ?? null,
    },
    severity: kind.result === 'FAILURE' ? 'WARN' : display.severity,
    debugContext: { debugData },
    legacyEventType: kind.result === 'FAILURE' ? (FAILED_LEGACY[display.legacy ?? ''] ?? display.legacy) : display.legacy,
    // Okta's transaction is the request (its id is debugData.requestId): a push and its answer are two requests.
    transaction: { type: 'WEB', id: requestId, detail: {} },
    uuid: e.id,
    version: '0',
    request: { ipChain: o ? [{ ip: o.ip, geographicalContext: null, version: o.ip.includes(':') ? 'V6' : 'V4', source: null }] : [] },
    target: target.length > 0 ? target : null,
  };
}
