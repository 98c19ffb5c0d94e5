/**
 * `pushstorm evade`: search the attacker's parameters for attacks that get past a detector set, shrink them to their
 * plainest form, and map the detection boundary.
 * @module
 */
export { defaultEvadeBudget, defaultEvadeUsers, evadeFamilies, evasionContext } from './EvasionAttack.ts';
export type { EvadeBudget, EvadeFamily, EvasionAttack } from './EvasionAttack.ts';
export type { AttackOutcome, EvadeGoal } from './judgeAttack.ts';
export { searchEvasions } from './searchEvasions.ts';
export type { EvadeResult, Evasion } from './searchEvasions.ts';
export { sweepBoundary } from './sweepBoundary.ts';
export { writeEvasions } from './writeEvasions.ts';
