import { createHash } from 'node:crypto';
import type {
  CanonicalEvent,
  Challenge,
  Device,
  EventSource,
  EventType,
  MacContext,
  NetworkOrigin,
} from '../../../model/generated/event.ts';
import { decodeEventLine } from '../../canonical/EventLineDecoder.ts';
import type { DecodeStep, RecordRejectReason } from '../../LogFormat.ts';
import {
  OcsfReject,
  isObject,
  optArray,
  optBoolean,
  optInteger,
  optNumber,
  optObject,
  optString,
  own,
  show,
  type Json,
} from './ocsfFields.ts';
import {
  CLASS_UID,
  CODE_IN,
  DESKTOP_MFA_PROVIDER,
  DETAIL_RESULT,
  DEVICE_TYPE_IN,
  FACTOR_TYPE,
  LOGON_TYPE_IN,
  LOGON_TYPE_OUT,
  MAC_PROCESSES,
  NUMBER_CHALLENGE_LABEL,
  PROXY_ENRICHMENT,
  PROXY_KINDS,
} from './ocsfVocabulary.ts';
import { TIME_RANGE } from '../../_internal/recordFields.ts';

/**
 * OCSF Authentication (3002) records back into canonical events. Reads what `ocsfEncode` writes and the common shapes
 * of other OCSF producers: epoch-seconds `time` (OCSF's own Okta sample), Okta push response codes in
 * `status_detail`, the Okta `externalSessionId` in `actor.session.uid` (read as nothing: a browser session is not an
 * attempt), `unmapped.securityContext.isProxy`.
 * Verdicts: not an object → `not_an_object`; no `class_uid` / `metadata` / `metadata.event_code` / `time` / user →
 * `missing_field`; another class → `unknown_kind`; a class 3002 record whose event code pushstorm does not model
 * (`user.session.end`, `user.authentication.sso`…) → skipped; wrong JSON types → `wrong_type`.
 * @module
 */

const { min: MIN_TIME, end: END_TIME } = TIME_RANGE;
/** `time` values below this are epoch seconds (1e11 ms is 1973; 1e11 s is the year 5138). */
const SECONDS_BELOW = 1e11;

/** A table entry for an untrusted key (own entries only: `"constructor"` or `"__proto__"` find nothing). */
function lookup<V>(table: Record<string | number, V>, key: string | number | undefined): V | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function required<T>(value: T | undefined, pointer: string): T {
  if (value === undefined) throw new OcsfReject('missing_field', `${pointer}: absent`);
  return value;
}

