import type { Score } from '../../scoring/scoreAlerts.ts';

/** The causes of false alerts in a score, most frequent first (over every detector, baselines included), then by name. */
export function causeColumns(score: Score): string[] {
  const total = new Map<string, number>();
  for (const d of score.detectors) for (const [c, n] of Object.entries(d.falseAlertsByCause)) total.set(c, (total.get(c) ?? 0) + n);
  return [...total].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)).map(([c]) => c);
}
