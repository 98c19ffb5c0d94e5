import type { CanonicalEvent, Challenge, Device, NetworkOrigin } from '../../../model/generated/event.ts';
import type { DecodeStep } from '../../LogFormat.ts';
import { countryCode } from '../../_internal/countryNames.ts';
import {
  DESKTOP_MFA_INTERFACE,
  FACTOR_IN,
  MUTED_REASON,
  NUMBER_RESPONSE,
  OKTA,
  PASSWORD_FACTOR,
  PLATFORM_IN,
  PUSH_RESPONSE,
  REASON_OUT,
} from './oktaVocabulary.ts';
import { arrayAt, booleanAt, integerAt, isoTimeAt, numberAt, objectAt, shown, stringAt, valueAt } from '../../_internal/recordFields.ts';

type Step = DecodeStep;
const reject = (reason: Extract<Step, { kind: 'rejected' }>['reason'], detail: string): Step => ({ kind: 'rejected', reason, detail });
const skip = (why: string): Step => ({ kind: 'skipped', why });

/** Canonical reason of an Okta `outcome.reason` (inverse of REASON_OUT for the words that map one way back). */
const REASON_IN: Record<string, string> = {
  INVALID_CREDENTIALS: 'bad_password',
  LOCKED_OUT: 'locked_out',
  VERIFICATION_ERROR: 'error',
  [MUTED_REASON]: 'muted',
};

function origin(r: unknown): NetworkOrigin | undefined {
  const ip = stringAt(r, 'client', 'ipAddress') ?? stringAt(arrayAt(r, 'request', 'ipChain')[0], 'ip');
  if (ip === undefined) return undefined;
  const o: NetworkOrigin = { ip };
  const asn = integerAt(r, 'securityContext', 'asNumber');
  if (asn !== undefined) o.asn = asn;
  const asOrg = stringAt(r, 'securityContext', 'asOrg') ?? stringAt(r, 'securityContext', 'isp');
  if (asOrg !== undefined) o.asOrg = asOrg;
  const countryText = stringAt(r, 'client', 'geographicalContext', 'country');
  const country = countryText !== undefined ? countryCode(countryText) : undefined;
  if (country !== undefined) o.country = country;
  const city = stringAt(r, 'client', 'geographicalContext', 'city');
  if (city !== undefined) o.city = city;
  const lat = numberAt(r, 'client', 'geographicalContext', 'geolocation', 'lat');
  const lon = numberAt(r, 'client', 'geographicalContext', 'geolocation', 'lon');
  if (lat !== undefined && lon !== undefined) {
    o.lat = lat;
    o.lon = lon;
  }
  const proxy = booleanAt(r, 'securityContext', 'isProxy');
  if (proxy !== undefined) o.proxy = proxy;
  return o;
}

function device(r: unknown): Device | undefined {
  const d = objectAt(r, 'device');
  const id = stringAt(d, 'id');
  if (d && id !== undefined) {
    const platform = stringAt(d, 'os_platform');
    const os = platform !== undefined ? (PLATFORM_IN[platform.toUpperCase()] ?? platform) : undefined;
    const out: Device = { id, kind: os === 'iOS' || os === 'Android' ? 'phone' : 'mac' };
    if (os !== undefined) out.os = os;
    const version = stringAt(d, 'os_version');
    if (version !== undefined) out.osVersion = version;
    const model = stringAt(d, 'name');
    if (model !== undefined) out.model = model;
    const managed = booleanAt(d, 'managed');
    if (managed !== undefined) out.managed = managed;
    return out;
  }
  // No registered device: a browser, known by its device-token hash.
  const dt = stringAt(r, 'debugContext', 'debugData', 'dtHash');
  if (dt === undefined) return undefined;
  const out: Device = { id: dt, kind: 'browser' };
  const os = stringAt(r, 'client', 'userAgent', 'os');
  if (os !== undefined && os !== 'Unknown') out.os = os;
  return out;
}

