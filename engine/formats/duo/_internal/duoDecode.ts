import type { CanonicalEvent, Device, NetworkOrigin } from '../../../model/generated/event.ts';
import type { DecodeStep, RecordRejectReason } from '../../LogFormat.ts';
import {
  NO_FACTOR,
  RATE_LIMIT_REASON,
  RESULTS,
  UNMODELED_FACTORS,
  challengeFactor,
  countryIn,
  osIn,
  resultIn,
  unmodeledSessionReason,
} from './duoVocabulary.ts';
import { TIME_RANGE, booleanAt, isoTimeAt, objectAt, shown, stringAt, valueAt } from '../../_internal/recordFields.ts';

const reject = (reason: RecordRejectReason, detail: string): DecodeStep => ({ kind: 'rejected', reason, detail });
const skip = (why: string): DecodeStep => ({ kind: 'skipped', why });

/** Suffixes of the ids of events a row implies besides its own (the row's `txid` is the result's id). */
export const DERIVED_ID = { challenge: '#push', session: '#session' } as const;

/** The canonical origin: `access_device.ip` and its GeoIP city and country (Duo has no ASN, coordinates or proxy flag). */
function originOf(r: unknown): NetworkOrigin | undefined {
  const ip = stringAt(r, 'access_device', 'ip');
  if (ip === undefined) return undefined;
  const o: NetworkOrigin = { ip };
  const city = stringAt(r, 'access_device', 'location', 'city');
  if (city !== undefined) o.city = city;
  const country = stringAt(r, 'access_device', 'location', 'country');
  if (country !== undefined) o.country = countryIn(country);
  return o;
}

/**
 * The canonical device: the access device when Duo knows its endpoint key (a Mac when it has a host name, else a
 * browser), or, without a key, the computer an OS logon integration names by host name alone (Elastic's "OS
 * Application" rows: no browser, no key); otherwise the phone of `auth_device` when it has a key.
 */
function deviceOf(r: unknown): Device | undefined {
  const epkey = stringAt(r, 'access_device', 'epkey');
  const hostname = stringAt(r, 'access_device', 'hostname');
  const osLogon = objectAt(r, 'access_device') !== undefined && valueAt(r, ['access_device', 'browser']) === null;
  if (epkey === undefined && !(osLogon && hostname !== undefined)) {
    const phone = stringAt(r, 'auth_device', 'key');
    return phone !== undefined ? { id: phone, kind: 'phone' } : undefined;
  }
  const d: Device = { id: epkey ?? hostname!, kind: hostname !== undefined ? 'mac' : 'browser' };
  if (hostname !== undefined) d.hostname = hostname;
  const os = stringAt(r, 'access_device', 'os');
  if (os !== undefined) d.os = osIn(os);
  const osVersion = stringAt(r, 'access_device', 'os_version');
  if (osVersion !== undefined) d.osVersion = osVersion;
  const trust = stringAt(r, 'trusted_endpoint_status');
  if (trust === 'trusted' || trust === 'not trusted') d.managed = trust === 'trusted';
  const health = ['is_encryption_enabled', 'is_firewall_enabled', 'is_password_set'].map((k) => booleanAt(r, 'access_device', k));
  if (health.includes(false)) d.compliant = false;
  else if (health.every((h) => h === true)) d.compliant = true;
  return d;
}

/** Epoch ms of the row: `isotimestamp` to the millisecond, else `timestamp` (seconds) × 1000. */
function timeOf(r: object): number | DecodeStep {
  const iso = valueAt(r, ['isotimestamp']);
  if (iso !== undefined && iso !== null) {
    const t = isoTimeAt(r, 'isotimestamp');
    return t ?? reject('wrong_type', `/isotimestamp: not an ISO time between 2000 and 2100 (${shown(iso)})`);
  }
  const seconds = valueAt(r, ['timestamp']);
  if (seconds === undefined || seconds === null) return reject('missing_field', 'missing "isotimestamp" and "timestamp"');
  const t = typeof seconds === 'number' ? Math.floor(seconds * 1000) : NaN;
  if (!Number.isSafeInteger(t) || t < TIME_RANGE.min || t >= TIME_RANGE.end)
    return reject('wrong_type', `/timestamp: expected epoch seconds between 2000 and 2100, got ${shown(seconds)}`);
  return t;
}

/** An optional string field: undefined when absent or null, a rejection when it holds anything but a string. */
function optionalString(r: object, key: string): string | undefined | DecodeStep {
  const v = valueAt(r, [key]);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return reject('wrong_type', `/${key}: expected a string, got ${shown(v)}`);
  return v;
}

const isStep = (v: unknown): v is DecodeStep => typeof v === 'object' && v !== null && 'kind' in v;

