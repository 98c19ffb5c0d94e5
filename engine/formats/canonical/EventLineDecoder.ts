import type { QuarantineReason } from '../../model/QuarantineReason.ts';
import type { ErrorObject } from 'ajv';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { validateEvent } from '../../model/generated/validateEvent.ts';
import schema from '../../model/schema/event.schema.json' with { type: 'json' };

/** The verdict on one line: the event, or why it was rejected and what exactly was wrong. */
export type DecodedLine =
  | { ok: true; event: CanonicalEvent }
  | {
      ok: false;
      reason: QuarantineReason;
      /** Names the field (as a JSON pointer) and the problem: `/time: expected integer epoch ms, got "2026-03-02"`. */
      detail: string;
    };

type Rejection = Extract<DecodedLine, { ok: false }>;

/** Earliest accepted event time: 2000-01-01T00:00:00Z. */
const MIN_TIME = Date.UTC(2000, 0, 1);
/** First rejected event time after the range: 2101-01-01T00:00:00Z (so all of 2100 is accepted). */
const END_TIME = Date.UTC(2101, 0, 1);
const TIME_RANGE = 'expected epoch ms between 2000-01-01 and 2100-12-31';

/**
 * Decodes one line of canonical NDJSON (without its line terminator) into an event, or says why not. Never throws.
 *
 * The happy path is one `JSON.parse` and one pass of a hand-written check of the event schema; a line that check
 * rejects goes through the schema itself (ajv), which is the authority and supplies the reason. On top of the
 * schema, `time` must fall in the years 2000..2100 (a safe integer, and no seconds-for-milliseconds mix-up).
 * When a line has several problems, the reason reported is the first of: missing field, wrong type, unknown type,
 * bad timestamp, anything else (in schema order within one reason).

 * @example
 * decodeEventLine('{"id":"e1","time":"2026-03-02","source":"idp","type":"auth.attempt","user":"a@x.io"}')
 * // → { ok: false, reason: 'bad_timestamp', detail: '/time: expected integer epoch ms, got "2026-03-02"' }
 */
