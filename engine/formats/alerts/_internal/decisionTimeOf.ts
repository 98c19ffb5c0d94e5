/**
 * `2026-03-02T09:05:00Z`, `2026-03-02 09:05:00.123`, `2026-03-02T11:05+02:00`: a date, `T` or a space, hours and
 * minutes, optional seconds and fraction, optional offset (`Z`, `±HH`, `±HHMM`, `±HH:MM`).
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * A decision time as epoch milliseconds, or why the value is not one: a whole number (epoch ms, as a number, a
 * bigint or digits), ISO 8601 text — UTC when it names no offset, the fraction cut to the millisecond — or a `Date`
 * (DuckDB hands TIMESTAMP values over as one; a TIMESTAMP without time zone is read as UTC, as Parquet writers mean it).
 *
 * No parsing by `Date.parse`: it reads text without an offset in the machine's time zone, and the same file would
 * score differently on another machine.
 */
export function decisionTimeOf(value: unknown): number | { problem: string } {
  if (typeof value === 'bigint') value = Number(value);
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    return { problem: `not a whole number of epoch milliseconds (got ${value})` };
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? ms : { problem: 'a TIMESTAMP out of range' };
  }
  if (typeof value !== 'string') return { problem: `not a time (got ${JSON.stringify(value) ?? String(value)})` };
  const text = value.trim();
  if (/^-?\d+$/.test(text)) {
    const ms = Number(text);
    return Number.isSafeInteger(ms) ? ms : { problem: `not a time (got "${value}": too large for epoch milliseconds)` };
  }
  const m = ISO_8601.exec(text);
  if (m === null)
    return { problem: `not a time (got ${JSON.stringify(value)}): give epoch milliseconds or ISO 8601 text, e.g. 2026-03-02T09:05:00Z` };
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh, om = '0'] = m;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const back = new Date(local);
  const valid =
    back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() === Number(mo) - 1 &&
    back.getUTCDate() === Number(d) &&
    back.getUTCHours() === Number(h) &&
    back.getUTCMinutes() === Number(mi) &&
    back.getUTCSeconds() === Number(s);
  if (!valid || (sign !== undefined && (Number(oh) > 23 || Number(om) > 59)))
    return { problem: `not a time (got ${JSON.stringify(value)}: no such date or time of day)` };
  const offsetMs = zulu !== undefined || sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return local - offsetMs;
}
