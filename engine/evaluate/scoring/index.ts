/**
 * Scoring: alerts against the truth of a simulated world, by the definitions in `docs/scoring.md` (Definitions).
 * @module
 */
export { matchAlert } from './matchAlert.ts';
export { scoreAlerts } from './scoreAlerts.ts';
