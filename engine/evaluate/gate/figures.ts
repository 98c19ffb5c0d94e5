import type { DetectorScore } from '../scoring/scoreAlerts.ts';

/** The figures a gate can require or compare, and which way is better. */
export const gateFigures = {
  recall: 'higher',
  precision: 'higher',
  f1: 'higher',
  preventedRate: 'higher',
  prevented: 'higher',
  incidentsDetected: 'higher',
  falseAlertsPer1000UserDays: 'lower',
  falseAlerts: 'lower',
  alerts: 'lower',
  alertsPerDay: 'lower',
  timeToDetectMedianMs: 'lower',
  timeToDetectP95Ms: 'lower',
} as const;

/** A figure's name. */
export type GateFigure = keyof typeof gateFigures;

/** The figures a baseline keeps for every detector row. */
export const baselineFigures: readonly GateFigure[] = ['recall', 'precision', 'preventedRate', 'falseAlertsPer1000UserDays', 'timeToDetectMedianMs'];

/** A figure of a detector's score; null when it does not apply (recall without incidents, precision without alerts). */
export function figureOf(row: DetectorScore, figure: GateFigure): number | null {
  switch (figure) {
    case 'timeToDetectMedianMs':
      return row.timeToDetectMs.median;
    case 'timeToDetectP95Ms':
      return row.timeToDetectMs.p95;
    default:
      return row[figure];
  }
}