/**
 * One Duo authentication-log row as canonical events. An answered MFA row is the push and its answer: an
 * `mfa.challenge` (`<txid>#push`), the `mfa.result` (`<txid>`) and, for an approval, the `session.start` it opened
 * (`<txid>#session`), all at the row's one time. A success without a factor is a session start; an
 * `anomalous_push` denial is a rate limit; an enrolment row is a factor enrolment. A success with a factor pushstorm
 * does not model (phone call, hardware token, bypass code…) is the session it opened; any other row of such a factor
 * is skipped. Distinct rows never merge: every event a row gives carries its own `txid`. Never throws.
 */
export function decodeDuoRecord(r: unknown): DecodeStep {
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    return reject('not_an_object', `expected a Duo authentication log object, got ${shown(r)}`);
  const txid = valueAt(r, ['txid']);
  if (txid === undefined || txid === null) return reject('missing_field', 'missing "txid"');
  if (typeof txid !== 'string' || txid === '') return reject('wrong_type', `/txid: expected a non-empty string, got ${shown(txid)}`);
  const time = timeOf(r);
  if (isStep(time)) return time;

  const eventType = optionalString(r, 'event_type') ?? 'authentication';
  if (isStep(eventType)) return eventType;
  if (eventType !== 'authentication' && eventType !== 'enrollment')
    return reject('unknown_kind', `/event_type: ${shown(eventType)} is not authentication or enrollment`);
  const resultText = optionalString(r, 'result');
  if (isStep(resultText)) return resultText;
  if (resultText === undefined) return reject('missing_field', 'missing "result"');
  const result = resultText.toLowerCase();
  if (!RESULTS.has(result)) return reject('unknown_kind', `/result: ${shown(resultText)} is not a Duo result`);
  const reasonText = optionalString(r, 'reason');
  if (isStep(reasonText)) return reasonText;
  const reason = reasonText !== '' ? reasonText : undefined;
  const factorText = optionalString(r, 'factor');
  if (isStep(factorText)) return factorText;
  const factor = factorText || 'not_available';

  const user = stringAt(r, 'email') ?? stringAt(r, 'user', 'name');
  if (user === undefined) return reject('missing_field', '/user/name: the row names no user (and no email)');
  const base: CanonicalEvent = { id: txid, time, source: 'idp', type: 'mfa.result', user };
  const origin = originOf(r);
  if (origin) base.origin = origin;
  const device = deviceOf(r);
  if (device) base.device = device;
  const app = stringAt(r, 'application', 'name');
  if (app !== undefined) base.app = app;
  base.transaction = txid;
  // Each event gets its own copy of the shared fields: consumers may change one event's origin without the others'.
  const events = (...list: CanonicalEvent[]): DecodeStep => ({ kind: 'events', events: list.map((e) => structuredClone(e)) });

  if (eventType === 'enrollment') return events({ ...base, type: 'factor.enroll', outcome: result === 'success' ? 'success' : 'failure' });
  if (reason === RATE_LIMIT_REASON) return events({ ...base, type: 'rate.limit', outcome: 'failure', reason: 'rate_limited' });

  const browserIsNull = objectAt(r, 'access_device') !== undefined && valueAt(r, ['access_device', 'browser']) === null;
  const canonicalFactor = challengeFactor(factor, browserIsNull);
  if (canonicalFactor === undefined) {
    if (UNMODELED_FACTORS.has(factor)) {
      // A success still lets the login through: it is the session it opens, with no push (Duo's own factor is no
      // canonical challenge). A failure of such a factor is no push and no login.
      if (result !== 'success') return skip(`factor ${factor} is not one pushstorm models`);
      return events({ ...base, type: 'session.start', session: txid, outcome: 'success', reason: unmodeledSessionReason(factor) });
    }
    if (!NO_FACTOR.has(factor)) return reject('unknown_kind', `/factor: ${shown(factor)} is not a Duo factor`);
    if (result !== 'success')
      return skip(`a ${result} attempt that reached no factor (reason ${shown(reason ?? null)}) is no canonical event`);
    const session: CanonicalEvent = { ...base, type: 'session.start', session: txid, outcome: 'success' };
    if (reason !== undefined) session.reason = reason;
    return events(session);
  }

  const answer = resultIn(result, reason);
  const challenge: CanonicalEvent = {
    ...base,
    id: `${txid}${DERIVED_ID.challenge}`,
    type: 'mfa.challenge',
    challenge: { id: txid, factor: canonicalFactor },
    outcome: answer.sent ? 'success' : 'failure',
  };
  if (!answer.sent) challenge.reason = answer.reason;
  const resultEvent: CanonicalEvent = {
    ...base,
    challenge: { id: txid, factor: canonicalFactor, result: answer.result },
    outcome: answer.result === 'approved' ? 'success' : 'failure',
    reason: answer.reason,
  };
  if (answer.result !== 'approved') return events(challenge, resultEvent);
  const session: CanonicalEvent = {
    ...base,
    id: `${txid}${DERIVED_ID.session}`,
    type: 'session.start',
    session: txid,
    outcome: 'success',
    reason: 'mfa',
  };
  return events(challenge, resultEvent, session);
}
