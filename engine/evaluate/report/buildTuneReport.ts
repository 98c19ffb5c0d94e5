import { formatDurationApprox } from '../../model/duration/formatDurationApprox.ts';
import { formatDuration } from '../../model/duration/parseDuration.ts';
import { scoringDefinitions } from '../scoring/scoringDefinitions.ts';
import { formatInterval } from '../tuning/Interval.ts';
import type { SweepResult, SweepRow } from '../tuning/runSweep.ts';
import { gridHeatmap } from './charts/gridHeatmap.ts';
import { incidentTimeline } from './charts/incidentTimeline.ts';
import { recallVsFalseAlerts } from './charts/recallVsFalseAlerts.ts';
import { timeToDetect } from './charts/timeToDetect.ts';
import { storyIncident, timelineMarks } from './_internal/incidentStory.ts';
import { worstMissed } from './_internal/worstMissed.ts';
import type { ReportChart, ReportDocument } from './ReportDocument.ts';
import { MINUTE } from '../../model/duration/timeUnits.ts';

const ci = formatInterval;

function tableRow(r: SweepRow, recommended: boolean): string[] {
  return [
    `${recommended ? '→ ' : ''}${r.kind === 'baseline' ? `${r.name} (baseline)` : r.name}`,
    r.front ? 'yes' : '',
    ci(r.recall),
    ci(r.preventedRate),
    ci(r.falseAlertsPer1000UserDays),
    ci(r.precision),
    r.timeToDetectMedianMs === null ? '—' : formatDurationApprox(Math.max(0, r.timeToDetectMedianMs.mean)),
    `${r.pooled.detected}/${r.pooled.incidents}`,
    String(r.pooled.falseAlerts),
  ];
}

/**
 * The report of a sweep (`pushstorm tune --report`): every grid point with the front marked, the recommendation, the
 * baselines; charts of recall against false alerts across the sweep, a heatmap of recall over the first two
 * parameters, and — from the first world with incidents — the time-to-detect of the recommended point, the defaults
 * and the baselines, and one incident's timeline.
 */
