/** A value a record's field is compared with. */
export type FieldValue = string | number | boolean;

/**
 * A condition on one log record's fields, in a form every export target renders in its own language (SQL `WHERE`,
 * Sigma detection items, SPL search terms, KQL `where`, EQL and ES|QL conditions). Field names are dotted paths into
 * the record as the vendor writes it (`outcome.result`, `AuthenticationDetails`, `challenge.result`).
 *
 * - `{ field, oneOf }`: the field's value is one of these (a single value for equality).
 * - `{ field, notOneOf }`: the field is absent or its value is none of these.
 * - `{ field, contains }`: the field's text contains this (for fields that hold a list or free text).
 * - `{ all }` / `{ any }` / `{ not }`: conjunction, disjunction, negation.
 */
export type RecordCondition =
  | { field: string; oneOf: readonly FieldValue[] }
  | { field: string; notOneOf: readonly FieldValue[] }
  | { field: string; contains: string }
  | { all: readonly RecordCondition[] }
  | { any: readonly RecordCondition[] }
  | { not: RecordCondition };

/** Whether a record satisfies a condition: the reference semantics each target's rendering must keep. */
export function recordMatches(condition: RecordCondition, record: unknown): boolean {
  if ('all' in condition) return condition.all.every((c) => recordMatches(c, record));
  if ('any' in condition) return condition.any.some((c) => recordMatches(c, record));
  if ('not' in condition) return !recordMatches(condition.not, record);
  const value = fieldOf(record, condition.field);
  if ('oneOf' in condition) return value !== undefined && condition.oneOf.includes(value as FieldValue);
  if ('notOneOf' in condition) return value === undefined || !condition.notOneOf.includes(value as FieldValue);
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return text.includes(condition.contains);
}

/** A dotted path's value in a record; `undefined` when any step is missing or `null`. */
export function fieldOf(record: unknown, path: string): unknown {
  let at: unknown = record;
  for (const step of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at ?? undefined;
}
