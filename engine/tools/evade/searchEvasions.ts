import fc from 'fast-check';
import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { Scenario } from '../../model/generated/scenario.ts';
import { RandomStream } from '../../../generators/random/RandomStream.ts';
import {
  evasionAttacks,
  evasionContext,
  evasionScenario,
  type EvadeBudget,
  type EvadeFamily,
  type EvasionAttack,
  type EvasionContext,
} from './EvasionAttack.ts';
import { judgeAttack, type AttackOutcome, type EvadeGoal } from './judgeAttack.ts';

/** What to search. */
export interface EvadeOptions {
  family: EvadeFamily;
  budget: EvadeBudget;
  goal: EvadeGoal;
  /** Benign users around the victim (default 30). */
  users?: number;
  /** The search's seed: the same seed and options give the same evasions. */
  seed: number;
  /** Searches, each ending at its first evasion, shrunk (default 3). */
  rounds?: number;
  /** Attacks tried per search at most (default 200). */
  tries?: number;
  /** Called after every world simulated (tried or shrunk), with the count so far. */
  onWorld?: (worlds: number) => void;
  /** Where simulated worlds are kept (`--cache`): a search run again reads its worlds from there. Same results. */
  cache?: WorldCache;
}

/** An evading attack, shrunk to its plainest form, and the scenario that replays it. */
export interface Evasion {
  attack: EvasionAttack;
  outcome: AttackOutcome;
  scenario: Scenario;
}

/** What a search found. */
export interface EvadeResult {
  /** Worlds judged, tries and shrinking steps together. */
  worlds: number;
  /** Of {@link worlds}, those read from the world cache instead of simulated. */
  cachedWorlds: number;
  /** Distinct evasions, cheapest first (prompts, then days, then the order found). */
  evasions: Evasion[];
  /** Searches that found nothing in their tries. */
  cleanRounds: number;
  context: EvasionContext;
}

/**
 * Searches the attacker's parameters of one family for attacks that compromise the victim within the budget with no
 * alert before the approval (goal `compromise`) or none at all (`undetected`). Each round is a fast-check run over the
 * family's attacks, from its own seed, that stops at the first evasion and shrinks it — fewer prompts, shorter gaps,
 * no jitter, plainer sources — as long as the smaller attack still evades; so every evasion reported is one that
 * evades, in the plainest form the shrinking reached. Seeded and reproducible.
 */
export function searchEvasions(instances: readonly DetectorInstance[], options: EvadeOptions): EvadeResult {
  const context = evasionContext(options.budget, options.seed, options.users);
  let worlds = 0;
  let cachedWorlds = 0;
  const evaluate = {
    cache: options.cache,
    onWorld: (fromCache: boolean) => {
      if (fromCache) cachedWorlds++;
    },
  };
  const judge = (attack: EvasionAttack) => {
    const outcome = judgeAttack(attack, context, instances, options.budget, options.goal, evaluate);
    worlds++;
    options.onWorld?.(worlds);
    return outcome;
  };
  const found = new Map<string, Evasion>();
  let cleanRounds = 0;
  const rounds = options.rounds ?? 3;
  for (let round = 0; round < rounds; round++) {
    const seed = RandomStream.create(options.seed, `evade:${options.family}:${round}`).uint32() | 0;
    const result = fc.check(
      fc.property(evasionAttacks(options.family, options.budget), (attack) => judge(attack).status !== 'evaded'),
      { seed, numRuns: options.tries ?? 200 },
    );
    if (!result.failed || result.counterexample === null) {
      cleanRounds++;
      continue;
    }
    const [attack] = result.counterexample;
    const key = JSON.stringify(attack);
    if (found.has(key)) continue;
    found.set(key, { attack, outcome: judge(attack), scenario: evasionScenario(attack, context) });
  }
  const evasions = [...found.values()]
    .filter((e) => e.outcome.status === 'evaded')
    .sort((a, b) => a.outcome.prompts - b.outcome.prompts || (a.outcome.days ?? 0) - (b.outcome.days ?? 0));
  return { worlds, cachedWorlds, evasions, cleanRounds, context };
}
