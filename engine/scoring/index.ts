/**
 * Scoring: alerts against the truth of a simulated world, by the definitions in `design.md` (Scoring).
 * @module
 */
export { defaultMatchGraceMs, matchAlert } from './matchAlert.ts';
