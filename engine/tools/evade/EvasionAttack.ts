import fc from 'fast-check';
import type { Attack, Scenario } from '../../model/generated/scenario.ts';

/** The attack families `pushstorm evade` searches. */
export const evadeFamilies = ['burst', 'low-and-slow', 'login-window', 'social-engineering'] as const;

/** One of {@link evadeFamilies}. */
export type EvadeFamily = (typeof evadeFamilies)[number];

/** What an evasion may cost the attacker: prompts from `minPrompts` to `maxPrompts`, within `maxDays`. */
export interface EvadeBudget {
  /**
   * The fewest prompts an attack may take (default 1). A victim who approves the first or second push leaves a
   * detector nothing to count, only the source and the timing to judge; a search for fatigue starts at 3.
   */
  minPrompts?: number;
  /** Prompts the victim sees up to and including the one they approve. */
  maxPrompts: number;
  /** Days from the first push to the approval. */
  maxDays: number;
}

/**
 * One attack the search tries, in the attacker's terms. Every field shrinks towards the plainest attack: fewer
 * prompts, shorter gaps, no jitter, midnight, one address on the attacker's own line, no contact.
 */
export interface EvasionAttack {
  family: EvadeFamily;
  /** The prompt the victim approves (the attack's cost); the attacker stops there. */
  prompts: number;
  /** Mean gap between pushes, seconds (burst, login-window, social-engineering). */
  intervalS: number;
  /** Relative spread of each gap. */
  jitter: number;
  /** Start, minutes after the victim's local midnight on day 1. */
  minuteOfDay: number;
  /** Egress: the attacker's own line, residential proxies, a VPN or hosting, or close to the victim. */
  source: 'single' | 'residential' | 'vpn' | 'hosting' | 'near-country' | 'near-city' | 'near-isp';
  pool: number;
  rotateEvery: number;
  /** low-and-slow: pushes on each of the victim's workdays. */
  perDay: number;
  /** social-engineering: the "this is IT" message after this many prompts; the next one is approved. */
  contactAfter: number;
}

/** The attacks of one family within a budget, for the search (and its shrinking). */
export function evasionAttacks(family: EvadeFamily, budget: EvadeBudget): fc.Arbitrary<EvasionAttack> {
  const minPrompts = Math.max(budget.minPrompts ?? 1, family === 'social-engineering' ? 2 : 1);
  const maxPrompts = Math.max(minPrompts, budget.maxPrompts);
  // A gap long enough to spread the prompts over the days allowed, and no longer.
  const maxInterval = Math.max(5, Math.min(6 * 3600, Math.floor((budget.maxDays * 86_400) / Math.max(1, maxPrompts))));
  return fc
    .record({
      prompts: fc.integer({ min: minPrompts, max: maxPrompts }),
      intervalS: fc.integer({ min: 5, max: maxInterval }),
      jitter: fc.integer({ min: 0, max: 50 }).map((k) => k / 100),
      minuteOfDay: fc.integer({ min: 0, max: 287 }).map((k) => k * 5),
      source: fc.constantFrom('single', 'residential', 'vpn', 'hosting', 'near-country', 'near-city', 'near-isp') as fc.Arbitrary<
        EvasionAttack['source']
      >,
      pool: fc.integer({ min: 1, max: 20 }),
      rotateEvery: fc.integer({ min: 1, max: 5 }),
      perDay: fc.integer({ min: 1, max: 8 }),
      contactShare: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ contactShare, ...a }) => ({
      family,
      ...a,
      // The contact comes after enough prompts that the approval (the next one) is within the budget's range.
      contactAfter:
        family === 'social-engineering'
          ? Math.max(minPrompts - 1, Math.min(a.prompts - 1, Math.floor((contactShare / 100) * a.prompts)))
          : 0,
    }))
    .filter(
      (a) => family !== 'low-and-slow' || Math.ceil(a.prompts / a.perDay) + 2 * Math.floor(a.prompts / a.perDay / 5) <= budget.maxDays,
    );
}

/** `pushstorm evade`'s budget when none is given: 3 to 40 prompts, within 3 days. */
export const defaultEvadeBudget = { minPrompts: 3, maxPrompts: 40, maxDays: 3 } as const satisfies EvadeBudget;

/** People in the small world an attack is tried in when none is given. */
export const defaultEvadeUsers = 30;

/** The world an attack is tried in: a small organisation around one victim. */
export interface EvasionContext {
  users: number;
  seed: number;
  /** Days simulated: the budget's days plus one before and one after. */
  days: number;
}

/** The world of a search or a boundary sweep under `budget`: the budget's days and room around them. */
export const evasionContext = (budget: EvadeBudget, seed: number, users = defaultEvadeUsers): EvasionContext => ({
  users,
  seed,
  days: budget.maxDays + 3,
});

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The scenario's attack for an evasion attack: user 0 is the victim and approves the attack's last prompt. */
function attackOf(a: EvasionAttack): Attack {
  const sources: Attack['sources'] = a.source.startsWith('near-')
    ? { kind: 'single', pool: Math.min(a.pool, 3), rotateEvery: a.rotateEvery, near: a.source.slice(5) as 'country' | 'city' | 'isp' }
    : {
        kind: a.source as 'single' | 'residential' | 'vpn' | 'hosting',
        pool: a.source === 'single' ? 1 : a.pool,
        rotateEvery: a.rotateEvery,
      };
  const common = { name: 'evasion', targets: [0] as [number], at: { day: 1, time: hhmm(a.minuteOfDay) }, pushes: a.prompts };
  switch (a.family) {
    case 'low-and-slow':
      return {
        ...common,
        strategy: 'low-and-slow',
        at: { day: 1, time: hhmm(Math.max(9 * 60, Math.min(16 * 60, a.minuteOfDay))) },
        pushesPerDay: a.perDay,
        sources,
        response: { approvesAt: a.prompts },
      };
    case 'login-window':
      return { ...common, strategy: 'login-window', interval: `${a.intervalS}s`, jitter: a.jitter, response: { approvesAt: a.prompts } };
    case 'social-engineering':
      return {
        ...common,
        strategy: 'burst',
        interval: `${a.intervalS}s`,
        jitter: a.jitter,
        sources,
        socialEngineering: { afterPrompts: a.contactAfter, channel: 'phone', numberRelay: 1 },
        response: 'approvesAfterContact',
      };
    default:
      return {
        ...common,
        strategy: a.minuteOfDay < 6 * 60 ? 'night' : 'burst',
        interval: `${a.intervalS}s`,
        jitter: a.jitter,
        sources,
        response: { approvesAt: a.prompts },
      };
  }
}

/**
 * The complete scenario in which an evasion attack is tried: `context.users` people in New York (user 0 the victim,
 * who approves the attack's last prompt), `context.days` days from Monday 2 March 2026, default policy and noise.
 * A ready-to-run scenario file: `pushstorm run` on it replays the attempt.
 */
export function evasionScenario(a: EvasionAttack, context: EvasionContext, name = 'evasion'): Scenario {
  return {
    name,
    description: `An attack found by pushstorm evade: ${a.family}, approved at prompt ${a.prompts}.`,
    seed: context.seed,
    start: '2026-03-02T00:00:00Z',
    duration: `${context.days}d`,
    population: { users: context.users, timeZones: { 'America/New_York': 1 } },
    attacks: [attackOf(a)],
  };
}
