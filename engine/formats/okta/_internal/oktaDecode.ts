import type { CanonicalEvent, Challenge, Device, NetworkOrigin } from '../../../model/generated/event.ts';
import type { DecodeStep, RecordDecoder } from '../../LogFormat.ts';
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
function resultOf(
  r: unknown,
  result: string,
  reason: string | undefined,
): { result: NonNullable<Challenge['result']>; reason: string } | undefined {
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

/** A push as the decoder remembers it: the canonical challenge it became. */
interface SeenPush {
  challengeId: string;
  transaction: string | undefined;
  factor: Challenge['factor'];
}

/** How many pushes (and approvals) a decoder remembers before it forgets the oldest. */
const MEMORY = 100_000;

/** How long after an approval a `user.session.start` of the same browser session with no attempt id is its login. */
const LOGIN_AFTER_APPROVAL_MS = 120_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MEMORY) map.delete(map.keys().next().value as string);
}

/**
 * Decodes one Okta System Log file, record by record. Handles the Identity Engine (`auth_via_mfa` for every factor,
 * the password included; UNANSWERED for a push left alone) and Classic (`user.mfa.okta_verify.deny_push`; a bad
 * password as a failed `user.session.start`) ways of logging a push flow. Never throws.
 *
 * What identifies what (docs/formats.md, "Okta System Log"): the sign-in attempt is `debugData.authnRequestId`, the
 * request that began it (a record without one began its attempt itself: its `transaction.id`); a push is its
 * push-sent record, whose `transaction.id` (= `debugData.requestId`) becomes the canonical challenge id; an answer
 * is another request, paired with the latest push of its attempt (or, without an attempt id, of its browser session
 * `externalSessionId`, which holds many attempts and is never the canonical transaction); a fraud report names the
 * push it reports in `debugData.suspiciousActivityEventId`; a session is a `user.session.start` SUCCESS.
 */
export class OktaDecoder implements RecordDecoder {
  /** The latest push of each attempt (or browser session), by user and scope. */
  readonly #latestPush = new Map<string, SeenPush>();
  /** Push-sent records by uuid, for the fraud reports that name them. */
  readonly #pushByUuid = new Map<string, SeenPush>();
  /** The latest approval of each browser session, for a session start that names no attempt. */
  readonly #approvals = new Map<string, { transaction: string | undefined; time: number }>();

