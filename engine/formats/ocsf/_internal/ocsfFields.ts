import type { RecordRejectReason } from '../../LogFormat.ts';

/**
 * Careful readers for OCSF records of unknown shape: own properties only (a `__proto__` key is data, never the
 * prototype), exact JSON types, and a {@link OcsfReject} naming the field as a JSON pointer when a value is unusable.
 * @module
 */

/** A JSON object read from a record. */
export type Json = Record<string, unknown>;

/** Thrown inside the decoder and turned into a `rejected` step; never escapes it. */
export class OcsfReject extends Error {
  constructor(
    readonly reason: RecordRejectReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** A short, printable rendering of a bad value for a rejection detail. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `object`, or `undefined`. */
export function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A field that may be absent (or null, as exporters write for empty fields) and must otherwise hold an object. */
export function optObject(object: Json, key: string, path: string): Json | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new OcsfReject('wrong_type', `${path}/${key}: expected an object, got ${show(value)}`);
  return value;
}

/** An optional non-empty string (an empty string counts as absent: exporters write `""` for unknown values). */
export function optString(object: Json, key: string, path: string): string | undefined {
  const value = own(object, key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OcsfReject('wrong_type', `${path}/${key}: expected a string, got ${show(value)}`);
  return value;
}

/** An optional boolean (null counts as absent). */
export function optBoolean(object: Json, key: string, path: string): boolean | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new OcsfReject('wrong_type', `${path}/${key}: expected a boolean, got ${show(value)}`);
  return value;
}

/** An optional finite number. */
export function optNumber(object: Json, key: string, path: string): number | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new OcsfReject('wrong_type', `${path}/${key}: expected a number, got ${show(value)}`);
  return value;
}

/** An optional safe integer. */
export function optInteger(object: Json, key: string, path: string): number | undefined {
  const value = optNumber(object, key, path);
  if (value !== undefined && !Number.isSafeInteger(value))
    throw new OcsfReject('wrong_type', `${path}/${key}: expected an integer, got ${show(value)}`);
  return value;
}

/** An optional array (null counts as absent). */
export function optArray(object: Json, key: string, path: string): unknown[] | undefined {
  const value = own(object, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new OcsfReject('wrong_type', `${path}/${key}: expected an array, got ${show(value)}`);
  return value;
}
