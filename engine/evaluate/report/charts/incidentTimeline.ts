import type { TopLevelSpec } from 'vega-lite';
import { distinctColours } from '../_internal/distinctColours.ts';

/** One mark on an incident's timeline. */
export interface TimelineMark {
  /** Minutes since the incident's start. */
  minute: number;
  /** The row: "prompt", "answer", "alert", "compromise", "factor enrolled"… */
  lane: string;
  /** What it was: a result (denied, timeout, approved), a detector id… */
  what: string;
}

const laneOrder = ['prompt', 'answer', 'alert', 'compromise', 'factor enrolled'];
/** The symbol of each lane's marks (and of their legend entries). */
const laneShape: Record<string, string> = {
  prompt: 'diamond',
  answer: 'square',
  alert: 'circle',
  compromise: 'triangle-up',
  'factor enrolled': 'cross',
};
/** Colours that mean something: answers (red for an approval), the compromise, the attacker's factor. */
const fixedColour: Record<string, string> = {
  'prompt push sent': '#a3a3a3',
  'answer approved': '#d62728',
  'answer denied': '#2ca02c',
  'answer timeout': '#4d4d4d',
  'answer fraud': '#9467bd',
  'answer wrong_number': '#e377c2',
  'answer error': '#8c564b',
  'answer pending': '#bcbd22',
  'compromise "IT" message': '#ff7f0e',
  'compromise approved by the victim': '#7f0000',
  'factor enrolled attacker factor': '#000000',
};

/**
 * The story of one incident: its prompts, the victim's answers, each detector's first alert, the compromise and the
 * attacker's enrolment, on one minutes axis. Each kind of mark has one legend entry with its own colour (answers and
 * the compromise in fixed, meaningful colours; every detector a colour of its own) and its lane's symbol — diamond
 * for a push, square for an answer, circle for an alert, triangle for the compromise, cross for an enrolment — so the
 * legend shows the marks as drawn.
 */
export function incidentTimeline(marks: readonly TimelineMark[], title: string): TopLevelSpec {
  const lanes = [...new Set(marks.map((m) => m.lane))].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  // One legend entry per (lane, what): an answer "approved" and a detector named "approved" stay apart.
  const entries = lanes.flatMap((lane) =>
    [...new Set(marks.filter((m) => m.lane === lane).map((m) => m.what))].map((what) => ({ lane, what })),
  );
  const keyOf = (lane: string, what: string) => `${lane} ${what}`;
  const free = entries.filter((e) => fixedColour[keyOf(e.lane, e.what)] === undefined);
  const colours = distinctColours(free.length, Object.values(fixedColour));
  const colourOf = new Map(free.map((e, i) => [keyOf(e.lane, e.what), colours[i]]));
  const names = disambiguate(entries);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: { step: 34 },
    data: { values: nudged(marks).map(({ mark, nudge }) => ({ ...mark, entry: names.get(keyOf(mark.lane, mark.what))!, nudge })) },
    mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
    encoding: {
      x: { field: 'minute', type: 'quantitative', title: 'minutes since the attack began' },
      y: { field: 'lane', type: 'nominal', title: null, sort: laneOrder },
      // Marks at the same moment in one lane (two detectors alerting on the same event) sit side by side vertically.
      yOffset: { field: 'nudge', type: 'quantitative', scale: null },
      // Colour and shape on the same field with the same title: Vega-Lite draws one legend whose symbols are the marks.
      color: {
        field: 'entry',
        type: 'nominal',
        title: null,
        scale: {
          domain: entries.map((e) => names.get(keyOf(e.lane, e.what))!),
          range: entries.map((e) => fixedColour[keyOf(e.lane, e.what)] ?? colourOf.get(keyOf(e.lane, e.what))!),
        },
        legend: { labelLimit: 600, symbolOpacity: 0.9 },
      },
      shape: {
        field: 'entry',
        type: 'nominal',
        title: null,
        scale: { domain: entries.map((e) => names.get(keyOf(e.lane, e.what))!), range: entries.map((e) => laneShape[e.lane] ?? 'circle') },
      },
      tooltip: [{ field: 'lane' }, { field: 'what' }, { field: 'minute', format: '.1f' }],
    },
  } as TopLevelSpec;
}

function rank(lane: string): number {
  const i = laneOrder.indexOf(lane);
  return i === -1 ? laneOrder.length : i;
}

/** Legend names: the `what`, with its lane in brackets when two lanes share one. */
function disambiguate(entries: ReadonlyArray<{ lane: string; what: string }>): Map<string, string> {
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.what, (count.get(e.what) ?? 0) + 1);
  return new Map(entries.map((e) => [`${e.lane} ${e.what}`, count.get(e.what)! > 1 ? `${e.what} (${e.lane})` : e.what]));
}

/** Pixels a mark is moved up or down so that marks of one lane within half a minute of each other do not hide each other. */
function nudged(marks: readonly TimelineMark[]): Array<{ mark: TimelineMark; nudge: number }> {
  const step = 9;
  const out: Array<{ mark: TimelineMark; nudge: number }> = [];
  const lastInLane = new Map<string, { minute: number; count: number }>();
  for (const mark of [...marks].sort((a, b) => a.minute - b.minute)) {
    const last = lastInLane.get(mark.lane);
    const count = last !== undefined && mark.minute - last.minute < 0.5 ? last.count + 1 : 0;
    lastInLane.set(mark.lane, { minute: count === 0 ? mark.minute : last!.minute, count });
    // 0, -1, +1, -2, +2 … steps: the first mark on the lane's line, the next above, then below.
    out.push({ mark, nudge: (count % 2 === 1 ? -1 : 1) * Math.ceil(count / 2) * step });
  }
  return out;
}