/** A stand-in id for records without `metadata.uid`: a hash of the record, so the same record gets the same id. */
function derivedId(record: Json): string {
  let text: string;
  try {
    text = JSON.stringify(record);
  } catch {
    text = Object.keys(record).join(',');
  }
  return `ocsf-${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
}

function timeOf(r: Json): number {
  const raw = required(optNumber(r, 'time', ''), '/time');
  const ms = Math.round(raw < SECONDS_BELOW ? raw * 1000 : raw);
  if (!(ms >= MIN_TIME && ms < END_TIME))
    throw new OcsfReject('wrong_type', `/time: not an epoch time between 2000 and 2100 (${show(raw)})`);
  return ms;
}

function typeOf(code: string, factors: Json[]): { type: EventType; source: EventSource } | undefined {
  const spelled = lookup(CODE_IN, code);
  if (spelled?.type === 'mfa.result' && factors.some((f) => own(f, 'factor_type_id') === FACTOR_TYPE.password))
    return { type: 'auth.attempt', source: 'idp' };
  return spelled;
}

function factorsOf(r: Json): Json[] {
  const list = optArray(r, 'auth_factors', '') ?? [];
  return list.map((f, i) => {
    if (!isObject(f)) throw new OcsfReject('wrong_type', `/auth_factors/${i}: expected an object, got ${show(f)}`);
    optInteger(f, 'factor_type_id', `/auth_factors/${i}`);
    optString(f, 'provider', `/auth_factors/${i}`);
    return f;
  });
}

function labelsOf(metadata: Json): string[] {
  return (optArray(metadata, 'labels', '/metadata') ?? []).filter((l): l is string => typeof l === 'string');
}

/** The challenge a record names: its first factor other than the password, the request id and the result. */
function challengeOf(r: Json, factors: Json[], labels: string[], detail: string | undefined, id: string): Challenge | undefined {
  const index = factors.findIndex((f) => own(f, 'factor_type_id') !== FACTOR_TYPE.password);
  if (index < 0) return undefined;
  const f = factors[index];
  const typeId = own(f, 'factor_type_id');
  let factor: Challenge['factor'] | undefined;
  if (typeId === FACTOR_TYPE.push) {
    if (own(f, 'provider') === DESKTOP_MFA_PROVIDER) factor = 'desktop_mfa';
    else factor = labels.includes(NUMBER_CHALLENGE_LABEL) || detail?.startsWith('OV_WITH_CHALLENGE_') ? 'push_number' : 'push';
  } else if (typeId === FACTOR_TYPE.otp) factor = 'totp';
  else if (typeId === FACTOR_TYPE.sms) factor = 'sms';
  else if (typeId === FACTOR_TYPE.webauthn) factor = 'webauthn';
  // A factor pushstorm does not model (call, biometric, token…): the event stands, without a challenge.
  if (factor === undefined) return undefined;
  const request = optObject(r, 'http_request', '');
  const challengeId = (request && optString(request, 'uid', '/http_request')) ?? `${id}.challenge`;
  const result = lookup(DETAIL_RESULT, detail);
  return result !== undefined ? { id: challengeId, factor, result } : { id: challengeId, factor };
}

function outcomeOf(r: Json): CanonicalEvent['outcome'] {
  const id = optInteger(r, 'status_id', '');
  if (id === 1) return 'success';
  if (id === 2) return 'failure';
  if (id !== undefined) return undefined;
  const status = optString(r, 'status', '');
  return status === 'Success' ? 'success' : status === 'Failure' ? 'failure' : undefined;
}

function reasonOf(r: Json): string | undefined {
  const code = own(r, 'status_code');
  // Some producers write numeric codes (Entra's 500121) as numbers.
  if (typeof code === 'number' && Number.isFinite(code)) return String(code);
  return optString(r, 'status_code', '');
}

function osFields(d: Json, out: Device): void {
  const os = optObject(d, 'os', '/device');
  if (!os) return;
  const name = optString(os, 'name', '/device/os');
  const version = optString(os, 'version', '/device/os');
  if (name !== undefined) out.os = name;
  if (version !== undefined) out.osVersion = version;
}

/** The device kind from `type_id`; for Unknown (0) or other types, from the OS type, then from the source. */
function kindOf(d: Json, source: EventSource): Device['kind'] {
  const byType = lookup(DEVICE_TYPE_IN, optInteger(d, 'type_id', '/device'));
  if (byType) return byType;
  const os = optObject(d, 'os', '/device');
  const osType = os && optInteger(os, 'type_id', '/device/os');
  if (osType === 300) return 'mac';
  if (osType === 201 || osType === 301 || osType === 302) return 'phone';
  return source === 'mac' ? 'mac' : 'browser';
}

function deviceOf(r: Json, source: EventSource): Device | undefined {
  const d = optObject(r, 'device', '');
  const id = d && optString(d, 'uid', '/device');
  if (!d || id === undefined) return undefined;
  const out: Device = { id, kind: 'mac' };
  const hostname = optString(d, 'hostname', '/device');
  if (hostname !== undefined) out.hostname = hostname;
  osFields(d, out);
  out.kind = kindOf(d, source);
  const model = optString(d, 'model', '/device');
  const managed = optBoolean(d, 'is_managed', '/device');
  const compliant = optBoolean(d, 'is_compliant', '/device');
  const hw = optObject(d, 'hw_info', '/device');
  const serial = hw && optString(hw, 'serial_number', '/device/hw_info');
  if (model !== undefined) out.model = model;
  if (managed !== undefined) out.managed = managed;
  if (compliant !== undefined) out.compliant = compliant;
  if (serial !== undefined) out.serial = serial;
  return out;
}

/** The proxy verdict: pushstorm's enrichment of `src_endpoint.ip`, or Okta's `isProxy` left in `unmapped`. */
function proxyOf(r: Json, ip: string): Pick<NetworkOrigin, 'proxy' | 'proxyKind'> {
  for (const e of optArray(r, 'enrichments', '') ?? []) {
    if (!isObject(e) || own(e, 'name') !== PROXY_ENRICHMENT.name || own(e, 'value') !== ip) continue;
    const data = own(e, 'data');
    if (!isObject(data)) continue;
    const proxy = own(data, 'is_proxy');
    const kind = own(data, 'proxy_type');
    const out: Pick<NetworkOrigin, 'proxy' | 'proxyKind'> = {};
    if (typeof proxy === 'boolean') out.proxy = proxy;
    if (typeof kind === 'string' && (PROXY_KINDS as readonly string[]).includes(kind)) out.proxyKind = kind as NetworkOrigin['proxyKind'];
    return out;
  }
  const unmapped = own(r, 'unmapped');
  const security = isObject(unmapped) ? own(unmapped, 'securityContext') : undefined;
  const isProxy = isObject(security) ? own(security, 'isProxy') : undefined;
  return typeof isProxy === 'boolean' ? { proxy: isProxy } : {};
}

function originOf(r: Json): NetworkOrigin | undefined {
  const src = optObject(r, 'src_endpoint', '');
  const ip = src && optString(src, 'ip', '/src_endpoint');
  if (!src || ip === undefined) return undefined;
  const out: NetworkOrigin = { ip };
  const as = optObject(src, 'autonomous_system', '/src_endpoint');
  const asn = as && optInteger(as, 'number', '/src_endpoint/autonomous_system');
  const asOrg = as && optString(as, 'name', '/src_endpoint/autonomous_system');
  if (asn !== undefined) out.asn = asn;
  if (asOrg !== undefined) out.asOrg = asOrg;
  const loc = optObject(src, 'location', '/src_endpoint');
  if (loc) {
    const country = optString(loc, 'country', '/src_endpoint/location');
    const city = optString(loc, 'city', '/src_endpoint/location');
    const lat = optNumber(loc, 'lat', '/src_endpoint/location');
    const lon = optNumber(loc, 'long', '/src_endpoint/location');
    if (country !== undefined) out.country = country;
    if (city !== undefined) out.city = city;
    if (lat !== undefined) out.lat = lat;
    if (lon !== undefined) out.lon = lon;
  }
  return { ...out, ...proxyOf(r, ip) };
}

function macOf(r: Json, user: Json): MacContext | undefined {
  const actor = optObject(r, 'actor', '');
  const process = actor && optObject(actor, 'process', '/actor');
  const name = process && optString(process, 'name', '/actor/process');
  if (name === undefined) return undefined;
  if (!(MAC_PROCESSES as readonly string[]).includes(name))
    throw new OcsfReject('wrong_type', `/actor/process/name: not a Mac process pushstorm models (${show(name)})`);
  const out: MacContext = { process: name as MacContext['process'] };
  const logonType = optInteger(r, 'logon_type_id', '');
  const method =
    logonType === LOGON_TYPE_OUT.sudo.id
      ? optString(r, 'logon_type', '') === 'sudo'
        ? 'sudo'
        : undefined
      : lookup(LOGON_TYPE_IN, logonType);
  if (method !== undefined) out.method = method;
  const shortName = optString(user, 'name', '/user');
  if (shortName !== undefined) out.shortName = shortName;
  const uid = optString(user, 'uid', '/user');
  if (uid !== undefined) {
    const n = /^-?\d{1,15}$/.test(uid) ? Number(uid) : Number.NaN;
    if (!Number.isSafeInteger(n)) throw new OcsfReject('wrong_type', `/user/uid: not a local uid (${show(uid)})`);
    out.uid = n;
  }
  const src = optObject(r, 'src_endpoint', '');
  const remoteIp = src && optString(src, 'ip', '/src_endpoint');
  if (remoteIp !== undefined) out.remoteIp = remoteIp;
  return out;
}

function decodeRecord(record: unknown): DecodeStep {
  if (!isObject(record))
    return { kind: 'rejected', reason: 'not_an_object', detail: `record: expected a JSON object, got ${show(record)}` };
  const classUid = required(optInteger(record, 'class_uid', ''), '/class_uid');
  if (classUid !== CLASS_UID) throw new OcsfReject('unknown_kind', `/class_uid: ${classUid} is not Authentication (3002)`);
  const metadata = required(optObject(record, 'metadata', ''), '/metadata');
  const code = required(optString(metadata, 'event_code', '/metadata'), '/metadata/event_code');
  const factors = factorsOf(record);
  const kind = typeOf(code, factors);
  if (!kind) return { kind: 'skipped', why: `metadata.event_code ${show(code)} is not an event pushstorm models` };
  const time = timeOf(record);
  const id = optString(metadata, 'uid', '/metadata') ?? derivedId(record);
  const userObject = required(optObject(record, 'user', ''), '/user');
  const user = required(
    optString(userObject, 'email_addr', '/user') ?? (kind.source === 'idp' ? optString(userObject, 'name', '/user') : undefined),
    '/user/email_addr',
  );

  const event: CanonicalEvent = { id, time, source: kind.source, type: kind.type, user };
  if (kind.source === 'idp') {
    const origin = originOf(record);
    if (origin) event.origin = origin;
  }
  const device = deviceOf(record, kind.source);
  if (device) event.device = device;
  const service = optObject(record, 'service', '');
  const app = service && optString(service, 'name', '/service');
  if (app !== undefined) event.app = app;
  // The attempt is `metadata.correlation_uid`. Never `actor.session.uid`: OCSF's Okta mapping puts the browser session
  // (externalSessionId) there, which holds many attempts and pushes — taking it for the attempt made a push storm from
  // one browser one push.
  const transaction = optString(metadata, 'correlation_uid', '/metadata');
  if (transaction !== undefined) event.transaction = transaction;
  const session = optObject(record, 'session', '');
  const sessionId = session && optString(session, 'uid', '/session');
  if (sessionId !== undefined) event.session = sessionId;
  const detail = optString(record, 'status_detail', '');
  const challenge = challengeOf(record, factors, labelsOf(metadata), detail, id);
  if (challenge) event.challenge = challenge;
  const outcome = outcomeOf(record);
  if (outcome) event.outcome = outcome;
  const reason = reasonOf(record);
  if (reason !== undefined) event.reason = reason;
  if (kind.source === 'mac') {
    const mac = macOf(record, userObject);
    if (mac) event.mac = mac;
  }
  return checked(event);
}

const schemaReasons: Record<string, RecordRejectReason> = {
  missing_field: 'missing_field',
  wrong_type: 'wrong_type',
  bad_timestamp: 'wrong_type',
  unknown_type: 'unknown_kind',
};

/** The schema has the last word: an event it would quarantine is rejected here instead. */
function checked(event: CanonicalEvent): DecodeStep {
  const verdict = decodeEventLine(JSON.stringify(event));
  if (verdict.ok) return { kind: 'events', events: [event] };
  return { kind: 'rejected', reason: lookup(schemaReasons, verdict.reason) ?? 'invalid', detail: verdict.detail.slice(0, 300) };
}

/** Decodes one OCSF record. Never throws: a surprise in the decoder itself is reported as `invalid`. */
export function decodeOcsfRecord(record: unknown): DecodeStep {
  try {
    return decodeRecord(record);
  } catch (error) {
    if (error instanceof OcsfReject) return { kind: 'rejected', reason: error.reason, detail: error.detail };
    return { kind: 'rejected', reason: 'invalid', detail: `decoder error: ${String((error as Error)?.message ?? error).slice(0, 200)}` };
  }
}