export function buildTuneReport(result: SweepResult, meta: { pushstormVersion: string; grid: string }): ReportDocument {
  const recommended = result.recommendedIndex === null ? undefined : result.rows[result.recommendedIndex];
  const charts: ReportChart[] = [
    {
      id: 'sweep-recall-vs-false-alerts',
      title: 'The sweep: recall vs false alerts',
      caption:
        'Every grid point (means over the worlds), the Pareto front as a dashed line, the recommendation ringed, the defaults and the baselines; points that coincide share a label. Up and to the left is better.',
      spec: recallVsFalseAlerts(
        result.rows.map((r) => ({
          label: r.kind === 'grid' ? (r === recommended || r.front ? r.name : '') : r.name,
          group: r.kind === 'grid' ? (r.front ? 'grid, on the front' : 'grid') : r.kind,
          recall: r.recall?.mean ?? 0,
          falseAlertsPer1000UserDays: r.falseAlertsPer1000UserDays.mean,
          front: r.front,
          recommended: r === recommended,
        })),
        `${result.detector}: ${result.rows.filter((r) => r.kind === 'grid').length} points`,
      ),
    },
  ];
  const [xAxis, yAxis] = result.axes;
  if (xAxis) {
    const gridRows = result.rows.filter((r) => r.kind === 'grid');
    const show = (param: string, v: number) => (/Ms$/.test(param) ? formatDuration(v) : String(v));
    charts.push({
      id: 'grid-heatmap',
      title: 'Recall over the grid',
      caption: `Mean incident recall at each point${yAxis ? ` of ${xAxis.param} × ${yAxis.param}` : ` of ${xAxis.param}`}${result.axes.length > 2 ? ' (other axes: their best value)' : ''}.`,
      spec: gridHeatmap(
        [
          ...new Map(
            gridRows
              .map((r) => ({
                x: show(xAxis.param, r.params[xAxis.param]),
                y: yAxis ? show(yAxis.param, r.params[yAxis.param]) : '',
                value: r.recall?.mean ?? 0,
              }))
              .sort((a, b) => a.value - b.value)
              .map((c) => [`${c.x}\u0000${c.y}`, c]),
          ).values(),
        ].sort(
          (a, b) =>
            gridRows.findIndex((r) => show(xAxis.param, r.params[xAxis.param]) === a.x) -
            gridRows.findIndex((r) => show(xAxis.param, r.params[xAxis.param]) === b.x),
        ),
        { x: xAxis.param, y: yAxis?.param ?? '', value: 'recall' },
        `${result.detector}: recall`,
      ),
    });
  }
  const sample = result.sample;
  const shown = new Set([
    recommended?.label,
    result.rows.find((r) => r.kind === 'defaults')?.label,
    ...result.rows.filter((r) => r.kind === 'baseline').map((r) => r.label),
  ]);
  if (sample) {
    const perIncident = sample.score.perIncident.map((p) => ({ ...p, detections: p.detections.filter((d) => shown.has(d.label)) }));
    const delays = perIncident.flatMap((p) => p.detections.map((d) => ({ label: d.label, minutes: d.timeToDetectMs / MINUTE })));
    if (delays.length > 0) {
      charts.push({
        id: 'time-to-detect',
        title: 'Time to detect',
        caption: `In ${sample.truth.scenario.name} seed ${sample.truth.seed}: one tick per incident caught by the recommended point, the defaults or a baseline.`,
        spec: timeToDetect(delays),
      });
    }
    const story = storyIncident(perIncident);
    if (story) {
      charts.push({
        id: 'incident-timeline',
        title: `Timeline of ${story.incident.id}`,
        caption: `${sample.truth.scenario.name} seed ${sample.truth.seed}, target ${story.incident.target}: pushes, answers, the first alert of the recommended point, the defaults and the baselines, the compromise.`,
        spec: incidentTimeline(
          timelineMarks(story, sample.attackEvents, sample.truth.labels),
          `${story.incident.id}: ${story.incident.prompts} prompts`,
        ),
      });
    }
  }

  const scenarios = [...new Map(result.runs.map((r) => [r.scenario, { name: r.scenario, hash: r.hash, seeds: [] as number[] }])).values()];
  for (const r of result.runs) scenarios.find((s) => s.name === r.scenario)!.seeds.push(r.seed);
  const budgetText = `${result.budget.toFixed(2)} false alerts per 1,000 user-days (${result.budgetSource === 'given' ? 'given' : 'what the defaults raise'})`;
  const defaults = result.rows.find((r) => r.kind === 'defaults');
  const focus = recommended ?? defaults;
  const versions = new Map(sample?.score.detectors.map((d) => [d.label, d.version]) ?? []);
  return {
    kind: 'tune',
    title: `pushstorm tune report — ${result.detector}`,
    summary:
      `${result.detector} swept over ${meta.grid} (${result.rows.filter((r) => r.kind === 'grid').length} points) in ${result.runs.length} simulated worlds, one detection pass each. ` +
      (recommended
        ? `Recommended: ${recommended.name} — recall ${ci(recommended.recall)}, prevented ${ci(recommended.preventedRate)}, ${ci(recommended.falseAlertsPer1000UserDays)} false alerts per 1,000 user-days — the most recall within a budget of ${budgetText}.${result.evidence.shortfalls.length > 0 ? ` Tentative: the worlds are too small to decide (${result.evidence.shortfalls.join('; ')}); add seeds, users or days.` : ''}`
        : `No point stays within the budget of ${budgetText}.`),
    glance: [
      {
        label: 'Recommended',
        value: recommended ? recommended.name : 'none',
        detail: recommended ? `the most recall within ${budgetText}` : `no point within ${budgetText}`,
      },
      ...(focus
        ? [
            {
              label: 'Incident recall',
              value: ci(focus.recall),
              detail: `${focus.pooled.detected} of ${focus.pooled.incidents} incidents, pooled${focus === defaults ? ' (the defaults)' : ''}`,
            },
            {
              label: 'Alert precision',
              value: ci(focus.precision),
              detail: `${focus.pooled.alerts - focus.pooled.falseAlerts} of ${focus.pooled.alerts} alerts true, pooled`,
            },
            {
              label: 'False alerts per 1,000 user-days',
              value: ci(focus.falseAlertsPer1000UserDays),
              detail: `${focus.pooled.falseAlerts} false alerts in ${focus.pooled.userDays.toLocaleString('en-US')} user-days`,
            },
            {
              label: 'Compromises prevented',
              value: ci(focus.preventedRate),
              detail: `${focus.pooled.prevented} of ${focus.pooled.incidents} incidents, pooled`,
            },
          ]
        : []),
      ...(defaults && recommended && defaults !== recommended
        ? [
            {
              label: 'The defaults',
              value: `recall ${ci(defaults.recall)}`,
              detail: `${ci(defaults.falseAlertsPer1000UserDays)} false alerts per 1,000 user-days`,
            },
          ]
        : []),
    ],
    worstMissed:
      sample && focus
        ? worstMissed(sample.score.perIncident, (label) => label === focus.label).map(
            (line) => `${sample.truth.scenario.name} seed ${sample.truth.seed}: ${line}`,
          )
        : [],
    provenance: {
      pushstormVersion: meta.pushstormVersion,
      scenarios,
      detectors: result.rows.map((r) => ({
        id: r.detector,
        version: versions.get(r.label) ?? '',
        paramSet: r.label.includes('@') ? r.label.slice(r.label.indexOf('@') + 1) : 'default',
        params: r.params,
        baseline: r.kind === 'baseline',
      })),
    },
    definitions: [
      ...scoringDefinitions,
      'Sweep figures are pooled over the simulated worlds with 95% confidence intervals: recall, prevented and precision as proportions (Wilson score intervals), false alerts per 1,000 user-days as a rate (Poisson score interval), the median time to detect as a mean over worlds (Student’s t). The Pareto front holds the points no other point beats on recall, prevented and false alerts at once.',
    ],
    tables: [
      {
        title: 'Worlds',
        header: ['scenario', 'seed', 'users', 'days', 'events', 'incidents'],
        rows: result.runs.map((r) => [
          r.scenario,
          String(r.seed),
          String(r.users),
          String(r.days),
          r.events.toLocaleString('en-US'),
          String(r.incidents),
        ]),
      },
      {
        title: 'Every configuration',
        caption: `→ marks the recommendation; "front" the Pareto front. Pooled: incidents caught over all worlds, false alerts in all.`,
        header: [
          'configuration',
          'front',
          'recall',
          'prevented',
          'false / 1k user-days',
          'precision',
          'TTD median',
          'caught (pooled)',
          'false alerts (pooled)',
        ],
        rows: result.rows.map((r) => tableRow(r, r === recommended)),
      },
    ],
    charts,
    data: { sweep: { ...result, sample: undefined } },
  };
}
