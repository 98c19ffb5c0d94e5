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

/**
 * The values each figure can take: proportions lie in [0, 1], counts, rates and times in [0, ∞). A bound outside
 * them makes a requirement that can never fail or never pass (`min: 1.5` on recall), so a gate file may not hold one.
 */
export const figureRanges: Readonly<Record<GateFigure, readonly [number, number]>> = {
  recall: [0, 1],
  precision: [0, 1],
  f1: [0, 1],
  preventedRate: [0, 1],
  prevented: [0, Infinity],
  incidentsDetected: [0, Infinity],
  falseAlertsPer1000UserDays: [0, Infinity],
  falseAlerts: [0, Infinity],
  alerts: [0, Infinity],
  alertsPerDay: [0, Infinity],
  timeToDetectMedianMs: [0, Infinity],
  timeToDetectP95Ms: [0, Infinity],
};

/** The figures a baseline keeps for every detector row. */
export const baselineFigures: readonly GateFigure[] = [
  'recall',
  'precision',
  'preventedRate',
  'falseAlertsPer1000UserDays',
  'timeToDetectMedianMs',
];

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
