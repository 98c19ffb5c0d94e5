import type { Device, NetworkOrigin } from '../../engine/model/generated/event.ts';
import type { RandomStream } from '../random/RandomStream.ts';
import type { SeededFaker } from '../random/createSeededFaker.ts';
import type { Profile, ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { corporateNetwork, placeForCountry, placeForZone, residentialNetworks, type Network, type Place } from './geo.ts';
import type { AnswerBehaviour, MacIdentity, UserIdentity } from './UserIdentity.ts';

const behaviours: Record<Profile, AnswerBehaviour> = {
  cautious: { approveBase: 0.002, approveGrowth: 0.05, itMultiplier: 3, deny: 0.6, fraud: 0.35, responseMedianS: 6 },
  typical: { approveBase: 0.01, approveGrowth: 0.12, itMultiplier: 6, deny: 0.45, fraud: 0.05, responseMedianS: 9 },
  fatigable: { approveBase: 0.02, approveGrowth: 0.35, itMultiplier: 10, deny: 0.3, fraud: 0, responseMedianS: 12 },
};

const macModels = ['Mac15,6', 'Mac15,7', 'Mac14,2', 'Mac16,1', 'Mac16,8', 'MacBookPro18,3'];
const macOsVersions: Array<[string, number]> = [
  ['26.1', 0.45],
  ['26.0.1', 0.2],
  ['15.7.2', 0.25],
  ['14.8.1', 0.1],
];
const phoneModels: Array<[{ model: string; os: string; osVersion: string }, number]> = [
  [{ model: 'iPhone17,1', os: 'iOS', osVersion: '26.1' }, 0.35],
  [{ model: 'iPhone16,2', os: 'iOS', osVersion: '26.0.1' }, 0.3],
  [{ model: 'iPhone14,5', os: 'iOS', osVersion: '18.7' }, 0.1],
  [{ model: 'Pixel 9', os: 'Android', osVersion: '16' }, 0.15],
  [{ model: 'SM-S921B', os: 'Android', osVersion: '15' }, 0.1],
];

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function token(rng: RandomStream, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rng.uint32() % alphabet.length];
  return s;
}

