import { TIME_RANGE } from '../../_internal/recordFields.ts';

/**
 * The unified log's `timestamp`: the Mac's local wall time with microseconds and an offset without a colon
 * (`2025-09-25 23:32:36.119492-0700`, as in Elastic's macOS test records). Written in the Mac's time zone, read
 * back from the offset the text carries, so a reader needs no zone database.
 * @module
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Offsets only change on quarter hours of UTC (every zone's offset is a multiple of 15 minutes since 1972). */
const BUCKET_MS = 15 * 60_000;

/**
 * A writer of local timestamps for one IANA zone. The offset at each instant comes from `Intl.DateTimeFormat`, so
 * daylight-saving changes fall where the zone has them.
 * @throws RangeError from Intl when the zone is unknown.
 */
export function localTimestampWriter(timeZone: string): (ms: number, micros: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const offsets = new Map<number, number>();
  const offsetMinutes = (ms: number): number => {
    const bucket = Math.floor(ms / BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * BUCKET_MS;
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
      offset = Math.round((wall - at) / 60_000);
      if (offsets.size > 4096) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
  return (ms, micros) => {
    const offset = offsetMinutes(ms);
    const wall = new Date(ms + offset * 60_000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return (
      `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
      `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.` +
      `${pad(wall.getUTCMilliseconds(), 3)}${pad(micros, 3)}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
    );
  };
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([+-])(\d{2}):?(\d{2})$/;

/**
 * Epoch ms (microseconds dropped) of a unified-log timestamp, or undefined when it is not one or falls outside the
 * times pushstorm accepts. The colon in the offset is optional (`-07:00` from some converters).
 */
export function parseLocalTimestamp(text: string): number | undefined {
  if (text.length > 40) return undefined;
  const m = LOCAL.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const offH = Number(m[9]);
  const offM = Number(m[10]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offH > 14 || offM > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return undefined; // 31 April
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offset = (offH * 60 + offM) * 60_000 * (m[8] === '-' ? -1 : 1);
  const t = wall + ms - offset;
  return t >= TIME_RANGE.min && t < TIME_RANGE.end ? t : undefined;
}
