import { EVENT_TIME_RANGE } from '../../model/limits.ts';
/**
 * Total readers for untrusted vendor records: they never throw and never return a value of the wrong type, so a
 * decoder can be written as plain field access. Own properties only (a `__proto__` key in the input is data, not a
 * prototype).
 * @module
 */

/** A plain JSON object, or undefined. */
export function objectAt(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
  const v = valueAt(value, path);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The value at a path of own keys, or undefined. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A non-empty string at the path, or undefined (`"null"`, the string some vendors write, counts as absent). */
export function stringAt(value: unknown, ...path: string[]): string | undefined {
  const v = valueAt(value, path);
  return typeof v === 'string' && v !== '' && v !== 'null' ? v : undefined;
}

/** A finite number at the path, or undefined. */
export function numberAt(value: unknown, ...path: string[]): number | undefined {
  const v = valueAt(value, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A safe integer at the path (numbers, or strings of digits as some exports write them), or undefined. */
export function integerAt(value: unknown, ...path: string[]): number | undefined {
  const v = valueAt(value, path);
  const n = typeof v === 'string' && /^-?\d{1,16}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/** A boolean at the path (also `"true"` / `"false"` strings), or undefined. */
export function booleanAt(value: unknown, ...path: string[]): boolean | undefined {
  const v = valueAt(value, path);
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** An array at the path, or `[]`. */
export function arrayAt(value: unknown, ...path: string[]): unknown[] {
  const v = valueAt(value, path);
  return Array.isArray(v) ? v : [];
}

/** Earliest and first-too-late event times pushstorm accepts (as the canonical reader does). */
export const TIME_RANGE = EVENT_TIME_RANGE;

/** Epoch ms of an ISO-8601 time with a zone (`Z` or `±hh:mm`), inside {@link TIME_RANGE}, else undefined. */
export function isoTimeAt(value: unknown, ...path: string[]): number | undefined {
  const v = valueAt(value, path);
  if (typeof v !== 'string' || v.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v))
    return undefined;
  const t = Date.parse(v);
  return Number.isInteger(t) && t >= TIME_RANGE.min && t < TIME_RANGE.end ? t : undefined;
}

/** A short, printable rendering of a value for rejection details. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