  /** One record as canonical events, skipped with a reason, or rejected naming the field. */
  decode(r: unknown): Step {
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
    const user = userOf(r);
    const resultText = stringAt(r, 'outcome', 'result');
    const reasonText = stringAt(r, 'outcome', 'reason');
    const debug = objectAt(r, 'debugContext', 'debugData');
    const requestId = nonEmpty(stringAt(r, 'transaction', 'id')) ?? nonEmpty(stringAt(debug, 'requestId'));
    const authnRequestId = nonEmpty(stringAt(debug, 'authnRequestId'));
    // The attempt: the request that began it, named on its later records; a record naming none began it itself.
    const attempt = authnRequestId ?? requestId;
    const browserSession = nonEmpty(stringAt(r, 'authenticationContext', 'externalSessionId'));
    const scope =
      user === undefined
        ? undefined
        : authnRequestId !== undefined
          ? `${user}\u0000a\u0000${authnRequestId}`
          : browserSession !== undefined
            ? `${user}\u0000s\u0000${browserSession}`
            : undefined;
    const sessionKey = user !== undefined && browserSession !== undefined ? `${user}\u0000${browserSession}` : undefined;

    const base = (type: CanonicalEvent['type'], transaction: string | undefined = attempt): CanonicalEvent | Step => {
      if (user === undefined) return reject('missing_field', `/actor/alternateId: a ${eventType} record names no user`);
      const e: CanonicalEvent = { id: uuid, time, source: 'idp', type, user };
      const o = origin(r);
      if (o) e.origin = o;
      const d = device(r);
      if (d) e.device = d;
      const app = appOf(r);
      if (app !== undefined) e.app = app;
      if (transaction !== undefined) e.transaction = transaction;
      return e;
    };
    const finish = (built: CanonicalEvent | Step, fill: (e: CanonicalEvent) => void): Step => {
      if ('kind' in built) return built;
      fill(built);
      return { kind: 'events', events: [built] };
    };
    /** The push an answer answers: the latest push of its attempt, else a challenge of its own request. */
    const answered = (factor: Challenge['factor']): SeenPush => {
      const seen = scope !== undefined ? this.#latestPush.get(scope) : undefined;
      if (seen) return { ...seen, factor: seen.factor === factor || factor === 'push_number' ? factor : seen.factor };
      return { challengeId: requestId ?? uuid, transaction: attempt, factor };
    };
    const result = (push: SeenPush, answer: { result: NonNullable<Challenge['result']>; reason: string }) =>
      finish(base('mfa.result', push.transaction), (e) => {
        e.challenge = { id: push.challengeId, factor: push.factor, result: answer.result };
        e.outcome = answer.result === 'approved' ? 'success' : 'failure';
        e.reason = answer.reason;
        if (answer.result === 'approved' && sessionKey !== undefined)
          remember(this.#approvals, sessionKey, { transaction: push.transaction, time });
      });

    switch (eventType) {
      case OKTA.pushSent:
      case OKTA.smsSent: {
        const found = eventType === OKTA.smsSent ? 'sms' : (factorOf(r) ?? 'push');
        const push: SeenPush = { challengeId: requestId ?? uuid, transaction: attempt, factor: found === 'push_number' ? 'push' : found };
        const step = finish(base('mfa.challenge'), (e) => {
          e.challenge = { id: push.challengeId, factor: push.factor };
          e.outcome = resultText === 'FAILURE' ? 'failure' : 'success';
          if (reasonText !== undefined) e.reason = REASON_IN[reasonText] ?? reasonText;
        });
        if (step.kind === 'events') {
          if (scope !== undefined) remember(this.#latestPush, scope, push);
          remember(this.#pushByUuid, uuid, push);
        }
        return step;
      }
      case OKTA.authViaMfa:
      case 'user.authentication.auth_via_mfa_verify': {
        const debugFactor = stringAt(debug, 'factor');
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
        // A TOTP, SMS or WebAuthn answer pairs only with a "sent" record of its own kind.
        const seen = scope !== undefined ? this.#latestPush.get(scope) : undefined;
        const pushLike = (f: Challenge['factor']) => f === 'push' || f === 'push_number' || f === 'desktop_mfa';
        const paired = seen !== undefined && (pushLike(factor) ? pushLike(seen.factor) : seen.factor === factor);
        const push = paired ? answered(factor) : { challengeId: requestId ?? uuid, transaction: attempt, factor };
        return result(push, answer);
      }
      case OKTA.classicDenyPush: {
        const factor = factorOf(r);
        return result(answered(factor === undefined || factor === 'push_number' ? 'push' : factor), { result: 'denied', reason: 'denied' });
      }
      case OKTA.reportSuspicious: {
        const reported = nonEmpty(stringAt(debug, 'suspiciousActivityEventId'));
        const push = reported !== undefined ? this.#pushByUuid.get(reported) : undefined;
        if (!push && reported !== undefined && stringAt(debug, 'suspiciousActivityEventType') !== OKTA.pushSent)
          return skip(`${eventType} reports a ${shown(stringAt(debug, 'suspiciousActivityEventType'))} record, not a push`);
        const challengeId = push?.challengeId ?? nonEmpty(stringAt(debug, 'suspiciousActivityEventTransactionId')) ?? requestId ?? uuid;
        return result(push ?? { challengeId, transaction: attempt, factor: factorOf(r) ?? 'push' }, { result: 'fraud', reason: 'fraud' });
      }
      case OKTA.sessionStart: {
        // Classic logs a bad password as a failed session start; a success is the interactive login.
        if (resultText !== undefined && resultText !== 'SUCCESS')
          return finish(base('auth.attempt'), (e) => primary(e, resultText, reasonText));
        const approval = sessionKey !== undefined ? this.#approvals.get(sessionKey) : undefined;
        const transaction =
          authnRequestId ??
          (approval !== undefined && time >= approval.time && time - approval.time <= LOGIN_AFTER_APPROVAL_MS
            ? approval.transaction
            : attempt);
        return finish(base('session.start', transaction), (e) => {
          const root = stringAt(r, 'authenticationContext', 'rootSessionId');
          if (root !== undefined && root !== 'unknown') e.session = root;
          e.outcome = 'success';
        });
      }
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
      case OKTA.attemptBypass:
        return skip(`${eventType} is an attempt to skip MFA (or a support reset), not a push or its answer`);
      default:
        return skip(`eventType ${eventType.slice(0, 80)} is not part of a push flow`);
    }
  }
}

/**
 * The account a record concerns: the actor, unless Okta itself acted (actor `system@okta.com`, type
 * `SystemPrincipal`), as some exports show for factor sends; then the `User` among the targets.
 */
function userOf(r: unknown): string | undefined {
  const actor = stringAt(r, 'actor', 'alternateId');
  if (actor !== 'system@okta.com' && stringAt(r, 'actor', 'type') !== 'SystemPrincipal') return actor;
  for (const t of arrayAt(r, 'target')) if (stringAt(t, 'type') === 'User') return stringAt(t, 'alternateId') ?? actor;
  return actor;
}

/** A string field's value, or undefined when absent, empty or Okta's "unknown". */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'unknown' ? undefined : value;
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
