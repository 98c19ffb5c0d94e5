import type { TopLevelSpec } from 'vega-lite';

/** One mark on an incident's timeline. */
export interface TimelineMark {
  /** Minutes since the incident's start. */
  minute: number;
  /** The row: "prompt", "answer", "alert", "compromise", "factor enrolled"… */
  lane: string;
  /** What it was: a result (denied, timeout, approved), a detector id… */
  what: string;
}

/**
 * The story of one incident: its prompts, the victim's answers, each detector's first alert, the compromise and the
 * attacker's enrolment, on one minutes axis.
 */
export function incidentTimeline(marks: readonly TimelineMark[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: { step: 34 },
    data: { values: marks.map((m) => ({ ...m })) },
    mark: { type: 'point', filled: true, size: 90, opacity: 0.85 },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'minutes since the attack began' },
      y: { field: 'lane', type: 'nominal', title: null, sort: ['prompt', 'answer', 'alert', 'compromise', 'factor enrolled'] },
      color: { field: 'what', type: 'nominal', title: null, legend: { labelLimit: 260 } },
      shape: { field: 'lane', type: 'nominal', legend: null },
      tooltip: [{ field: 'lane' }, { field: 'what' }, { field: 'minute', format: '.1f' }],
    },
  } as TopLevelSpec;
}
