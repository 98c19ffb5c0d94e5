import type { Scenario } from '../../engine/model/generated/scenario.ts';

/** Behaviour profiles of simulated users (see the scenario schema). */
export type Profile = 'cautious' | 'typical' | 'fatigable';
/** Attack strategies the attacker machine knows. */
type Strategy = 'burst' | 'low-and-slow' | 'night' | 'spray' | 'login-window' | 'script';
/** Egress kinds an attacker can use. */
type SourceKind = 'single' | 'residential' | 'vpn' | 'hosting' | 'tor';

/** A point in the scenario: day index from the start and minutes after local midnight. */
export interface ResolvedDayTime {
  day: number;
  minuteOfDay: number;
}

/**
 * How a targeted user answers one attack's prompts when the scenario says so, instead of by their behaviour profile:
 * never approves, denies every prompt, approves the first prompt after the social-engineering contact, approves the
 * `n`th prompt, or reports the `n`th as fraud.
 */
export type VictimResponse =
  | { kind: 'never' }
  | { kind: 'deniesAll' }
  | { kind: 'approvesAfterContact' }
  | { kind: 'approvesAt'; n: number }
  | { kind: 'reportsFraudAt'; n: number };

/**
 * One step of a scripted attack: when — `afterMs` from the attack's start at its target, or at the absolute `atMs` —
 * and what.
 */
export type ResolvedStep = ({ afterMs: number } | { atMs: number }) &
  (
    | { kind: 'push'; ip?: string; asn?: number; country?: string; proxy?: boolean; device?: 'windows' | 'linux' | 'macos' }
    | { kind: 'password'; ok: boolean; ip?: string }
    | { kind: 'loginWindow'; mac: 'own' | 'lab' }
    | { kind: 'contact'; channel: string; numberRelay: number }
    | { kind: 'enrolFactor' }
  );

/**
 * An attack's start in each target's own day: a moment of their plan (`relativeTo`, plus `offsetMs` and a uniform
 * delay up to `jitterMs`), or a time drawn in a part of their day (`during`).
 */
export type ResolvedAnchor =
  | { relativeTo: 'firstSignIn' | 'lastSignIn' | 'workStart' | 'lunch'; offsetMs: number; jitterMs: number }
  | { during: 'workHours' | 'evening' | 'night' };

/** An IdP push outage: when, whom it reaches (default everyone), and how its users retry (default as outside one). */
export interface ResolvedOutage {
  at: ResolvedDayTime;
  durationMs: number;
  scope?: { app?: string; timeZone?: string };
  retry?: { share: number; min: number; max: number };
}

/** One attack after defaults, with durations in milliseconds. */
export interface ResolvedAttack {
  name: string;
  strategy: Strategy;
  /** Number of targets to pick, or explicit user indexes. */
  targets: number | number[];
  targetProfile?: Profile;
  /** Prefer targets in this time zone. */
  targetTimeZone?: string;
  /** Prefer targets of this department. */
  targetDepartment?: string;
  /** Prefer targets holding this role. */
  targetRole?: 'executive' | 'contractor' | 'helpDesk' | 'it' | 'labUser';
  /** login-window at one shared lab Mac, its users' accounts one after another. */
  sharedMac?: boolean;
  at: ResolvedDayTime;
  /** The start per target from that target's own day, instead of `at`'s time of day. */
  anchor?: ResolvedAnchor;
  pushes: number;
  intervalMs: number;
  /** low-and-slow: pushes on each of the victim's workdays, instead of `intervalMs`. */
  pushesPerDay?: number;
  /** script: the steps, as written (each target runs them in time order). */
  steps?: ResolvedStep[];
  jitter: number;
  spreadMs: number;
  /** Egress: `asn` draws every address from that network; `flagged` overrides whether the IdP marks them as proxies. */
  sources: {
    kind: SourceKind;
    pool: number;
    rotateEvery: number;
    country?: string;
    asn?: number;
    flagged?: boolean;
    near?: 'country' | 'city' | 'isp';
  };
  socialEngineering?: { afterPrompts: number; channel: 'whatsapp' | 'phone' | 'sms' | 'teams'; numberRelay: number };
  postCompromise: { enrollFactor: boolean; afterMs: number };
  /** Absent: the victim answers by their behaviour profile. */
  response?: VictimResponse;
  /** A recurring attack: `times` bursts of `pushes`, `everyMs` apart from `at`; absent for one. */
  repeat?: { everyMs: number; times: number; workdaysOnly: boolean };
}

/**
 * A validated scenario with every default filled in, overrides (`--seed`, `--users`, `--days`) applied, durations
 * converted to milliseconds and the start to UTC epoch ms. This is what the simulation reads; nothing else is.
 */
export interface ResolvedScenario {
  name: string;
  description: string;
  seed: number;
  startMs: number;
  durationMs: number;
  population: {
    users: number;
    domain: string;
    /** [IANA zone, weight] pairs, weights normalised to sum 1, in the file's order. */
    timeZones: Array<[string, number]>;
    /** [profile, weight] pairs, normalised. */
    profiles: Array<[Profile, number]>;
    workHours: { startMinute: number; endMinute: number; spreadMs: number; weekends: number };
    /** [department, weight] pairs, normalised; absent when none. */
    departments?: Array<[string, number]>;
    /** Role → share of users holding it; absent when none. */
    roles?: Partial<Record<'executive' | 'contractor' | 'helpDesk' | 'it', number>>;
    /** Groups keeping other hours; absent when none (the hash of scenarios without shifts is unchanged). */
    shifts?: Array<{ share: number; startMinute: number; endMinute: number }>;
    loginsPerDay: { min: number; max: number };
    apps: string[];
    /** `labVisits`: a lab user's chance of a lab session on a workday, when the scenario gives one (else 0.3). */
    macs: { perUser: number; shared: number; sharedUsers: number; desktopMfa: number; sshEnabled: number; labVisits?: number };
  };
  idp: {
    vendor: 'okta' | 'duo' | 'entra';
    pushTimeoutMs: number;
    numberMatching: boolean;
    mfaSkip: number;
    rateLimit: { enabled: boolean; challenges: number; perMs: number };
    lockout: { failures: number; durationMs: number };
    fraudMuteMs: number;
  };
  noise: {
    missedPush: number;
    denyOwnPush: number;
    fatFinger: number;
    travel: number;
    deviceChange: number;
    enrolmentWaves: Array<{ at: ResolvedDayTime; fraction: number; overMs: number }>;
    /** Fleet restarts; absent when there are none (so the hash of scenarios without any is unchanged). */
    macRestarts?: Array<{ at: ResolvedDayTime; fraction: number; overMs: number }>;
    /** Mac MFA plug-in re-registration waves; absent when none. */
    pluginReenrolments?: Array<{ at: ResolvedDayTime; fraction: number; overMs: number; minPrompts: number; maxPrompts: number }>;
    outages: ResolvedOutage[];
    conferences: Array<{
      at: ResolvedDayTime;
      days: number;
      attendees: number;
      country: string;
      city?: string;
      timeZone?: string;
    }>;
  };
  attacks: ResolvedAttack[];
  /** The scenario as written (after YAML parsing), for reports. */
  source: Scenario;
  /** sha256 (hex) of the resolved scenario as canonical JSON (keys sorted), `source` excluded. */
  hash: string;
}

/** Overrides a CLI or a test applies on top of a scenario file. */
export interface ScenarioOverrides {
  seed?: number;
  users?: number;
  days?: number;
}
