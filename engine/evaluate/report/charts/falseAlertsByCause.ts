import type { TopLevelSpec } from 'vega-lite';
import { distinctColours } from '../_internal/distinctColours.ts';

/** False alerts of one detector with one cause. */
export interface CauseCount {
  /** The detector (configuration) label. */
  label: string;
  /** A benign behaviour (`retry`, `outage`, `travel`…), `attack` or `benign`. */
  cause: string;
  count: number;
}

/**
 * False alerts per detector, one bar each, split by the benign behaviour behind them: which noise each rule trips on.
 * Detectors in the order given, causes in the order given (each its own colour).
 */
export function falseAlertsByCause(
  counts: readonly CauseCount[],
  causes: readonly string[],
  title = 'False alerts by cause',
): TopLevelSpec {
  const labels = [...new Set(counts.map((c) => c.label))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 520,
    height: { step: 22 },
    data: { values: counts.filter((c) => c.count > 0).map((c) => ({ ...c, order: causes.indexOf(c.cause) })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: labels, axis: { labelLimit: 400 } },
      x: {
        field: 'count',
        type: 'quantitative',
        stack: 'zero',
        title: 'false alerts (an alert with two causes counts twice)',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'cause',
        type: 'nominal',
        title: 'cause',
        scale: { domain: [...causes], range: distinctColours(causes.length) },
        sort: [...causes],
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'label', title: 'detector' }, { field: 'cause' }, { field: 'count' }],
    },
  } as TopLevelSpec;
}
