import { day as dayMs } from '../clock/durations.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Offset of `zone` from UTC in ms at the UTC day containing `atMs` (sampled at 12:00 UTC and cached per zone and
 * day, so a DST change takes effect from the next day — close enough for work-hour modelling and cheap).
 */
function zoneOffset(zone: string, atMs: number): number {
  const day = Math.floor(atMs / dayMs);
  const key = `${zone}@${day}`;
  let offset = cache.get(key);
  if (offset === undefined) {
    const sample = day * dayMs + dayMs / 2;
    const parts: Record<string, number> = {};
    for (const p of formatter(zone).formatToParts(new Date(sample))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
    offset = asUtc - Math.floor(sample / 60_000) * 60_000;
    cache.set(key, offset);
  }
  return offset;
}

/** UTC epoch ms of local midnight, in `zone`, of the local day that contains `atMs`. */
export function localMidnight(zone: string, atMs: number): number {
  const offset = zoneOffset(zone, atMs);
  return Math.floor((atMs + offset) / dayMs) * dayMs - offset;
}

/** Local day of week (0 = Sunday) in `zone` at `atMs`. */
export function localWeekday(zone: string, atMs: number): number {
  return new Date(atMs + zoneOffset(zone, atMs)).getUTCDay();
}
