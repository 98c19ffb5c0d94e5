import type { TopLevelSpec } from 'vega-lite';
import { labelFont, placeLabels } from '../_internal/placeLabels.ts';

/** One configuration on the recall / false-alert plane. */
export interface OperatingPoint {
  /** Its name beside the point; empty for a point drawn without a label. */
  label: string;
  /** Groups points by colour: a detector id, or "baseline". */
  group: string;
  recall: number;
  falseAlertsPer1000UserDays: number;
  /** On the Pareto front (drawn as a line through the points). */
  front?: boolean;
  /** The recommended configuration: ringed, and labelled "recommended: <label>" in bold. */
  recommended?: boolean;
}

const width = 520;
const height = 300;
/** Points closer than this many pixels on both axes share one label. */
const together = 6;
/** Names listed in one shared label before "+N more". */
const maxLines = 10;
/** The narrowest false-alert axis: below it the axis's two decimals would show the same tick labels. */
const minXMax = 0.1;

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) at or above `v`. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((c) => c >= v - 1e-12)!;
}

/**
 * Recall against false alerts per 1,000 user-days: one point per detector or grid point, the Pareto front as a
 * step line when given, the recommended point ringed and labelled. Points that coincide share one label listing
 * them; labels are placed so that none overprints another (one moved away from its point gets a leader line). Up and to the left is better.
 */
export function recallVsFalseAlerts(points: readonly OperatingPoint[], title = 'Recall vs false alerts'): TopLevelSpec {
  const front = points.filter((p) => p.front).sort((a, b) => a.falseAlertsPer1000UserDays - b.falseAlertsPer1000UserDays);
  const largest = Math.max(0, ...points.map((p) => p.falseAlertsPer1000UserDays));
  const xMax = largest === 0 ? 1 : niceCeil(Math.max(minXMax, largest * 1.08));
  const px = (p: OperatingPoint) => ({ x: (p.falseAlertsPer1000UserDays / xMax) * width, y: (1 - p.recall) * height });

  // Coincident labelled points → one label each group; the recommendation gets a bold label of its own.
  const clusters: Array<{ x: number; y: number; names: string[] }> = [];
  for (const p of points) {
    if (p.label === '' || p.recommended) continue;
    const at = px(p);
    const cluster = clusters.find((c) => Math.abs(c.x - at.x) <= together && Math.abs(c.y - at.y) <= together);
    if (cluster) cluster.names.push(p.label);
    else clusters.push({ ...at, names: [p.label] });
  }
  const recommended = points.find((p) => p.recommended);
  const anchors = [
    ...(recommended
      ? [{ ...px(recommended), lines: [recommended.label === '' ? 'recommended' : `recommended: ${recommended.label}`], strong: true }]
      : []),
    ...clusters.map((c) => ({
      x: c.x,
      y: c.y,
      lines: c.names.length > maxLines ? [...c.names.slice(0, maxLines - 1), `+${c.names.length - maxLines + 1} more`] : c.names,
    })),
  ];
  const around = (at: { x: number; y: number }, r: number) => ({ left: at.x - r, right: at.x + r, top: at.y - r, bottom: at.y + r });
  // Labels keep clear of the points, the ring and the front's step line (horizontal, then vertical, segments).
  const steps = front.slice(1).flatMap((p, i) => {
    const [a, b] = [px(front[i]), px(p)];
    return [
      { left: a.x, right: b.x, top: a.y - 1, bottom: a.y + 1 },
      { left: b.x - 1, right: b.x + 1, top: Math.min(a.y, b.y), bottom: Math.max(a.y, b.y) },
    ];
  });
  const obstacles = [...points.map((p) => around(px(p), 4)), ...(recommended ? [around(px(recommended), 12)] : []), ...steps];
  const placed = placeLabels(anchors, width, height, obstacles);
  const toX = (px: number) => (px / width) * xMax;
  const toY = (py: number) => 1 - py / height;
  const leaders = placed.flatMap((l, i) =>
    l.leader ? [{ x: toX(anchors[i].x), y: toY(anchors[i].y), x2: toX(l.leader.x), y2: toY(l.leader.y) }] : [],
  );
  const labels = placed.map((l) => ({
    x: toX(l.x),
    y: toY(l.top),
    text: l.lines.join('\n'),
    align: l.align,
    strong: l.strong,
  }));

  const x = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, xMax], nice: false, zero: true } };
  const y = { field: 'y', type: 'quantitative' as const, scale: { domain: [0, 1], nice: false } };
  const textLayer = (align: 'left' | 'right', strong: boolean) => {
    const values = labels.filter((l) => l.align === align && l.strong === strong);
    return values.length === 0
      ? []
      : [
          {
            data: { values },
            mark: {
              type: 'text' as const,
              align,
              baseline: 'top' as const,
              lineBreak: '\n',
              lineHeight: labelFont.lineHeight,
              fontSize: strong ? labelFont.strongSize : labelFont.size,
              fontWeight: strong ? ('bold' as const) : ('normal' as const),
              color: strong ? '#000' : '#444',
            },
            encoding: { x, y, text: { field: 'text', type: 'nominal' as const } },
          },
        ];
  };
  const asXY = (p: OperatingPoint) => ({ ...p, x: p.falseAlertsPer1000UserDays, y: p.recall });

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width,
    height,
    layer: [
      ...(front.length > 1
        ? [
            {
              data: { values: front.map(asXY) },
              mark: { type: 'line' as const, interpolate: 'step-after' as const, color: '#999', strokeDash: [4, 3] },
              encoding: { x, y },
            },
          ]
        : []),
      {
        data: { values: points.map(asXY) },
        mark: { type: 'point' as const, filled: true, size: 70 },
        encoding: {
          x: { ...x, title: 'false alerts per 1,000 user-days', axis: { format: '.2~f' } },
          y: { ...y, title: 'incident recall' },
          color: { field: 'group', type: 'nominal' as const, title: null },
          tooltip: [{ field: 'label' }, { field: 'recall', format: '.2f' }, { field: 'falseAlertsPer1000UserDays', format: '.2f' }],
        },
      },
      ...(recommended
        ? [
            {
              data: { values: [asXY(recommended)] },
              mark: { type: 'point' as const, shape: 'circle', filled: false, size: 380, strokeWidth: 2.5, color: '#000' },
              encoding: { x, y },
            },
          ]
        : []),
      ...(leaders.length > 0
        ? [
            {
              data: { values: leaders },
              mark: { type: 'rule' as const, color: '#8c8c8c', strokeWidth: 0.75 },
              encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' } },
            },
          ]
        : []),
      ...textLayer('left', false),
      ...textLayer('right', false),
      ...textLayer('left', true),
      ...textLayer('right', true),
    ],
  } as TopLevelSpec;
}
