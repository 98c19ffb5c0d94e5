import fc from 'fast-check';
import type { Attack, Noise, Scenario } from '../../engine/model/generated/scenario.ts';
import { knownAsns } from '../population/geo.ts';
import type { SpaceFamily, SpaceNoiseKind } from './SpaceFamily.ts';
import { spaceNoiseKinds } from './SpaceFamily.ts';

/** A scenario of a space, with what it was drawn as. */
export interface SpaceScenario {
  family: SpaceFamily;
  noise: SpaceNoiseKind[];
  scenario: Scenario;
}

const zones = [
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Warsaw',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const apps = ['Okta Dashboard', 'Office 365', 'Slack', 'Salesforce', 'Corporate VPN', 'GitHub Enterprise', 'Workday'];
const day0 = Date.UTC(2026, 0, 5);

/** "HH:MM" from minutes after midnight. */
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** A time of day between two hours, on a 5-minute grid. */
const timeBetween = (fromHour: number, toHour: number) => fc.integer({ min: fromHour * 12, max: toHour * 12 - 1 }).map((k) => hhmm(k * 5));
const seconds = (min: number, max: number) => fc.integer({ min, max }).map((s) => `${s}s`);
const probability = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((k) => k / 1000);

/** What an attack needs to know of its world to fit in it. */
interface WorldShape {
  users: number;
  days: number;
}

function worldArbitrary(shape: { users: [number, number]; days: [number, number]; shared?: boolean }) {
  return fc.record({
    users: fc.integer({ min: shape.users[0], max: shape.users[1] }),
    days: fc.integer({ min: shape.days[0], max: shape.days[1] }),
    startDay: fc.integer({ min: 0, max: 330 }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    zones: fc.shuffledSubarray(zones, { minLength: 1, maxLength: 3 }),
    profiles: fc.record({ cautious: probability(0.1, 0.5), typical: probability(0.3, 0.7), fatigable: probability(0.02, 0.25) }),
    start: timeBetween(7, 10),
    end: timeBetween(16, 19),
    loginsMin: probability(0.2, 1),
    loginsSpan: probability(0.5, 2.5),
    perUser: probability(0.8, 1),
    desktopMfa: probability(0.5, 1),
    shared: shape.shared ? fc.integer({ min: 1, max: 3 }) : fc.constant(0),
    sharedUsers: shape.shared ? probability(0.2, 0.5) : fc.constant(0),
    vendor: fc.constantFrom('okta' as const, 'duo' as const, 'entra' as const),
    numberMatching: fc.boolean(),
    mfaSkip: probability(0.1, 0.35),
  });
}

type DrawnWorld = ReturnType<typeof worldArbitrary> extends fc.Arbitrary<infer W> ? W : never;

function scenarioOf(name: string, world: DrawnWorld, noise: Noise, attacks: Attack[]): Scenario {
  const weight = Number((1 / world.zones.length).toFixed(3));
  return {
    name,
    description: 'Drawn from the pushstorm scenario space.',
    seed: world.seed,
    start: new Date(day0 + world.startDay * 86_400_000).toISOString().replace('.000Z', 'Z'),
    duration: `${world.days}d`,
    population: {
      users: world.users,
      timeZones: Object.fromEntries(world.zones.map((zone) => [zone, weight])),
      profiles: world.profiles,
      workHours: { start: world.start, end: world.end },
      loginsPerDay: { min: world.loginsMin, max: Number((world.loginsMin + world.loginsSpan).toFixed(3)) },
      apps: [apps[0], ...apps.slice(1)],
      macs: { perUser: world.perUser, desktopMfa: world.desktopMfa, shared: world.shared, sharedUsers: world.sharedUsers },
    },
    idp: { vendor: world.vendor, numberMatching: world.numberMatching, mfaSkip: world.mfaSkip },
    noise,
    attacks,
  };
}

/** Benign noise of the given kinds, on days of a world `days` long (the last two days kept clear). */
function noiseArbitrary(kinds: SpaceNoiseKind[], days: number, zonesOfWorld: string[]): fc.Arbitrary<Noise> {
  const someDay = fc.integer({ min: 0, max: Math.max(0, days - 2) });
  return fc
    .record({
      outage: fc.record({
        at: fc.record({ day: someDay, time: timeBetween(8, 17) }),
        duration: fc.integer({ min: 10, max: 150 }).map((m) => `${m}m`),
        retry: fc.record({ share: probability(0.3, 1), min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 8 }) }),
        scoped: fc.boolean(),
        zone: fc.constantFrom(...zonesOfWorld),
      }),
      wave: fc.record({
        at: fc.record({ day: someDay, time: timeBetween(8, 15) }),
        fraction: probability(0.1, 0.6),
        over: fc.constantFrom('4h', '1d', '2d'),
      }),
      restart: fc.record({
        at: fc.record({ day: someDay, time: timeBetween(0, 5) }),
        fraction: probability(0.2, 0.9),
        over: fc.constantFrom('1h', '2h', '4h'),
      }),
      conference: fc.record({
        at: fc.record({ day: fc.integer({ min: 0, max: Math.max(0, days - 3) }), time: timeBetween(8, 11) }),
        days: fc.integer({ min: 1, max: 3 }),
        attendees: fc.integer({ min: 5, max: 40 }),
        where: fc.constantFrom(
          { country: 'DE', city: 'Berlin', timeZone: 'Europe/Berlin' },
          { country: 'ES', city: 'Barcelona', timeZone: 'Europe/Madrid' },
          { country: 'US', city: 'Las Vegas', timeZone: 'America/Los_Angeles' },
          { country: 'SG', city: 'Singapore', timeZone: 'Asia/Singapore' },
        ),
      }),
      travel: probability(0.04, 0.12),
      missed: probability(0.1, 0.25),
    })
    .map((d) => {
      const noise: Noise = {};
      if (kinds.includes('outage')) {
        const retry = { ...d.outage.retry, max: Math.max(d.outage.retry.min, d.outage.retry.max) };
        noise.outages = [
          { at: d.outage.at, duration: d.outage.duration, retry, ...(d.outage.scoped ? { scope: { timeZone: d.outage.zone } } : {}) },
        ];
      }
      if (kinds.includes('enrolment-wave')) noise.enrolmentWaves = [d.wave];
      if (kinds.includes('mac-restarts')) noise.macRestarts = [d.restart];
      if (kinds.includes('conference'))
        noise.conferences = [{ at: d.conference.at, days: d.conference.days, attendees: d.conference.attendees, ...d.conference.where }];
      if (kinds.includes('travel')) noise.travel = d.travel;
      if (kinds.includes('missed-pushes')) noise.missedPush = d.missed;
      return noise;
    });
}

