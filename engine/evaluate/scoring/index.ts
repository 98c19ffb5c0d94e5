/**
 * Scoring: alerts against the truth of a simulated world, by the definitions in `docs/scoring.md` (Definitions).
 * @module
 */
export { countCauses, falseAlertCauses } from './falseAlertCauses.ts';
export { defaultMatchGraceMs, matchAlert } from './matchAlert.ts';
export { promptTimes } from './promptTimes.ts';
export { quantile } from './quantile.ts';
export { scoreAlerts } from './scoreAlerts.ts';
export type { Detection, DetectorScore, FalseAlert, IncidentScore, Score, ScoreOptions } from './scoreAlerts.ts';
export { scoringDefinitions } from './scoringDefinitions.ts';
