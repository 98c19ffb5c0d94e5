import type { TopLevelSpec } from 'vega-lite';

/** One attack of a boundary grid and how it went. */
export interface BoundaryCell {
  x: string;
  y: string;
  status: 'evaded' | 'detected' | 'no-compromise' | 'over-budget';
}

/**
 * The detection boundary of an attack family: a grid over two of the attacker's parameters, each cell coloured by
 * what happened to that attack — evaded (red), detected before the approval (green), no compromise (grey).
 */
export function evasionBoundary(cells: readonly BoundaryCell[], axes: { x: string; y: string }, title: string): TopLevelSpec {
  // The rows in the order of their numbers, most prompts on top: an ordinal sort of the labels would put 7 above 40.
  const rows = [...new Set(cells.map((c) => c.y))].sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a) || (a < b ? 1 : -1));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: { step: 40 },
    height: { step: 18 },
    data: { values: cells.map((c) => ({ ...c })) },
    mark: 'rect',
    encoding: {
      x: { field: 'x', type: 'ordinal', title: axes.x, sort: null },
      y: { field: 'y', type: 'ordinal', title: axes.y, sort: rows },
      color: {
        field: 'status',
        type: 'nominal',
        title: 'outcome',
        scale: {
          domain: ['evaded', 'detected', 'no-compromise', 'over-budget'],
          range: ['#d62728', '#2ca02c', '#9e9e9e', '#e0e0e0'],
        },
      },
    },
  } as TopLevelSpec;
}