/** An IPv4 address in a network's block. */
export function addressIn(network: Network, rng: RandomStream): string {
  return `${network.prefix[0]}.${network.prefix[1]}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A network origin object for an address in a network at a place. */
export function originAt(ip: string, network: Network, place: Place, proxyKind?: NetworkOrigin['proxyKind']): NetworkOrigin {
  const origin: NetworkOrigin = {
    ip,
    asn: network.asn,
    asOrg: network.asOrg,
    country: place.country,
    city: place.city,
    lat: place.lat,
    lon: place.lon,
    proxy: proxyKind !== undefined,
  };
  if (proxyKind) origin.proxyKind = proxyKind;
  return origin;
}

/** A phone with the authenticator app, drawn from `rng`. */
export function drawPhone(rng: RandomStream): Device & { kind: 'phone' } {
  const p = rng.weighted(phoneModels);
  return { id: `guo${token(rng, alnum, 17)}`, kind: 'phone', os: p.os, osVersion: p.osVersion, model: p.model, managed: false };
}

function drawMac(
  rng: RandomStream,
  hostname: string,
  shortName: string,
  uid: number,
  scenario: ResolvedScenario,
  shared: boolean,
): MacIdentity {
  const osVersion = rng.weighted(macOsVersions);
  return {
    device: {
      id: `guo${token(rng, alnum, 17)}`,
      kind: 'mac',
      hostname,
      os: 'macOS',
      osVersion,
      model: rng.pick(macModels),
      managed: true,
      compliant: !osVersion.startsWith('14') || rng.chance(0.5),
      serial: token(rng, upper, 10),
    },
    desktopMfa: rng.chance(scenario.population.macs.desktopMfa),
    remoteAccess: rng.chance(scenario.population.macs.sshEnabled),
    shared,
    shortName,
    uid,
  };
}

/** The office egress for a time zone: one corporate address per office, the same for every user there. */
function officeOrigin(zone: string): NetworkOrigin {
  const place = placeForZone(zone);
  let h = 0;
  for (let i = 0; i < zone.length; i++) h = (h * 31 + zone.charCodeAt(i)) >>> 0;
  const net = corporateNetwork();
  return originAt(`${net.prefix[0]}.${net.prefix[1]}.${h % 250}.${10 + (h % 7)}`, net, place);
}

/** A lab Mac's identity (the same hardware for every user of it; the local account differs). */
function labMacIdentity(seedRng: RandomStream, index: number, scenario: ResolvedScenario, shortName: string, uid: number): MacIdentity {
  const rng = seedRng.fork(`lab-mac-${index}`);
  const mac = drawMac(rng, `LAB-MAC-${String(index + 1).padStart(2, '0')}`, shortName, uid, scenario, true);
  return mac;
}

/**
 * Draws everything fixed about user `index` from their own stream: name and login (faker on the user's stream),
 * time zone, profile, work hours, sign-in rate, apps, home and office networks, Mac and phone. `taken` de-duplicates
 * logins in index order, so adding a user never renames an earlier one.
 */
export function buildIdentity(
  index: number,
  scenario: ResolvedScenario,
  rng: RandomStream,
  faker: SeededFaker,
  taken: Set<string>,
  labSeed: RandomStream,
): UserIdentity {
  const pop = scenario.population;
  const { first, last } = faker.using(rng.fork('name'), (f) => ({ first: f.person.firstName(), last: f.person.lastName() }));
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  let local = `${ascii(first)}.${ascii(last)}`;
  if (taken.has(local)) local = `${local}${index}`;
  taken.add(local);
  const login = `${local}@${pop.domain}`;
  const shortName = `${ascii(first).slice(0, 1)}${ascii(last)}`.slice(0, 20);
  const timeZone = rng.weighted(pop.timeZones);
  const office = placeForZone(timeZone);
  const homeNet = rng.pick(residentialNetworks(office.country));
  const homeOrigin = originAt(addressIn(homeNet, rng), homeNet, placeForCountry(office.country) ?? office);
  const profile = rng.weighted(pop.profiles);
  const wh = pop.workHours;
  const spreadMin = wh.spreadMs / 60_000;
  // A shift, drawn from a stream of its own so users outside every shift draw exactly as without shifts.
  const hours = pickShift(pop.shifts, rng) ?? wh;
  const workStartMin = Math.round(hours.startMinute + rng.normal(0, spreadMin));
  const workEndMin = Math.round(Math.max(workStartMin + 6 * 60, hours.endMinute + rng.normal(0, spreadMin)));
  const appCount = Math.min(pop.apps.length, rng.int(2, 5));
  const apps = rng.sample(pop.apps.length, appCount).map((i) => pop.apps[i]);
  const hasMac = rng.chance(pop.macs.perUser);
  const hostname = `${shortName.toUpperCase()}-MBP`;
  const mac = hasMac ? drawMac(rng.fork('mac'), hostname, shortName, 501, scenario, false) : undefined;
  const usesLab = pop.macs.shared > 0 && rng.chance(pop.macs.sharedUsers);
  const labMac = usesLab ? labMacIdentity(labSeed, rng.int(0, pop.macs.shared - 1), scenario, shortName, 1000 + index) : undefined;
  // Department and role from streams of their own, so a population without them draws exactly as before.
  const department = pop.departments ? rng.fork('department').weighted(pop.departments) : undefined;
  const roles = [...(pickRole(pop.roles, rng) ?? []), ...(labMac ? ['labUser'] : [])];
  return {
    ...(department === undefined ? {} : { department }),
    ...(roles.length > 0 ? { roles } : {}),
    index,
    login,
    displayName: `${first} ${last}`,
    profile,
    timeZone,
    office,
    officeOrigin: officeOrigin(timeZone),
    homeOrigin,
    mac,
    labMac,
    phone: drawPhone(rng.fork('phone')),
    loginsPerDay: rng.between(pop.loginsPerDay.min, pop.loginsPerDay.max),
    workStartMin,
    workEndMin,
    apps,
    homeWorking: rng.between(0.1, 0.5),
    logoutRate: rng.between(0.05, 0.4),
    behaviour: behaviours[profile],
  };
}

/** The role a user holds (each with its share of chance, in order), or none. */
function pickRole(roles: ResolvedScenario['population']['roles'], rng: RandomStream): string[] | undefined {
  if (!roles) return undefined;
  let r = rng.fork('role').float();
  for (const [role, share] of Object.entries(roles)) {
    if (r < (share ?? 0)) return [role];
    r -= share ?? 0;
  }
  return undefined;
}

/** The shift a user joins (each with its share of chance, in order), or undefined for the scenario's work hours. */
function pickShift(
  shifts: ResolvedScenario['population']['shifts'],
  rng: RandomStream,
): { startMinute: number; endMinute: number } | undefined {
  if (!shifts) return undefined;
  let r = rng.fork('shift').float();
  for (const shift of shifts) {
    if (r < shift.share) return shift;
    r -= shift.share;
  }
  return undefined;
}
