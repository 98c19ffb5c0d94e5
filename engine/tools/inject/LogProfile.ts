import type { CanonicalEvent, Device, MacContext, NetworkOrigin } from '../../model/generated/event.ts';

/** What pushstorm learns about one user from a real log. */
interface UserProfile {
  login: string;
  events: number;
  /** Applications by sign-ins, most used first. */
  apps: string[];
  /** The user's own networks, most used first (origins of successful sign-ins, else of any event). */
  origins: NetworkOrigin[];
  /** The user's Mac as the log names it, if it does. */
  mac?: { device: Device; context?: MacContext };
}

/** What pushstorm learns from a real benign log before injecting attacks into it. */
export interface LogProfile {
  /** Users by login, in login order. */
  users: UserProfile[];
  /** First and last event time, UTC epoch ms. */
  start: number;
  end: number;
  /** Applications across the log, most used first. */
  apps: string[];
  /** IPv4 /24 prefixes (`"198.51.100"`) and IPv6 /48 prefixes the organisation's own sign-ins come from. */
  networks: string[];
  /** Events by source. */
  sources: Record<string, number>;
}

/** The /24 of an IPv4 address or the /48 of an IPv6 one, as text. */
function networkOf(ip: string): string {
  return ip.includes(':') ? ip.split(':').slice(0, 3).join(':') : ip.split('.').slice(0, 3).join('.');
}

const byCount = <T>(m: Map<string, { n: number; value: T }>) =>
  [...m.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).map(([, v]) => v.value);

/**
 * Learns a log's users (with their apps, networks and Mac), time span, applications and networks from its decoded
 * events. Deterministic: the same events in any order give the same profile.
 */
export function profileLog(events: Iterable<CanonicalEvent>): LogProfile {
  const users = new Map<
    string,
    {
      events: number;
      apps: Map<string, { n: number; value: string }>;
      own: Map<string, { n: number; value: NetworkOrigin }>;
      any: Map<string, { n: number; value: NetworkOrigin }>;
      mac?: { time: number; device: Device; context?: MacContext };
    }
  >();
  const apps = new Map<string, { n: number; value: string }>();
  const networks = new Map<string, { n: number; value: string }>();
  const sources: Record<string, number> = {};
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const bump = <T>(m: Map<string, { n: number; value: T }>, key: string, value: T) => {
    const v = m.get(key);
    if (v) v.n++;
    else m.set(key, { n: 1, value });
  };
  for (const e of events) {
    start = Math.min(start, e.time);
    end = Math.max(end, e.time);
    sources[e.source] = (sources[e.source] ?? 0) + 1;
    let u = users.get(e.user);
    if (!u) users.set(e.user, (u = { events: 0, apps: new Map(), own: new Map(), any: new Map() }));
    u.events++;
    if (e.app !== undefined && e.source === 'idp') {
      bump(u.apps, e.app, e.app);
      bump(apps, e.app, e.app);
    }
    if (e.origin) {
      bump(u.any, e.origin.ip, e.origin);
      if (e.type === 'session.start' && e.outcome !== 'failure') {
        bump(u.own, e.origin.ip, e.origin);
        bump(networks, networkOf(e.origin.ip), networkOf(e.origin.ip));
      }
    }
    if (e.device?.kind === 'mac' && (!u.mac || e.time >= u.mac.time))
      u.mac = { time: e.time, device: e.device, context: e.mac ?? u.mac?.context };
  }
  const profiles = [...users.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(
      ([login, u]): UserProfile => ({
        login,
        events: u.events,
        apps: byCount(u.apps),
        origins: byCount(u.own.size > 0 ? u.own : u.any),
        ...(u.mac ? { mac: { device: u.mac.device, ...(u.mac.context ? { context: u.mac.context } : {}) } } : {}),
      }),
    );
  return { users: profiles, start, end, apps: byCount(apps), networks: byCount(networks).sort(), sources };
}