/** The canonical factor of an MFA record: from `debugData.factor`, number challenge and Desktop MFA markers. */
function factorOf(r: unknown): Challenge['factor'] | undefined {
  const debug = objectAt(r, 'debugContext', 'debugData');
  if (stringAt(r, 'authenticationContext', 'interface') === DESKTOP_MFA_INTERFACE) return 'desktop_mfa';
  const numbered = stringAt(debug, 'pushWithNumberChallengeResponseType');
  if (numbered !== undefined && numbered !== NUMBER_RESPONSE.notApplicable) return 'push_number';
  const factor = stringAt(debug, 'factor');
  if (factor !== undefined) return FACTOR_IN[factor.toUpperCase()];
  // Classic records may name only the response type.
  return stringAt(debug, 'pushOnlyResponseType') !== undefined ? 'push' : undefined;
}

/** The canonical result of an `auth_via_mfa` outcome, or undefined for results that are not an answer. */
function resultOf(r: unknown, result: string, reason: string | undefined): { result: Challenge['result']; reason: string } | undefined {
  const debug = objectAt(r, 'debugContext', 'debugData');
  const numbered = stringAt(debug, 'pushWithNumberChallengeResponseType');
  const pushOnly = stringAt(debug, 'pushOnlyResponseType');
  switch (result) {
    case 'SUCCESS':
    case 'ALLOW':
      return { result: 'approved', reason: 'approved' };
    case 'UNANSWERED':
    case 'ABANDONED':
      return { result: 'timeout', reason: 'timeout' };
    case 'FAILURE':
    case 'DENY':
      if (reason === MUTED_REASON) return { result: 'denied', reason: 'muted' };
      if (numbered === NUMBER_RESPONSE.invalid) return { result: 'wrong_number', reason: 'wrong_number' };
      if (numbered === NUMBER_RESPONSE.error || pushOnly === PUSH_RESPONSE.error || reason === REASON_OUT.error)
        return { result: 'error', reason: 'error' };
      return { result: 'denied', reason: 'denied' };
    default:
      return undefined;
  }
}

/**
 * One Okta System Log `LogEvent` as canonical events. Handles the Identity Engine (`auth_via_mfa` for every factor,
 * the password included; UNANSWERED for a push left alone) and Classic (`user.mfa.okta_verify.deny_push`; a bad
 * password as a failed `user.session.start`) ways of logging a push flow. Never throws.
 */