const sourcesArbitrary = fc.oneof(
  fc.record({
    kind: fc.constantFrom('single' as const, 'residential' as const),
    pool: fc.integer({ min: 1, max: 4 }),
    rotateEvery: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constantFrom('vpn' as const, 'hosting' as const, 'tor' as const),
    pool: fc.integer({ min: 1, max: 8 }),
    rotateEvery: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('residential' as const),
    pool: fc.integer({ min: 2, max: 40 }),
    rotateEvery: fc.integer({ min: 1, max: 3 }),
    asn: fc.constantFrom(...knownAsns()),
    flagged: fc.boolean(),
  }),
);

/** How the victim answers, usually by profile, sometimes fixed so an outcome is known. */
const responseFor = (pushes: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('never' as const, 'deniesAll' as const) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: pushes }).map((n) => ({ approvesAt: n })) },
  );

/** The attack of one family, in a world of `world.users` users and `world.days` days. */
function attackArbitrary(family: Exclude<SpaceFamily, 'benign'>, world: WorldShape): fc.Arbitrary<Attack> {
  // The day an attack starts: late enough days are left for it to unfold and be scored.
  const startDay = fc.integer({ min: 1, max: Math.max(1, world.days - 3) });
  const base = { name: family === 'recurring' ? 'recurring' : family, strategy: 'burst' as Attack['strategy'] };
  const burstLike = (strategy: Attack['strategy'], fromHour: number, toHour: number) =>
    fc
      .record({
        day: startDay,
        time: timeBetween(fromHour, toHour),
        pushes: fc.integer({ min: 3, max: 40 }),
        interval: seconds(20, 180),
        jitter: probability(0, 0.6),
        sources: sourcesArbitrary,
        targets: fc.integer({ min: 1, max: 3 }),
        profile: fc.option(fc.constantFrom('cautious' as const, 'typical' as const, 'fatigable' as const), { nil: undefined }),
      })
      .chain((a) => responseFor(a.pushes).map((response) => ({ ...a, response })))
      .map(
        (a): Attack => ({
          ...base,
          strategy,
          targets: a.targets,
          ...(a.profile ? { targetProfile: a.profile } : {}),
          at: { day: a.day, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
          jitter: a.jitter,
          sources: a.sources,
          ...(a.response ? { response: a.response } : {}),
        }),
      );
  switch (family) {
    case 'burst':
      return burstLike('burst', 8, 21);
    case 'night':
      return burstLike('night', 0, 5);
    case 'low-and-slow':
      return fc
        .record({
          perDay: fc.integer({ min: 1, max: 4 }),
          workdays: fc.integer({ min: 2, max: 5 }),
          time: timeBetween(9, 15),
          sources: sourcesArbitrary,
          targets: fc.integer({ min: 1, max: 3 }),
        })
        .map((a) => ({
          ...base,
          strategy: 'low-and-slow' as const,
          targets: a.targets,
          at: { day: 1, time: a.time },
          pushes: a.perDay * a.workdays,
          pushesPerDay: a.perDay,
          sources: a.sources,
        }));
    case 'spray':
      return fc
        .record({
          day: startDay,
          time: timeBetween(7, 16),
          targets: fc.integer({ min: 5, max: Math.min(40, world.users) }),
          pushes: fc.integer({ min: 1, max: 3 }),
          spreadMinutes: fc.integer({ min: 20, max: 8 * 60 }),
          interval: seconds(30, 120),
          sources: sourcesArbitrary,
        })
        .map((a) => ({
          ...base,
          strategy: 'spray' as const,
          targets: a.targets,
          at: { day: a.day, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
          spread: `${a.spreadMinutes}m`,
          sources: a.sources,
        }));
    case 'login-window':
      return fc
        .record({
          day: startDay,
          time: fc.oneof(timeBetween(0, 5), timeBetween(12, 14), timeBetween(19, 23)),
          pushes: fc.integer({ min: 3, max: 30 }),
          interval: seconds(25, 120),
        })
        .map((a) => ({
          ...base,
          strategy: 'login-window' as const,
          at: { day: a.day, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
        }));
    case 'shared-mac':
      return fc
        .record({
          day: startDay,
          time: timeBetween(10, 20),
          targets: fc.integer({ min: 2, max: 4 }),
          pushes: fc.integer({ min: 2, max: 8 }),
          interval: seconds(25, 90),
        })
        .map((a) => ({
          ...base,
          strategy: 'login-window' as const,
          sharedMac: true,
          targets: a.targets,
          at: { day: a.day, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
        }));
    case 'recurring':
      return fc
        .record({
          time: fc.oneof(timeBetween(7, 9), timeBetween(17, 22)),
          pushes: fc.integer({ min: 2, max: 8 }),
          interval: seconds(30, 120),
          times: fc.integer({ min: 2, max: 4 }),
          sources: sourcesArbitrary,
        })
        .map((a) => ({
          ...base,
          strategy: 'burst' as const,
          at: { day: 1, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
          sources: a.sources,
          repeat: { every: '1d', times: a.times, workdaysOnly: true },
        }));
    case 'social-engineering':
      return fc
        .record({
          day: startDay,
          time: timeBetween(8, 22),
          pushes: fc.integer({ min: 2, max: 25 }),
          interval: seconds(30, 150),
          channel: fc.constantFrom('whatsapp' as const, 'phone' as const, 'sms' as const, 'teams' as const),
          afterShare: probability(0, 1),
          contactApproves: fc.boolean(),
          sources: sourcesArbitrary,
        })
        .map((a) => ({
          ...base,
          strategy: 'burst' as const,
          at: { day: a.day, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
          sources: a.sources,
          socialEngineering: { afterPrompts: Math.min(a.pushes - 1, Math.floor(a.afterShare * a.pushes)), channel: a.channel },
          ...(a.contactApproves ? { response: 'approvesAfterContact' as const } : {}),
        }));
    case 'routine':
      // Timed by each victim's own day: right after their first sign-in (when a push is expected), or in their evening.
      return fc
        .record({
          day: startDay,
          anchor: fc.oneof(
            fc.record({
              relativeTo: fc.constantFrom('firstSignIn' as const, 'lastSignIn' as const, 'workStart' as const, 'lunch' as const),
              offsetS: fc.integer({ min: -300, max: 600 }),
              jitterS: fc.integer({ min: 0, max: 600 }),
            }),
            fc.record({ during: fc.constantFrom('workHours' as const, 'evening' as const, 'night' as const) }),
          ),
          pushes: fc.integer({ min: 2, max: 15 }),
          interval: seconds(20, 150),
          sources: sourcesArbitrary,
          targets: fc.integer({ min: 1, max: 3 }),
        })
        .map((a) => ({
          ...base,
          strategy: 'burst' as const,
          targets: a.targets,
          at:
            'during' in a.anchor
              ? { day: a.day, during: a.anchor.during }
              : { day: a.day, relativeTo: a.anchor.relativeTo, offset: `${a.anchor.offsetS}s`, jitter: `${a.anchor.jitterS}s` },
          pushes: a.pushes,
          interval: a.interval,
          sources: a.sources,
        }));
    case 'near-victim':
      return fc
        .record({
          day: startDay,
          time: timeBetween(8, 21),
          pushes: fc.integer({ min: 3, max: 25 }),
          interval: seconds(30, 150),
          near: fc.constantFrom('country' as const, 'city' as const, 'isp' as const),
          kind: fc.constantFrom('single' as const, 'residential' as const),
          pool: fc.integer({ min: 1, max: 3 }),
        })
        .map((a) => ({
          ...base,
          strategy: 'burst' as const,
          at: { day: a.day, time: a.time },
          pushes: a.pushes,
          interval: a.interval,
          sources: { kind: a.kind, pool: a.pool, near: a.near },
        }));
  }
}

/**
 * Scenarios of one family: a small world (tens to a few hundred users, days to two weeks, one to three time zones,
 * varied work hours, profiles, IdP policy and start date), zero to three kinds of benign noise, and — unless the
 * family is `benign` — one attack of that family with every parameter the scenario language has for it drawn.
 * Every scenario it yields is valid (a property test resolves thousands).
 */
export function spaceScenario(family: SpaceFamily, name: string): fc.Arbitrary<SpaceScenario> {
  const shape =
    family === 'low-and-slow' || family === 'recurring'
      ? { users: [40, 150] as [number, number], days: [10, 12] as [number, number] }
      : family === 'benign'
        ? { users: [100, 300] as [number, number], days: [4, 8] as [number, number] }
        : { users: [40, 150] as [number, number], days: [4, 7] as [number, number] };
  const noiseKinds = fc.subarray([...spaceNoiseKinds], { minLength: family === 'benign' ? 1 : 0, maxLength: 3 });
  return fc.tuple(worldArbitrary({ ...shape, shared: family === 'shared-mac' }), noiseKinds).chain(([world, kinds]) => {
    const shapeOf: WorldShape = { users: world.users, days: world.days };
    const attacks: fc.Arbitrary<Attack[]> = family === 'benign' ? fc.constant([]) : attackArbitrary(family, shapeOf).map((a) => [a]);
    type Shifts = NonNullable<Scenario['population']['shifts']>;
    const shifts = fc.constantFrom<Shifts>(
      [{ share: 0.1, start: '06:00', end: '14:30' }],
      [
        { share: 0.1, start: '05:30', end: '13:30' },
        { share: 0.15, start: '13:30', end: '21:30' },
      ],
    );
    return fc
      .tuple(noiseArbitrary(kinds, world.days, world.zones), attacks, shifts)
      .map(([noise, attackList, shiftList]): SpaceScenario => {
        const scenario = scenarioOf(name, world, noise, attackList);
        if (kinds.includes('shifts')) scenario.population.shifts = shiftList;
        return { family, noise: kinds, scenario };
      });
  });
}