export function decodeEventLine(text: string): DecodedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') return reject('empty_line', text === '' ? 'empty line' : 'blank line (whitespace only)');
    return reject('malformed_json', `malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('not_an_object', `expected a JSON object, got ${describeValue(value)}`);
  }
  if (!matchesEventSchemaFast(value) && !validateEventSchema(value)) return explain(validateEventSchema.errors ?? []);
  const time = (value as CanonicalEvent).time;
  if (time < MIN_TIME || time >= END_TIME) return reject('bad_timestamp', `/time: ${TIME_RANGE}, got ${time}`);
  return { ok: true, event: value as CanonicalEvent };
}

function reject(reason: QuarantineReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}

// --- schema validation (ajv): the authority, and the source of the reasons ---------------------------------------

/**
 * The event schema's validator, compiled by ajv ahead of time (`npm run gen:validators`), so that no run pays for
 * ajv's compiler. `allErrors` so that the most telling problem can be picked (see {@link explain}); `verbose` so that
 * each error carries the offending value; the errors of the last call in `validateEventSchema.errors`, as ajv's own
 * validators. Exported for the tests, which hold the fast path to it.
 */
export function validateEventSchema(value: unknown): value is CanonicalEvent {
  const valid = validateEvent(value);
  validateEventSchema.errors = validateEvent.errors;
  return valid;
}
validateEventSchema.errors = undefined as ErrorObject[] | null | undefined;

/** Lower wins when a line has several problems: the most specific reason first, "invalid" last. */
const reasonRank: Record<QuarantineReason, number> = {
  empty_line: 0,
  malformed_json: 0,
  not_an_object: 0,
  oversized_line: 0,
  encoding: 0,
  missing_field: 1,
  wrong_type: 2,
  unknown_type: 3,
  bad_timestamp: 4,
  invalid: 5,
};

/** The most telling of ajv's errors as a rejection (ajv reports in schema order; ties keep that order). */
function explain(errors: readonly ErrorObject[]): DecodedLine {
  let best: Rejection | undefined;
  for (const error of errors) {
    const candidate = rejection(error);
    if (best === undefined || reasonRank[candidate.reason] < reasonRank[best.reason]) best = candidate;
  }
  return best ?? reject('invalid', 'rejected by the event schema');
}

/** One ajv error as a reason and a detail naming the field. */
function rejection(error: ErrorObject): Rejection {
  const path = error.instancePath;
  const at = path === '' ? '' : `${path}: `;
  const params = error.params as Record<string, unknown>;
  const got = describeValue(error.data);
  switch (error.keyword) {
    case 'required':
      return reject('missing_field', `${at}missing "${String(params.missingProperty)}"`);
    case 'additionalProperties':
      return reject('invalid', `${at}unexpected field "${String(params.additionalProperty)}"`);
    case 'type':
      if (path === '/time') return reject('bad_timestamp', `/time: expected integer epoch ms, got ${got}`);
      return reject('wrong_type', `${at}expected ${String(params.type)}, got ${got}`);
    case 'minimum':
      if (path === '/time') return reject('bad_timestamp', `/time: ${TIME_RANGE}, got ${got}`);
      break;
    case 'enum': {
      if (path === '/type') return reject('unknown_type', `/type: ${got} is not a known event type`);
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return reject('invalid', `${at}${got} is not one of ${allowed}`);
    }
    case 'minLength':
      if (params.limit === 1) return reject('invalid', `${at}expected a non-empty string, got ""`);
      break;
  }
  return reject('invalid', `${path === '' ? '(root)' : path}: ${error.message ?? error.keyword}`);
}

/** A short, one-line description of a JSON value for a detail: strings quoted (and cut at 40 characters). */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= 40) return JSON.stringify(value);
    // Do not cut a surrogate pair in half.
    const cut = value.charCodeAt(39) >= 0xd800 && value.charCodeAt(39) <= 0xdbff ? 39 : 40;
    return `${JSON.stringify(value.slice(0, cut))}…`;
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  return String(value);
}

// --- fast path: a hand-written check of the same schema -----------------------------------------------------------

/*
 * Accepts exactly what the schema accepts (a property test holds it to ajv on generated near-valid events); it only
 * says yes or no, and a "no" goes to ajv for the reason. Enums come from the schema itself. The property names are
 * written out for the switch statements below; `fastPathInSync` compares them with the schema at load time, and if
 * the schema has changed without this code, the fast path is switched off (ajv alone is correct, only slower) and a
 * test fails.
 */

type Props = Record<string, unknown>;
const defs = schema.definitions;
const eventSources = new Set<unknown>(defs.EventSource.enum);
const eventTypes = new Set<unknown>(defs.EventType.enum);
const outcomes = new Set<unknown>(defs.Outcome.enum);
const proxyKinds = new Set<unknown>(defs.NetworkOrigin.properties.proxyKind.enum);
const deviceKinds = new Set<unknown>(defs.Device.properties.kind.enum);
const factors = new Set<unknown>(defs.Challenge.properties.factor.enum);
const challengeResults = new Set<unknown>(defs.Challenge.properties.result.enum);
const macProcesses = new Set<unknown>(defs.MacContext.properties.process.enum);
const macMethods = new Set<unknown>(defs.MacContext.properties.method.enum);

/** The property names (and required ones) the switch statements below know, per object of the schema. */
const fastPathShapes: Record<string, { properties: string[]; required: string[] }> = {
  CanonicalEvent: {
    properties: [
      'id',
      'time',
      'source',
      'type',
      'user',
      'origin',
      'device',
      'app',
      'transaction',
      'session',
      'challenge',
      'outcome',
      'reason',
      'mac',
    ],
    required: ['id', 'time', 'source', 'type', 'user'],
  },
  NetworkOrigin: {
    properties: ['ip', 'asn', 'asOrg', 'country', 'city', 'lat', 'lon', 'proxy', 'proxyKind'],
    required: ['ip'],
  },
  Device: {
    properties: ['id', 'kind', 'hostname', 'os', 'osVersion', 'model', 'managed', 'compliant', 'serial'],
    required: ['id', 'kind'],
  },
  Challenge: { properties: ['id', 'factor', 'result'], required: ['id', 'factor'] },
  MacContext: { properties: ['process', 'method', 'shortName', 'uid', 'remoteIp'], required: ['process'] },
};

/** Whether the schema's objects have exactly the properties (and required lists) the fast path was written for. */
function shapesMatchSchema(): boolean {
  const objects: Record<string, { properties: object; required: string[] }> = {
    CanonicalEvent: schema,
    NetworkOrigin: defs.NetworkOrigin,
    Device: defs.Device,
    Challenge: defs.Challenge,
    MacContext: defs.MacContext,
  };
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
  return Object.entries(objects).every(
    ([name, object]) =>
      same(Object.keys(object.properties), fastPathShapes[name].properties) && same(object.required, fastPathShapes[name].required),
  );
}

/** False when the schema has changed without the fast path: decoding then falls back to ajv for every line. */
export const fastPathInSync = shapesMatchSchema();

const hasOwn = Object.prototype.hasOwnProperty;

function isObject(value: unknown): value is Props {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` satisfies the event schema, by hand (no error reporting). Same semantics as ajv's generated code:
 * `for...in` keys, a property holding `undefined` counts as absent, "integer" is `Number.isInteger`, "number" is
 * `Number.isFinite`. Exported for the tests; always false when {@link fastPathInSync} is false.
 */
export function matchesEventSchemaFast(value: object): value is CanonicalEvent {
  return fastPathInSync && isEvent(value as Props);
}

function isEvent(e: Props): boolean {
  let required = 0;
  for (const key in e) {
    const v = e[key];
    if (v === undefined) {
      if (!hasOwn.call(schema.properties, key)) return false;
      continue;
    }
    switch (key) {
      case 'id':
      case 'user':
        if (typeof v !== 'string' || v.length === 0) return false;
        required++;
        break;
      case 'time':
        if (!Number.isInteger(v) || (v as number) < 0) return false;
        required++;
        break;
      case 'source':
        if (!eventSources.has(v)) return false;
        required++;
        break;
      case 'type':
        if (!eventTypes.has(v)) return false;
        required++;
        break;
      case 'app':
      case 'transaction':
      case 'session':
      case 'reason':
        if (typeof v !== 'string') return false;
        break;
      case 'outcome':
        if (!outcomes.has(v)) return false;
        break;
      case 'origin':
        if (!isOrigin(v)) return false;
        break;
      case 'device':
        if (!isDevice(v)) return false;
        break;
      case 'challenge':
        if (!isChallenge(v)) return false;
        break;
      case 'mac':
        if (!isMacContext(v)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 5;
}

function isOrigin(o: unknown): boolean {
  if (!isObject(o)) return false;
  let required = 0;
  for (const key in o) {
    const v = o[key];
    if (v === undefined) {
      if (!hasOwn.call(defs.NetworkOrigin.properties, key)) return false;
      continue;
    }
    switch (key) {
      case 'ip':
        if (typeof v !== 'string') return false;
        required++;
        break;
      case 'asOrg':
      case 'country':
      case 'city':
        if (typeof v !== 'string') return false;
        break;
      case 'asn':
        if (!Number.isInteger(v)) return false;
        break;
      case 'lat':
      case 'lon':
        if (!Number.isFinite(v)) return false;
        break;
      case 'proxy':
        if (typeof v !== 'boolean') return false;
        break;
      case 'proxyKind':
        if (!proxyKinds.has(v)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 1;
}

function isDevice(d: unknown): boolean {
  if (!isObject(d)) return false;
  let required = 0;
  for (const key in d) {
    const v = d[key];
    if (v === undefined) {
      if (!hasOwn.call(defs.Device.properties, key)) return false;
      continue;
    }
    switch (key) {
      case 'id':
        if (typeof v !== 'string') return false;
        required++;
        break;
      case 'kind':
        if (!deviceKinds.has(v)) return false;
        required++;
        break;
      case 'hostname':
      case 'os':
      case 'osVersion':
      case 'model':
      case 'serial':
        if (typeof v !== 'string') return false;
        break;
      case 'managed':
      case 'compliant':
        if (typeof v !== 'boolean') return false;
        break;
      default:
        return false;
    }
  }
  return required === 2;
}

function isChallenge(c: unknown): boolean {
  if (!isObject(c)) return false;
  let required = 0;
  for (const key in c) {
    const v = c[key];
    if (v === undefined) {
      if (!hasOwn.call(defs.Challenge.properties, key)) return false;
      continue;
    }
    switch (key) {
      case 'id':
        if (typeof v !== 'string') return false;
        required++;
        break;
      case 'factor':
        if (!factors.has(v)) return false;
        required++;
        break;
      case 'result':
        if (!challengeResults.has(v)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 2;
}

function isMacContext(m: unknown): boolean {
  if (!isObject(m)) return false;
  let required = 0;
  for (const key in m) {
    const v = m[key];
    if (v === undefined) {
      if (!hasOwn.call(defs.MacContext.properties, key)) return false;
      continue;
    }
    switch (key) {
      case 'process':
        if (!macProcesses.has(v)) return false;
        required++;
        break;
      case 'method':
        if (!macMethods.has(v)) return false;
        break;
      case 'shortName':
      case 'remoteIp':
        if (typeof v !== 'string') return false;
        break;
      case 'uid':
        if (!Number.isInteger(v)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 1;
}
