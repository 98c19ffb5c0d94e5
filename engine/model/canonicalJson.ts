/**
 * JSON with object keys sorted at every depth and `undefined` properties left out, so two values that are equal as
 * data give the same text whatever order their keys were built in — the input of a content hash.
 *
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON.stringify would silently write null; a hash must not confuse NaN with a missing value.
    throw new RangeError(`canonicalJson: cannot encode non-finite number ${value}`);
  }
  return JSON.stringify(value);
}
