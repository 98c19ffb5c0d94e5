import type { Device, NetworkOrigin } from '../../../engine/model/generated/event.ts';
import { RandomStream } from '../../random/RandomStream.ts';
import type { ResolvedAttack, ResolvedScenario } from '../../scenario/ResolvedScenario.ts';
import type { UserIdentity } from '../../population/UserIdentity.ts';
import { anonymisingNetworks, networkByAsn, placeForCountry, proxyCountries, residentialNetworks } from '../../population/geo.ts';
import { addressIn, drawPhone, originAt } from '../../population/buildIdentity.ts';
import { localMidnight } from '../../population/zoneOffset.ts';
import { day } from '../../clock/durations.ts';

/** One attacker to create: the attack, its target and everything drawn for it. */
export interface PlannedAttacker {
  incidentId: string;
  attack: ResolvedAttack;
  target: number;
  startAt: number;
  sources: NetworkOrigin[];
  device: Device;
  phone: Device;
  /** The application the attacker signs in to, the same on every attempt. */
  app: string;
  rng: RandomStream;
}

function pickTargets(attack: ResolvedAttack, identities: UserIdentity[], rng: RandomStream): number[] {
  if (Array.isArray(attack.targets)) return attack.targets.filter((t) => t < identities.length);
  const count = attack.targets;
  if (attack.sharedMac) {
    // One lab Mac, drawn among those with the most users, and as many of its users as asked (or all it has).
    const byMac = new Map<string, number[]>();
    for (const u of identities) if (u.labMac) byMac.set(u.labMac.device.id, [...(byMac.get(u.labMac.device.id) ?? []), u.index]);
    const groups = [...byMac.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
    if (groups.length === 0) return [];
    const enough = groups.filter((g) => g.length >= count);
    const users = enough.length > 0 ? rng.pick(enough) : groups[0];
    return rng.sample(users.length, Math.min(count, users.length)).map((k) => users[k]);
  }
  let pool = identities.map((u) => u.index);
  if (attack.strategy === 'login-window') {
    const withMfaMac = pool.filter((i) => identities[i].mac?.desktopMfa);
    if (withMfaMac.length > 0) pool = withMfaMac;
  }
  if (attack.targetTimeZone) {
    const inZone = pool.filter((i) => identities[i].timeZone === attack.targetTimeZone);
    if (inZone.length >= attack.targets) pool = inZone;
  }
  if (attack.targetDepartment) {
    const inDepartment = pool.filter((i) => identities[i].department === attack.targetDepartment);
    if (inDepartment.length >= attack.targets) pool = inDepartment;
  }
  if (attack.targetRole) {
    const holding = pool.filter((i) => identities[i].roles?.includes(attack.targetRole!));
    if (holding.length >= attack.targets) pool = holding;
  }
  if (attack.targetProfile) {
    const preferred = pool.filter((i) => identities[i].profile === attack.targetProfile);
    if (preferred.length >= attack.targets) pool = preferred;
  }
  return rng.sample(pool.length, attack.targets).map((k) => pool[k]);
}

function drawSources(attack: ResolvedAttack, victim: UserIdentity, rng: RandomStream): NetworkOrigin[] {
  const { kind, pool, country, asn, flagged, near } = attack.sources;
  const known = asn === undefined ? undefined : networkByAsn(asn);
  const homeAsn = victim.homeOrigin.asn;
  const victimNet = near === 'isp' && homeAsn !== undefined ? networkByAsn(homeAsn)?.network : undefined;
  const sources: NetworkOrigin[] = [];
  for (let i = 0; i < pool; i++) {
    let origin: NetworkOrigin;
    if (near) {
      // Close to the victim: their country, their city (the office's), or their own home ISP in their city.
      const c = victim.office.country;
      const net = victimNet ?? rng.pick(residentialNetworks(c));
      const place = near === 'country' ? placeForCountry(c) : victim.office;
      origin = originAt(addressIn(net, rng), net, place, kind === 'residential' ? 'residential' : undefined);
    } else if (known) {
      // Many addresses of one network (an ISP's residential proxies, one VPN provider): its own country unless given.
      const c = country ?? known.country ?? (kind === 'single' ? victim.office.country : rng.pick(proxyCountries));
      origin = originAt(addressIn(known.network, rng), known.network, placeForCountry(c), kind === 'single' ? undefined : kind);
    } else if (kind === 'single' || kind === 'residential') {
      const c = country ?? (kind === 'single' ? victim.office.country : rng.pick(proxyCountries));
      const net = rng.pick(residentialNetworks(c));
      origin = originAt(addressIn(net, rng), net, placeForCountry(c), kind === 'residential' ? 'residential' : undefined);
    } else {
      const net = rng.pick(anonymisingNetworks(kind));
      const c = country ?? rng.pick(proxyCountries);
      origin = originAt(addressIn(net, rng), net, placeForCountry(c), kind);
    }
    // Residential proxies exit through consumer ISPs' addresses, which IdPs rarely flag: unflagged unless stated.
    const flagAs = flagged ?? (kind === 'residential' ? false : undefined);
    sources.push(flagAs === undefined ? origin : flag(origin, flagAs, kind));
  }
  return sources;
}

/** An origin the IdP flags as a proxy, or not, whatever its kind would make it. */
function flag(origin: NetworkOrigin, flagged: boolean, kind: ResolvedAttack['sources']['kind']): NetworkOrigin {
  const { proxyKind: _, ...plain } = origin;
  if (!flagged) return { ...plain, proxy: false };
  return { ...plain, proxy: true, proxyKind: origin.proxyKind ?? (kind === 'single' ? 'residential' : kind) };
}

/**
 * A start drawn in a part of the target's own day `dayIndex` (their local time): their working hours, the evening
 * (an hour after they leave to 23:00), or the night (00:30 to 05:00).
 */
function duringStart(
  during: 'workHours' | 'evening' | 'night',
  target: UserIdentity,
  scenario: ResolvedScenario,
  dayIndex: number,
  rng: RandomStream,
): number {
  const midnight = localMidnight(target.timeZone, scenario.startMs + dayIndex * day + day / 2);
  const [from, to] =
    during === 'workHours'
      ? [target.workStartMin, target.workEndMin]
      : during === 'evening'
        ? [Math.min(target.workEndMin + 60, 22 * 60), 23 * 60]
        : [30, 5 * 60];
  return Math.round(midnight + (from + rng.float() * Math.max(1, to - from)) * 60_000);
}

/**
 * Turns the scenario's attacks into one attacker per (attack, target). Targets, egress pools and start times come
 * from a stream per attack name, so an attack's draws do not depend on the other attacks.
 */
export function planAttacks(scenario: ResolvedScenario, identities: UserIdentity[]): PlannedAttacker[] {
  const planned: PlannedAttacker[] = [];
  for (const attack of scenario.attacks) {
    const rng = RandomStream.create(scenario.seed, `attack:${attack.name}`);
    const targets = pickTargets(attack, identities, rng);
    if (targets.length === 0) continue;
    const first = identities[targets[0]];
    const dayStart = localMidnight(first.timeZone, scenario.startMs + attack.at.day * day + day / 2);
    const base = dayStart + attack.at.minuteOfDay * 60_000;
    // A campaign shares one egress pool; each target starts at a different point of the rotation.
    const pool = drawSources(attack, first, rng.fork('sources'));
    targets.forEach((target, j) => {
      // At a shared Mac the attacker tries one account after another: each starts when the one before has had its
      // pushes, two minutes later.
      const startAt =
        attack.strategy === 'spray'
          ? base + (attack.spreadMs * j) / targets.length + rng.float() * 60_000
          : attack.sharedMac
            ? base + j * (attack.pushes * attack.intervalMs + 2 * 60_000)
            : base + j * 60_000;
      const anchored =
        attack.anchor && 'during' in attack.anchor
          ? duringStart(attack.anchor.during, identities[target], scenario, attack.at.day, rng.fork(`during-${target}`))
          : undefined;
      const rotated = pool.map((_, k) => pool[(k + j * attack.sources.rotateEvery) % pool.length]);
      const attackerRng = rng.fork(`target-${target}`);
      planned.push({
        incidentId: `${attack.name}#${j + 1}`,
        attack,
        target,
        startAt: anchored ?? startAt,
        sources: rotated,
        device: {
          id: `br-${attackerRng.uint32().toString(16)}`,
          kind: 'browser',
          ...attackerRng.pick([{ os: 'Windows', osVersion: '10' }, { os: 'Linux' }, { os: 'macOS', osVersion: '15.5' }]),
        },
        phone: drawPhone(attackerRng.fork('phone')),
        app: attackerRng.fork('app').pick(identities[target].apps),
        rng: attackerRng,
      });
    });
  }
  return planned;
}
