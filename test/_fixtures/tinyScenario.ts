import type { ResolvedAttack, ResolvedScenario } from '../../generators/scenario/ResolvedScenario.ts';

const day = 86_400_000;
const minute = 60_000;

/** Options of {@link tinyScenario}; everything not given keeps the small default world. */
export interface TinyScenarioOptions {
  users?: number;
  days?: number;
  seed?: number;
  /** `false` for no attacks; an array replaces the default two (a burst and a login-window attack). */
  attacks?: boolean | ResolvedAttack[];
  /** Explicit target indexes for the default attacks (burst, login-window), instead of drawn targets. */
  targets?: [number[], number[]];
  numberMatching?: boolean;
  outages?: ResolvedScenario['noise']['outages'];
  conferences?: ResolvedScenario['noise']['conferences'];
  enrolmentWaves?: ResolvedScenario['noise']['enrolmentWaves'];
  /** Overrides merged into `population.macs`. */
  macs?: Partial<ResolvedScenario['population']['macs']>;
  /** Overrides merged into `noise` (after the arrays above). */
  noise?: Partial<ResolvedScenario['noise']>;
  /** Overrides merged into `idp`. */
  idp?: Partial<ResolvedScenario['idp']>;
  startMs?: number;
  /** Replaces the default [New York, London] half-and-half. */
  timeZones?: Array<[string, number]>;
  /** Overrides merged into `population.workHours`. */
  workHours?: Partial<ResolvedScenario['population']['workHours']>;
}

/** The two default attacks: a fatigable-user burst with a "this is IT" message, and a night login-window attack. */
export function defaultAttacks(targets?: [number[], number[]]): ResolvedAttack[] {
  return [
    {
      name: 'burst',
      strategy: 'burst',
      targets: targets ? targets[0] : 1,
      targetProfile: 'fatigable',
      at: { day: 0, minuteOfDay: 21 * 60 },
      pushes: 30,
      intervalMs: minute,
      jitter: 0.3,
      spreadMs: 0,
      sources: { kind: 'residential', pool: 5, rotateEvery: 3 },
      socialEngineering: { afterPrompts: 10, channel: 'whatsapp', numberRelay: 0.5 },
      postCompromise: { enrollFactor: true, afterMs: 300_000 },
    },
    {
      name: 'lw',
      strategy: 'login-window',
      targets: targets ? targets[1] : 1,
      at: { day: 1, minuteOfDay: 150 },
      pushes: 20,
      intervalMs: 40_000,
      jitter: 0.3,
      spreadMs: 0,
      sources: { kind: 'single', pool: 1, rotateEvery: 1 },
      postCompromise: { enrollFactor: false, afterMs: 0 },
    },
  ];
}

/**
 * One attack of every strategy (spray over 6 users from hosting egress, low-and-slow over a day from VPNs, a
 * night-time storm with a "this is IT" call against users 0 and 3, login-window attacks on two typical users), for
 * worlds that should exercise every attacker path. Explicit targets that do not exist are skipped by the planner.
 */
export function everyStrategy(): ResolvedAttack[] {
  return [
    {
      name: 'spray',
      strategy: 'spray',
      targets: 6,
      at: { day: 0, minuteOfDay: 600 },
      pushes: 8,
      intervalMs: 30_000,
      jitter: 0.5,
      spreadMs: 3_600_000,
      sources: { kind: 'hosting', pool: 3, rotateEvery: 2 },
      postCompromise: { enrollFactor: true, afterMs: 60_000 },
    },
    {
      name: 'slow',
      strategy: 'low-and-slow',
      targets: 1,
      at: { day: 0, minuteOfDay: 660 },
      pushes: 10,
      intervalMs: minute,
      jitter: 0.2,
      spreadMs: day,
      sources: { kind: 'vpn', pool: 2, rotateEvery: 1 },
      postCompromise: { enrollFactor: false, afterMs: 0 },
    },
    {
      name: 'night',
      strategy: 'night',
      targets: [0, 3],
      at: { day: 1, minuteOfDay: 120 },
      pushes: 40,
      intervalMs: 10_000,
      jitter: 0.1,
      spreadMs: 0,
      sources: { kind: 'tor', pool: 4, rotateEvery: 5 },
      socialEngineering: { afterPrompts: 5, channel: 'phone', numberRelay: 0.9 },
      postCompromise: { enrollFactor: true, afterMs: 1000 },
    },
    {
      name: 'lw-typical',
      strategy: 'login-window',
      targets: 2,
      targetProfile: 'typical',
      at: { day: 1, minuteOfDay: 150 },
      pushes: 20,
      intervalMs: 90_000,
      jitter: 0.3,
      spreadMs: 0,
      sources: { kind: 'single', pool: 1, rotateEvery: 1 },
      postCompromise: { enrollFactor: true, afterMs: 0 },
    },
  ];
}

/**
 * A small resolved scenario built directly (no loader): two time zones, three profiles, one Mac per user with
 * desktop MFA, and by default two attacks. A 20-user, 2-day world simulates in well under a second.
 */
export function tinyScenario(options: TinyScenarioOptions = {}): ResolvedScenario {
  const users = options.users ?? 20;
  const days = options.days ?? 2;
  const attacks = options.attacks === false ? [] : Array.isArray(options.attacks) ? options.attacks : defaultAttacks(options.targets);
  return {
    name: 'tiny',
    description: '',
    seed: options.seed ?? 7,
    startMs: options.startMs ?? Date.UTC(2026, 2, 2),
    durationMs: days * day,
    population: {
      users,
      domain: 'example.org',
      timeZones: options.timeZones ?? [
        ['America/New_York', 0.5],
        ['Europe/London', 0.5],
      ],
      profiles: [
        ['cautious', 0.3],
        ['typical', 0.6],
        ['fatigable', 0.1],
      ],
      workHours: { startMinute: 540, endMinute: 1050, spreadMs: 45 * minute, weekends: 0.05, ...options.workHours },
      loginsPerDay: { min: 0.5, max: 3 },
      apps: ['Office 365', 'Slack', 'Salesforce', 'Corporate VPN'],
      macs: { perUser: 1, shared: 0, sharedUsers: 0, desktopMfa: 1, sshEnabled: 0.1, ...options.macs },
    },
    idp: {
      vendor: 'okta',
      pushTimeoutMs: 60_000,
      numberMatching: options.numberMatching ?? false,
      mfaSkip: 0.22,
      rateLimit: { enabled: true, challenges: 10, perMs: 300_000 },
      lockout: { failures: 10, durationMs: 1_800_000 },
      fraudMuteMs: 1_200_000,
      ...options.idp,
    },
    noise: {
      missedPush: 0.05,
      denyOwnPush: 0.005,
      fatFinger: 0.03,
      travel: 0.02,
      deviceChange: 0.001,
      enrolmentWaves: options.enrolmentWaves ?? [],
      outages: options.outages ?? [],
      conferences: options.conferences ?? [],
      ...options.noise,
    },
    attacks,
    source: { name: 'tiny' } as never,
    hash: 'test',
  };
}