export function decodeOktaRecord(r: unknown): Step {
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    return reject('not_an_object', `expected a LogEvent object, got ${shown(r)}`);
  const eventType = valueAt(r, ['eventType']);
  if (eventType === undefined) return reject('missing_field', 'missing "eventType"');
  if (typeof eventType !== 'string') return reject('wrong_type', `/eventType: expected a string, got ${shown(eventType)}`);
  const published = valueAt(r, ['published']);
  if (published === undefined) return reject('missing_field', 'missing "published"');
  const time = isoTimeAt(r, 'published');
  if (time === undefined) return reject('wrong_type', `/published: not an ISO time between 2000 and 2100 (${shown(published)})`);
  const uuid = valueAt(r, ['uuid']);
  if (typeof uuid !== 'string' || uuid === '')
    return reject(uuid === undefined ? 'missing_field' : 'wrong_type', `/uuid: expected a non-empty string, got ${shown(uuid)}`);
  const user = stringAt(r, 'actor', 'alternateId');
  const resultText = stringAt(r, 'outcome', 'result');
  const reasonText = stringAt(r, 'outcome', 'reason');

  const base = (type: CanonicalEvent['type']): CanonicalEvent | Step => {
    if (user === undefined) return reject('missing_field', `/actor/alternateId: a ${eventType} record names no user`);
    const e: CanonicalEvent = { id: uuid, time, source: 'idp', type, user };
    const o = origin(r);
    if (o) e.origin = o;
    const d = device(r);
    if (d) e.device = d;
    const app = appOf(r);
    if (app !== undefined) e.app = app;
    const tx = stringAt(r, 'authenticationContext', 'externalSessionId');
    if (tx !== undefined && tx !== 'unknown') e.transaction = tx;
    return e;
  };
  const finish = (built: CanonicalEvent | Step, fill: (e: CanonicalEvent) => void): Step => {
    if ('kind' in built) return built;
    fill(built);
    return { kind: 'events', events: [built] };
  };
  const challengeId = () => stringAt(r, 'transaction', 'id') ?? uuid;

  switch (eventType) {
    case OKTA.pushSent:
    case OKTA.smsSent: {
      const factor = eventType === OKTA.smsSent ? 'sms' : (factorOf(r) ?? 'push');
      return finish(base('mfa.challenge'), (e) => {
        e.challenge = { id: challengeId(), factor: factor === 'push_number' ? 'push' : factor };
        e.outcome = resultText === 'FAILURE' ? 'failure' : 'success';
        if (reasonText !== undefined) e.reason = REASON_IN[reasonText] ?? reasonText;
      });
    }
    case OKTA.authViaMfa:
    case 'user.authentication.auth_via_mfa_verify': {
      const debugFactor = stringAt(r, 'debugContext', 'debugData', 'factor');
      if (debugFactor === PASSWORD_FACTOR) return finish(base('auth.attempt'), (e) => primary(e, resultText, reasonText));
      if (resultText === 'RATE_LIMIT')
        return finish(base('rate.limit'), (e) => {
          e.outcome = 'failure';
          e.reason = 'rate_limited';
        });
      const factor = factorOf(r);
      if (factor === undefined) return skip(`${eventType} for a factor pushstorm does not model (${shown(debugFactor)})`);
      if (resultText === undefined) return reject('missing_field', `/outcome/result: missing on ${eventType}`);
      const answer = resultOf(r, resultText, reasonText);
      if (!answer) return skip(`${eventType} with outcome ${resultText} is not an answer to a challenge`);
      return finish(base('mfa.result'), (e) => {
        e.challenge = { id: challengeId(), factor, result: answer.result };
        e.outcome = answer.result === 'approved' ? 'success' : 'failure';
        e.reason = answer.reason;
      });
    }
    case OKTA.classicDenyPush:
      return finish(base('mfa.result'), (e) => {
        const factor = factorOf(r);
        e.challenge = { id: challengeId(), factor: factor === undefined || factor === 'push_number' ? 'push' : factor, result: 'denied' };
        e.outcome = 'failure';
        e.reason = 'denied';
      });
    case OKTA.reportSuspicious:
      return finish(base('mfa.result'), (e) => {
        e.challenge = { id: challengeId(), factor: factorOf(r) ?? 'push', result: 'fraud' };
        e.outcome = 'failure';
        e.reason = 'fraud';
      });
    case OKTA.sessionStart:
      // Classic logs a bad password as a failed session start; a success is the interactive login.
      if (resultText !== undefined && resultText !== 'SUCCESS')
        return finish(base('auth.attempt'), (e) => primary(e, resultText, reasonText));
      return finish(base('session.start'), (e) => {
        const root = stringAt(r, 'authenticationContext', 'rootSessionId');
        if (root !== undefined && root !== 'unknown') e.session = root;
        e.outcome = 'success';
      });
    case OKTA.accountLock:
      return finish(base('account.lock'), (e) => {
        e.outcome = resultText === 'FAILURE' ? 'failure' : 'success';
        if (reasonText !== undefined) e.reason = reasonText === 'LOCKED_OUT' ? 'too_many_failures' : reasonText;
      });
    case OKTA.factorActivate:
    case OKTA.factorResetAll:
      return finish(base(eventType === OKTA.factorActivate ? 'factor.enroll' : 'factor.reset'), (e) => {
        e.outcome = resultText === 'FAILURE' ? 'failure' : 'success';
        if (reasonText !== undefined) e.reason = reasonText;
      });
    default:
      return skip(`eventType ${eventType.slice(0, 80)} is not part of a push flow`);
  }
}

function primary(e: CanonicalEvent, result: string | undefined, reason: string | undefined): void {
  e.outcome = result === 'SUCCESS' ? 'success' : 'failure';
  if (e.outcome === 'failure')
    e.reason = reason === 'LOCKED_OUT' ? 'locked_out' : reason === undefined || reason === 'INVALID_CREDENTIALS' ? 'bad_password' : reason;
}

function appOf(r: unknown): string | undefined {
  for (const t of arrayAt(r, 'target'))
    if (stringAt(t, 'type') === 'AppInstance') return stringAt(t, 'displayName') ?? stringAt(t, 'alternateId');
  return stringAt(r, 'debugContext', 'debugData', 'appname');
}
