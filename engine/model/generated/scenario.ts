/**
 * GENERATED from scenarios/scenario.schema.json by engine/model/schema/generateTypes.ts — do not edit.
 * Run `npm run gen:types` after changing the schema; a test fails while this file is stale.
 */

/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Probability".
 */
export type Probability = number;
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string;

/**
 * A simulated world: who works there, how the IdP is configured, what benign noise happens and which attacks run. YAML or JSON. Durations are strings such as "45s", "10m", "2h", "3d".
 */
export interface Scenario {
  /**
   * Short kebab-case name.
   */
  name: string;
  description?: string;
  /**
   * Default seed; --seed overrides it.
   */
  seed?: number;
  /**
   * Simulation start, ISO 8601 with offset, e.g. 2026-03-02T00:00:00Z.
   */
  start: string;
  /**
   * Simulated time span, e.g. "30d".
   */
  duration: string;
  population: Population;
  idp?: IdpPolicy;
  noise?: Noise;
  attacks?: Attack[];
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Population".
 */
export interface Population {
  users: number;
  domain?: string;
  /**
   * IANA time zone → relative weight (normalised by the sum).
   */
  timeZones?: {
    [k: string]: number;
  };
  /**
   * Behaviour profile → weight. cautious: denies and reports unsolicited prompts; typical: denies or ignores; fatigable: approves more readily as prompts pile up and after a 'this is IT' message.
   */
  profiles?: {
    cautious?: number;
    typical?: number;
    fatigable?: number;
  };
  /**
   * Department name → relative weight: each user belongs to one, drawn by weight (e.g. { engineering: 6, sales: 3, it: 1 }). Attacks can target a department (targetDepartment).
   */
  departments?: {
    [k: string]: number;
  };
  /**
   * Role → share of users holding it (shares add up to at most 1; the rest hold none): executives, contractors, the help desk, IT administrators. Users of shared lab Macs hold the role labUser besides. Attacks can target a role (targetRole).
   */
  roles?: {
    executive?: Probability;
    contractor?: Probability;
    helpDesk?: Probability;
    it?: Probability;
  };
  /**
   * Groups of users who keep other hours than workHours (early and late shifts, a night help desk): each user joins a shift with its share of chance, else keeps workHours; spread and weekends are workHours'. A day shift runs within 04:00-22:00; a night shift has its end before its start (22:00 to 06:00): it starts at 18:00 or later and ends by 10:00 the next morning.
   *
   * @minItems 1
   */
  shifts?: [
    {
      share: Probability;
      start: string;
      end: string;
    },
    ...{
      share: Probability;
      start: string;
      end: string;
    }[]
  ];
  workHours?: {
    start?: string;
    end?: string;
    /**
     * Standard deviation of each user's start and end around these times.
     */
    spread?: string;
    /**
     * Chance a user works on a weekend day.
     */
    weekends?: number;
  };
  /**
   * Each user's mean number of IdP sign-ins per workday (apps, VPN, mail re-auth) is drawn uniformly from [min, max].
   */
  loginsPerDay?: {
    min?: number;
    max?: number;
  };
  /**
   * @minItems 1
   */
  apps?: [string, ...string[]];
  macs?: {
    /**
     * Fraction of users with their own managed Mac.
     */
    perUser?: number;
    /**
     * Shared lab Macs (fast user switching; each user's session on it is independent).
     */
    shared?: number;
    /**
     * Fraction of users who also log in at a shared Mac.
     */
    sharedUsers?: number;
    /**
     * Chance a user of a shared lab Mac uses it on a given workday (0.3 unless given): with many lab users, a busy lab Mac sees dozens of people a day, each with a login-window logon.
     */
    labVisits?: number;
    /**
     * Fraction of Macs with the enterprise MFA plug-in (Okta Device Access style) at the login window.
     */
    desktopMfa?: number;
    /**
     * Fraction of Macs with Remote Login (ssh) and screen sharing on.
     */
    sshEnabled?: number;
  };
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "IdpPolicy".
 */
export interface IdpPolicy {
  vendor?: 'okta' | 'duo' | 'entra';
  pushTimeout?: string;
  numberMatching?: boolean;
  /**
   * Share of sign-ins that skip MFA (remembered device, trusted network).
   */
  mfaSkip?: number;
  rateLimit?: {
    challenges?: number;
    per?: string;
    enabled?: boolean;
  };
  lockout?: {
    /**
     * Consecutive primary-factor failures before the account locks (denied pushes do not count, as in Okta).
     */
    failures?: number;
    duration?: string;
  };
  /**
   * How long pushes are muted after a fraud report (Duo: 20 minutes). "0s" disables.
   */
  fraudMute?: string;
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Noise".
 */
export interface Noise {
  /**
   * Chance a user misses an expected push (and retries).
   */
  missedPush?: number;
  /**
   * Chance a user denies their own push by mistake.
   */
  denyOwnPush?: number;
  /**
   * Chance a sign-in starts with a mistyped password.
   */
  fatFinger?: number;
  /**
   * Chance a user is travelling on a given day (foreign IP, odd hours).
   */
  travel?: number;
  /**
   * Daily chance a user gets a new phone (factor reset and enrolment).
   */
  deviceChange?: number;
  enrolmentWaves?: {
    at: DayTime;
    fraction: Probability;
    over?: string;
  }[];
  /**
   * Fleet restarts (an OS update installed overnight, an MDM-forced reboot): each affected user's Mac restarts at a moment within `over` from `at` (UTC), so their next logon is at the login window, with its MFA prompt where the plug-in is installed.
   */
  macRestarts?: {
    at: DayTime;
    /**
     * Share of users whose Mac restarts.
     */
    fraction: number;
    over?: string;
  }[];
  /**
   * Waves of Mac MFA plug-in (or MDM) re-registration: each affected Mac with the plug-in re-registers at a moment within `over` from `at` (UTC), signing its user out, and the user signs in again at the login window once per prompt (2 to 4 by default), each with the plug-in's MFA push, which they expect and answer.
   */
  pluginReenrolments?: {
    at: DayTime;
    /**
     * Share of users whose Mac re-registers (those without the plug-in are left out).
     */
    fraction: number;
    over?: string;
    prompts?: {
      min?: number;
      max?: number;
    };
  }[];
  /**
   * IdP push-delivery outages: pushes are not delivered; users retry.
   */
  outages?: {
    at: DayTime;
    duration: Duration;
    /**
     * Whom the outage reaches: sign-ins to one application, users of one time zone (a region), or both; default everyone.
     */
    scope?: {
      app?: string;
      timeZone?: string;
    };
    /**
     * How users whose push never comes retry during the outage: the share who retry at all, and each one's retries drawn from min to max (default: everyone, up to 3, as outside outages).
     */
    retry?: {
      share?: number;
      min?: number;
      max?: number;
    };
  }[];
  conferences?: {
    at: DayTime;
    days: number;
    attendees: number;
    country: string;
    city?: string;
    timeZone?: string;
  }[];
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "DayTime".
 */
export interface DayTime {
  /**
   * Day index from the scenario start (0 = first day).
   */
  day: number;
  /**
   * Wall-clock time HH:MM in the target's time zone (UTC for world-wide events).
   */
  time?: string;
}
/**
 * One attack campaign. `at` is when it starts, in the first target's local time.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Attack".
 */
export interface Attack {
  name: string;
  strategy: 'burst' | 'low-and-slow' | 'night' | 'spray' | 'login-window' | 'script';
  /**
   * script: the attack step by step, as an incident report or a log excerpt tells it; each step at an offset from the attack's start (after) or at an absolute time (at), and run in time order for every target.
   *
   * @minItems 1
   * @maxItems 1000
   */
  steps?: [ScriptStep, ...ScriptStep[]];
  /**
   * How many users to target (picked by the seed), or explicit user indexes.
   */
  targets?: number | [number, ...number[]];
  /**
   * Prefer targets of this profile.
   */
  targetProfile?: 'cautious' | 'typical' | 'fatigable';
  /**
   * Prefer targets of this department (one of population.departments).
   */
  targetDepartment?: string;
  /**
   * Prefer targets holding this role (population.roles; labUser: users of shared lab Macs).
   */
  targetRole?: 'executive' | 'contractor' | 'helpDesk' | 'it' | 'labUser';
  /**
   * login-window: one attacker at one shared lab Mac, trying its users' accounts one after another (targets are drawn from that Mac's users).
   */
  sharedMac?: boolean;
  /**
   * Prefer targets in this time zone (one of population.timeZones): an attacker working one region's office.
   */
  targetTimeZone?: string;
  at: AttackAt;
  /**
   * Most challenges per target; the attacker stops early on approval.
   */
  pushes?: number;
  /**
   * Mean gap between attempts on one target (default 60s; low-and-slow: spread / pushes, each push moved into the victim's working hours on a workday).
   */
  interval?: string;
  /**
   * low-and-slow: this many pushes on each of the victim's workdays (the first day counts from `at`), at random times within their working hours, none at weekends, until `pushes` are sent; instead of interval and spread.
   */
  pushesPerDay?: number;
  /**
   * Relative random spread of the interval.
   */
  jitter?: number;
  /**
   * low-and-slow without interval or pushesPerDay: the time span the pushes are spread over (mean gap spread / pushes); spray: the span over which targets are started.
   */
  spread?: string;
  sources?: {
    kind?: 'single' | 'residential' | 'vpn' | 'hosting' | 'tor';
    /**
     * Number of distinct egress IPs.
     */
    pool?: number;
    /**
     * Attempts before switching to the next IP.
     */
    rotateEvery?: number;
    /**
     * Egress country (default: the victim's).
     */
    country?: string;
    /**
     * Every egress IP from this autonomous system, one of pushstorm's networks (an unknown number is refused with the list), e.g. 7922 with pool 400 for many addresses of one ISP.
     */
    asn?: number;
    /**
     * Whether the IdP flags these addresses as proxies: default true for vpn, hosting and tor, false for single and residential (residential proxies exit through consumer ISPs' addresses, which IdPs mostly do not flag).
     */
    flagged?: boolean;
    /**
     * single and residential: an attacker close to the victim - in their country, in their city, or on their own home ISP (its AS number) in their city.
     */
    near?: 'country' | 'city' | 'isp';
  };
  /**
   * How the targeted user answers this attack's prompts instead of by their behaviour profile (the default, "profile"): never approves, denies every prompt, approves the first prompt after the social-engineering contact, approves the Nth prompt, or reports the Nth as fraud. Before the deciding prompt, prompts are left unanswered or denied.
   */
  response?:
    | ('profile' | 'never' | 'deniesAll' | 'approvesAfterContact')
    | {
        /**
         * The prompt (1 = the first) the user approves.
         */
        approvesAt: number;
      }
    | {
        /**
         * The prompt (1 = the first) the user reports as fraud.
         */
        reportsFraudAt: number;
      };
  socialEngineering?: {
    /**
     * Send the 'this is IT' message after this many prompts.
     */
    afterPrompts: number;
    channel?: 'whatsapp' | 'phone' | 'sms' | 'teams';
    /**
     * Chance the victim reads the matching number to the attacker (defeats number matching).
     */
    numberRelay?: number;
  };
  /**
   * burst, night and login-window: the attack comes back, `times` bursts in all, each of `pushes` pushes, starting `every` apart (from `at`); one incident per target holds every burst.
   */
  repeat?: {
    /**
     * Time from one burst's start to the next's, e.g. 1d.
     */
    every: string;
    /**
     * Bursts in all, the first included.
     */
    times: number;
    /**
     * A burst due on the victim's Saturday or Sunday moves to their Monday, same time.
     */
    workdaysOnly?: boolean;
  };
  postCompromise?: {
    enrollFactor?: boolean;
    after?: string;
  };
}
/**
 * One step of a scripted attack: when (after or at, one of them) and what (exactly one of push, password, loginWindow, contact, enrolFactor).
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "ScriptStep".
 */
export interface ScriptStep {
  /**
   * Offset from the attack's start (at, in the target's local time).
   */
  after?: string;
  /**
   * Absolute time, ISO 8601 with offset; the same moment for every target.
   */
  at?: string;
  /**
   * A sign-in with the victim's password that raises an MFA push; unset fields come from the attack's sources and browser.
   */
  push?: {
    ip?: string;
    asn?: number;
    country?: string;
    /**
     * Whether the IdP flags the address as a proxy (default false).
     */
    proxy?: boolean;
    /**
     * The attacker's browser's operating system.
     */
    device?: 'windows' | 'linux' | 'macos';
  };
  /**
   * A password-spray step: a sign-in with a guessed password; wrong (ok: false) it fails at the primary factor, right it raises a push like a push step.
   */
  password?: {
    ok: boolean;
    ip?: string;
  };
  /**
   * The password typed at the login window of the victim's own Mac (or their lab Mac): its MFA plug-in asks for a push. The first such step restarts the Mac 45 s before.
   */
  loginWindow?: {
    mac?: 'own' | 'lab';
  };
  /**
   * The social-engineering contact ("this is IT, approve the prompt").
   */
  contact?: {
    channel?: 'whatsapp' | 'phone' | 'sms' | 'teams';
    numberRelay?: number;
  };
  /**
   * The attacker enrols their own phone as a factor: done when the victim has approved a prompt by then, else skipped (the truth says so).
   */
  enrolFactor?: {};
}
/**
 * When an attack starts: a time of day in the first target's local time (time, default 09:00); or, per target, a moment of that target's own day (relativeTo, with an offset and a jitter) or a time drawn in a part of it (during).
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "AttackAt".
 */
export interface AttackAt {
  /**
   * Day index from the scenario start (0 = first day).
   */
  day: number;
  /**
   * Wall-clock time HH:MM in the first target's time zone (default 09:00).
   */
  time?: string;
  /**
   * A moment of each target's own day: their first or last IdP sign-in, their arrival at work, their lunch break; a day without it moves to the target's next day with it.
   */
  relativeTo?: 'firstSignIn' | 'lastSignIn' | 'workStart' | 'lunch';
  /**
   * relativeTo: added to the moment, e.g. "2m" after or "-5m" before (default 0s).
   */
  offset?: string;
  /**
   * relativeTo: a uniform random delay from 0 to this, per target (default 0s).
   */
  jitter?: string;
  /**
   * A time drawn per target in that part of their day: their working hours, the evening (an hour after they leave to 23:00), the night (00:30 to 05:00).
   */
  during?: 'workHours' | 'evening' | 'night';
}
