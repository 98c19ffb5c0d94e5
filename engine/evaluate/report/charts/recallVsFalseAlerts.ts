import type { TopLevelSpec } from 'vega-lite';

/** One configuration on the recall / false-alert plane. */
export interface OperatingPoint {
  label: string;
  /** Groups points by colour: a detector id, or "baseline". */
  group: string;
  recall: number;
  falseAlertsPer1000UserDays: number;
  /** On the Pareto front (drawn as a line through the points). */
  front?: boolean;
}

/**
 * Recall against false alerts per 1,000 user-days: one point per detector or grid point, the Pareto front as a
 * step line when given. Up and to the left is better.
 */
export function recallVsFalseAlerts(points: readonly OperatingPoint[], title = 'Recall vs false alerts'): TopLevelSpec {
  const front = points.filter((p) => p.front).sort((a, b) => a.falseAlertsPer1000UserDays - b.falseAlertsPer1000UserDays);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 520,
    height: 300,
    layer: [
      ...(front.length > 1
        ? [
            {
              data: { values: front.map((p) => ({ ...p })) },
              mark: { type: 'line' as const, interpolate: 'step-after' as const, color: '#999', strokeDash: [4, 3] },
              encoding: {
                x: { field: 'falseAlertsPer1000UserDays', type: 'quantitative' as const },
                y: { field: 'recall', type: 'quantitative' as const },
              },
            },
          ]
        : []),
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'point' as const, filled: true, size: 70 },
        encoding: {
          x: { field: 'falseAlertsPer1000UserDays', type: 'quantitative' as const, title: 'false alerts per 1,000 user-days', axis: { format: '.2~f' } },
          y: { field: 'recall', type: 'quantitative' as const, title: 'incident recall', scale: { domain: [0, 1] } },
          color: { field: 'group', type: 'nominal' as const, title: null },
          tooltip: [{ field: 'label' }, { field: 'recall', format: '.2f' }, { field: 'falseAlertsPer1000UserDays', format: '.2f' }],
        },
      },
      {
        data: { values: points.filter((p) => !p.front || points.length <= 20).map((p) => ({ ...p })) },
        mark: { type: 'text' as const, align: 'left' as const, dx: 7, dy: -6, fontSize: 9, color: '#444' },
        encoding: {
          x: { field: 'falseAlertsPer1000UserDays', type: 'quantitative' as const },
          y: { field: 'recall', type: 'quantitative' as const },
          text: { field: 'label', type: 'nominal' as const },
        },
      },
    ],
  } as TopLevelSpec;
}
