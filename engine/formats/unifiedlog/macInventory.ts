import type { CanonicalEvent, Device } from '../../model/generated/event.ts';
import type { MacHost } from '../LogFormat.ts';

/** JSON with sorted keys, so two devices compare equal whatever their key order. */
function stable(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/** What every event of one host agreed on so far; a field two events disagree on is `conflict`. */
interface Seen {
  device?: Device | 'conflict';
  deviceKey?: string;
  user?: string | 'conflict';
  shortName?: string | 'conflict';
  uid?: number | 'conflict';
}

const CONFLICT = 'conflict';

function agree<T>(seen: T | typeof CONFLICT | undefined, value: T | undefined, same: (a: T, b: T) => boolean): T | typeof CONFLICT | undefined {
  if (value === undefined || seen === CONFLICT) return seen;
  if (seen === undefined) return value;
  return same(seen as T, value) ? seen : CONFLICT;
}

/**
 * The asset inventory of the Macs in a stream of canonical events, one entry per `device.hostname`, sorted by host
 * name: the device and the account (IdP login, short name, uid) its events name. A field is set only when every
 * event of the host agrees on it — a lab Mac used by several people gets no user, and two Macs that share a host name
 * get neither device nor user — so a unified-log decoder never credits one person's lines to another. Time zones are
 * not in events; `timeZone` is left for the caller.
 *
 * @example
 * macInventory(events) // [{ hostname: 'LVARGA-MBP', device: { id: 'guo…', kind: 'mac', … }, user: 'lena.varga@example.org', shortName: 'lvarga', uid: 501 }]
 */
export function macInventory(events: Iterable<CanonicalEvent>): MacHost[] {
  const hosts = new Map<string, Seen>();
  for (const e of events) {
    const hostname = e.device?.hostname;
    if (e.source !== 'mac' || hostname === undefined || e.device === undefined) continue;
    let seen = hosts.get(hostname);
    if (!seen) {
      seen = {};
      hosts.set(hostname, seen);
    }
    const key = stable(e.device);
    if (seen.device === undefined) {
      seen.device = structuredClone(e.device);
      seen.deviceKey = key;
    } else if (seen.device !== CONFLICT && seen.deviceKey !== key) {
      seen.device = CONFLICT;
    }
    seen.user = agree(seen.user, e.user, (a, b) => a === b);
    seen.shortName = agree(seen.shortName, e.mac?.shortName, (a, b) => a === b);
    seen.uid = agree(seen.uid, e.mac?.uid, (a, b) => a === b);
  }
  return [...hosts.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((hostname) => {
      const seen = hosts.get(hostname)!;
      const host: MacHost = { hostname };
      if (seen.device !== undefined && seen.device !== CONFLICT) host.device = seen.device;
      // Two Macs under one name: their people are not one user either.
      if (seen.device !== CONFLICT && seen.user !== undefined && seen.user !== CONFLICT) host.user = seen.user;
      if (seen.shortName !== undefined && seen.shortName !== CONFLICT) host.shortName = seen.shortName;
      if (seen.uid !== undefined && seen.uid !== CONFLICT) host.uid = seen.uid;
      return host;
    });
}
