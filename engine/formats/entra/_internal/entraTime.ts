/**
 * Entra's time stamps: ISO 8601 with seven fraction digits (`2026-05-12T22:41:03.4810000Z`), as Graph, the Azure
 * Monitor export and Log Analytics write them; real diagnostic exports also carry offsets (`…-05:00`).
 * @module
 */

/** Epoch ms as Entra writes it: UTC, seven fraction digits. */
export function formatEntraTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch ms (whole, sub-milliseconds dropped) of an ISO 8601 time with any fraction and a `Z` or `±hh:mm` offset; a
 * time without a zone is UTC (Entra writes only UTC). Undefined for anything else, including impossible dates
 * (`2026-02-30`) — stricter than `Date.parse`, which accepts RFC 2822 and reads zone-less times as local time.
 */
export function parseEntraTime(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const day = Date.UTC(y, mo - 1, d);
  if (new Date(day).getUTCDate() !== d) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3));
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return undefined;
    offset = (digits[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  return day + ((h * 60 + mi) * 60 + s) * 1000 + fraction - offset;
}
