import type { RecordRejectReason } from '../../LogFormat.ts';

/**
 * One reader for the three shapes an Entra sign-in comes in — the bare Graph `signIn` (camelCase), the Azure
 * Monitor envelope (the `signIn` in `properties`, a few fields repeated outside) and the Sentinel `SigninLogs` row
 * (PascalCase, list columns as strings holding JSON) — with typed getters that name the field (as a JSON pointer
 * into the record as given) when a value has the wrong type. `null` counts as absent everywhere, as Graph writes
 * null for properties it has no value for.
 * @module
 */

/** Thrown by the getters; the decoder turns it into a rejected step. Never escapes the decoder. */
export class EntraRejection extends Error {
  constructor(
    readonly reason: RecordRejectReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Which of the three shapes a record has. */
export type EntraShape = 'graph' | 'envelope' | 'sentinel';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** A short description of a value for a detail: strings quoted and cut at 40 characters. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, 40))}…`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const wrong = (path: string, expected: string, value: unknown) =>
  new EntraRejection('wrong_type', `${path}: expected ${expected}, got ${describe(value)}`);

/** A field's value and where it sits in the record. */
export interface Field {
  value: unknown;
  path: string;
}

/** The Sentinel column of each Graph property pushstorm reads. */
const SENTINEL_COLUMNS: Record<string, string> = {
  id: 'Id',
  createdDateTime: 'CreatedDateTime',
  userPrincipalName: 'UserPrincipalName',
  appDisplayName: 'AppDisplayName',
  ipAddress: 'IPAddress',
  autonomousSystemNumber: 'AutonomousSystemNumber',
  clientAppUsed: 'ClientAppUsed',
  correlationId: 'CorrelationId',
  originalRequestId: 'OriginalRequestId',
  sessionId: 'SessionId',
  location: 'LocationDetails',
  deviceDetail: 'DeviceDetail',
  status: 'Status',
  authenticationDetails: 'AuthenticationDetails',
  riskEventTypes_v2: 'RiskEventTypes_V2',
  mfaDetail: 'MfaDetail',
  authenticationAppPolicyEvaluationDetails: 'AuthenticationAppPolicyEvaluationDetails',
  isInteractive: 'IsInteractive',
};

/** Envelope fields that stand in for a `properties` field the envelope lacks. */
const ENVELOPE_FALLBACKS: Record<string, string> = {
  createdDateTime: 'time',
  ipAddress: 'callerIpAddress',
  correlationId: 'correlationId',
};

/** Sentinel columns that stand in for one the row lacks. */
const SENTINEL_FALLBACKS: Record<string, string> = { createdDateTime: 'TimeGenerated' };

/** The shape of a record, or undefined when it is none of the three. */
export function entraShapeOf(record: Json): EntraShape | undefined {
  if (Object.hasOwn(record, 'properties') && ['operationName', 'category', 'resultType', 'time'].some((k) => Object.hasOwn(record, k))) {
    return 'envelope';
  }
  if (['UserPrincipalName', 'CreatedDateTime', 'TimeGenerated', 'ResultType'].some((k) => Object.hasOwn(record, k))) return 'sentinel';
  if (['createdDateTime', 'userPrincipalName'].some((k) => Object.hasOwn(record, k))) return 'graph';
  return undefined;
}

/** Typed access to the Graph properties of a record of any of the three shapes. */
export class EntraRecordView {
  private readonly signIn: Json;
  private readonly base: string;

  constructor(
    readonly shape: EntraShape,
    private readonly record: Json,
  ) {
    if (shape === 'envelope') {
      const props = parseIfJson(own(record, 'properties'));
      if (!isObject(props)) throw wrong('/properties', 'an object', own(record, 'properties'));
      this.signIn = props;
      this.base = '/properties';
    } else {
      this.signIn = record;
      this.base = '';
    }
  }

  /** A Graph property (camelCase name) with its path, after the shape's renames and fallbacks. */
  field(name: string): Field {
    if (this.shape === 'sentinel') {
      const column = SENTINEL_COLUMNS[name] ?? name;
      const value = own(this.record, column);
      const fallback = SENTINEL_FALLBACKS[name];
      if (value == null && fallback !== undefined && own(this.record, fallback) != null)
        return { value: own(this.record, fallback), path: `/${fallback}` };
      return { value, path: `/${column}` };
    }
    const value = own(this.signIn, name);
    const fallback = this.shape === 'envelope' ? ENVELOPE_FALLBACKS[name] : undefined;
    if ((value == null || value === '') && fallback !== undefined && own(this.record, fallback) != null) {
      return { value: own(this.record, fallback), path: `/${fallback}` };
    }
    return { value, path: `${this.base}/${name}` };
  }

  /** A field outside the `signIn`: the envelope's own (`category`, `resultType`) or a Sentinel column. */
  outer(name: string): Field {
    return { value: own(this.record, name), path: `/${name}` };
  }
}

/** A Sentinel list or object column may come as a string holding JSON; parse it (a string that is not JSON stays). */
function parseIfJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

/** The member `key` of an object field, with its path. */
export const member = (f: Field, key: string): Field => ({
  value: isObject(f.value) ? own(f.value, key) : undefined,
  path: `${f.path}/${key}`,
});

/** A string, or undefined when absent or null. */
export function optString(f: Field): string | undefined {
  if (f.value == null) return undefined;
  if (typeof f.value !== 'string') throw wrong(f.path, 'a string', f.value);
  return f.value;
}

/** A non-empty string, or a `missing_field` rejection. */
export function reqString(f: Field): string {
  const s = optString(f);
  if (s === undefined || s === '') throw new EntraRejection('missing_field', `${f.path}: missing`);
  return s;
}

/** A boolean (also the strings `"true"` / `"false"` some exports write), or undefined. */
export function optBoolean(f: Field): boolean | undefined {
  if (f.value == null) return undefined;
  if (typeof f.value === 'boolean') return f.value;
  if (f.value === 'true' || f.value === 'True') return true;
  if (f.value === 'false' || f.value === 'False') return false;
  throw wrong(f.path, 'a boolean', f.value);
}

/** A non-negative safe integer (also a string of digits), or undefined when absent, null or `""`. */
export function optInteger(f: Field): number | undefined {
  if (f.value == null || f.value === '') return undefined;
  const n = typeof f.value === 'string' && /^\d{1,15}$/.test(f.value) ? Number(f.value) : f.value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw wrong(f.path, 'a non-negative integer', f.value);
  return n;
}

/** A finite number (also a numeric string), or undefined when absent or null. */
export function optNumber(f: Field): number | undefined {
  if (f.value == null) return undefined;
  const n = typeof f.value === 'string' && /^-?\d+(\.\d+)?$/.test(f.value) ? Number(f.value) : f.value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw wrong(f.path, 'a number', f.value);
  return n;
}

/** An object (a Sentinel dynamic column may be a string holding JSON), or undefined when absent, null or `""`. */
export function optObject(f: Field): Field | undefined {
  if (f.value == null || f.value === '') return undefined;
  const v = parseIfJson(f.value);
  if (!isObject(v)) throw wrong(f.path, 'an object', f.value);
  return { value: v, path: f.path };
}

/** The items of an array (or of a string holding a JSON array), each with its path; `[]` when absent, null or `""`. */
export function optArray(f: Field): Field[] {
  if (f.value == null || f.value === '') return [];
  const v = parseIfJson(f.value);
  if (!Array.isArray(v)) throw wrong(f.path, 'an array', f.value);
  return v.map((value, i) => ({ value, path: `${f.path}/${i}` }));
}
