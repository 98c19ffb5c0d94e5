import type { TopLevelSpec } from 'vega-lite';

/** One cell of a two-parameter grid. */
export interface GridCell {
  x: string;
  y: string;
  value: number;
}

/** A heatmap of a figure over two parameters of a sweep (e.g. recall over threshold × window). */
export function gridHeatmap(cells: readonly GridCell[], axes: { x: string; y: string; value: string }, title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: { step: 36 },
    height: { step: 26 },
    data: { values: cells.map((c) => ({ ...c })) },
    layer: [
      {
        mark: 'rect',
        encoding: {
          x: { field: 'x', type: 'ordinal', title: axes.x, sort: null },
          y: { field: 'y', type: 'ordinal', title: axes.y, sort: null },
          color: { field: 'value', type: 'quantitative', title: axes.value },
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          x: { field: 'x', type: 'ordinal', sort: null },
          y: { field: 'y', type: 'ordinal', sort: null },
          text: { field: 'value', type: 'quantitative', format: '.2f' },
        },
      },
    ],
  } as TopLevelSpec;
}
