import type { TopLevelSpec } from 'vega-lite';

/** One detection: which detector, after how long. */
export interface DetectionDelay {
  label: string;
  minutes: number;
}

/** Time to detect per detector: a tick per incident detected, on a minutes axis (log scale when it spans days). */
export function timeToDetect(delays: readonly DetectionDelay[], title = 'Time to detect'): TopLevelSpec {
  const max = Math.max(1, ...delays.map((d) => d.minutes));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 520,
    height: { step: 22 },
    data: { values: delays.map((d) => ({ ...d, minutes: Math.max(d.minutes, 0.1) })) },
    mark: { type: 'tick', thickness: 2 },
    encoding: {
      x: {
        field: 'minutes',
        type: 'quantitative',
        title: 'minutes from the incident’s start to the first true alert',
        scale: max > 600 ? { type: 'log' } : { zero: true },
      },
      y: { field: 'label', type: 'nominal', title: null, axis: { labelLimit: 400 } },
      color: { field: 'label', type: 'nominal', legend: null },
    },
  } as TopLevelSpec;
}
