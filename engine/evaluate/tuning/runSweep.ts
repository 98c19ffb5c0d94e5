import type { ResolvedScenario } from '../../../generators/scenario/index.ts';
import type { SimulationProgress } from '../../../generators/world/SimulationResult.ts';
import type { Evaluation } from '../Evaluation.ts';
import { evaluateScenario } from '../evaluateScenario.ts';
import { defaultParams, type DetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { DetectorScore } from '../scoring/scoreAlerts.ts';
import { meanInterval, type MeanInterval } from './meanInterval.ts';
import { paretoFront } from './paretoFront.ts';
import type { Grid } from './parseGrid.ts';
import { instanceLabel } from '../../runtime/instanceLabel.ts';

/** One configuration of the sweep, its figures aggregated over every scenario × seed. */
export interface SweepRow {
  /** `id@set` as in alerts. */
  label: string;
  /** The grid point (`threshold=5,windowMs=10m`), `defaults`, or a baseline's id. */
  name: string;
  kind: 'grid' | 'defaults' | 'baseline';
  detector: string;
  params: Record<string, number>;
  /** Means over the runs with incidents (recall, prevented) or with alerts (precision), with 95% intervals. */
  recall: MeanInterval | null;
  preventedRate: MeanInterval | null;
  precision: MeanInterval | null;
  /** Mean over every run. */
  falseAlertsPer1000UserDays: MeanInterval;
  timeToDetectMedianMs: MeanInterval | null;
  /** Totals over the runs. */
  pooled: { incidents: number; detected: number; prevented: number; alerts: number; falseAlerts: number; userDays: number };
  /** On the Pareto front of the grid (recall and prevented up, false alerts down). */
  front: boolean;
}

/** One simulated world of the sweep. */
export interface SweepRun {
  scenario: string;
  hash: string;
  seed: number;
  users: number;
  days: number;
  events: number;
  incidents: number;
}

/** What {@link runSweep} found. */
export interface SweepResult {
  detector: string;
  axes: Grid['axes'];
  runs: SweepRun[];
  rows: SweepRow[];
  /** The false-alert budget the recommendation kept within (per 1,000 user-days). */
  budget: number;
  budgetSource: 'given' | 'defaults';
  /** Index into `rows` of the recommended grid point; null when no point is within the budget. */
  recommended: number | null;
  /** One evaluation kept for the report's timeline and time-to-detect chart: the first run with incidents. */
  sample?: Evaluation;
}

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Also run the public-rule baselines at their defaults, for comparison (default true). */
  baselines?: readonly DetectorDefinition<any, any>[];
  /** False alerts per 1,000 user-days the recommendation may not exceed; default: what the defaults raise. */
  falseAlertBudget?: number;
  /** Progress of run `index` (of `total`): its simulation's progress. */
  onProgress?: (index: number, total: number, progress: SimulationProgress) => void;
  /** Called when run `index` is done. */
  onRunDone?: (index: number, run: SweepRun) => void;
}

/**
 * Sweeps a detector's parameter grid over scenarios × seeds: each world is simulated once, and every grid point (with
 * the detector's defaults and the baselines beside them) runs in that one pass as a parameter set of the runtime.
 * Figures are aggregated across runs as means with 95% intervals; the Pareto front is marked, and the point with the
 * most recall within the false-alert budget is recommended (ties: more prevented, fewer false alerts, a shorter median
 * time to detect, grid order).
 */
export function runSweep(
  scenarios: readonly ResolvedScenario[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: DetectorDefinition<any, any>,
  grid: Grid,
  options: SweepOptions = {},
): SweepResult {
  const instances: DetectorInstance[] = [
    ...grid.points.map((p) => ({ definition, params: p.params, paramSet: p.name || 'defaults-grid' })),
    { definition, params: defaultParams(definition), paramSet: 'default' },
    ...(options.baselines ?? []).map((b) => ({ definition: b, params: defaultParams(b), paramSet: 'default' })),
  ];
  const labelOf = (i: DetectorInstance) => instanceLabel({ id: i.definition.id, paramSet: i.paramSet });
  const perRun: Array<Map<string, DetectorScore>> = [];
  const runs: SweepRun[] = [];
  let sample: Evaluation | undefined;
  scenarios.forEach((scenario, index) => {
    const evaluation = evaluateScenario(scenario, instances, {
      onProgress: options.onProgress ? (p) => options.onProgress!(index, scenarios.length, p) : undefined,
    });
    perRun.push(new Map(evaluation.score.detectors.map((d) => [d.label, d])));
    const run: SweepRun = {
      scenario: scenario.name,
      hash: scenario.hash,
      seed: scenario.seed,
      users: evaluation.score.users,
      days: evaluation.score.days,
      events: evaluation.events,
      incidents: evaluation.score.incidents,
    };
    runs.push(run);
    options.onRunDone?.(index, run);
    if (!sample && evaluation.score.incidents > 0) sample = { ...evaluation, alerts: [] };
  });

  const rows: SweepRow[] = instances.map((instance, i) => {
    const label = labelOf(instance);
    const scores = perRun.map((m) => m.get(label)!);
    const defined = (pick: (d: DetectorScore) => number | null) => scores.map(pick).filter((v): v is number => v !== null);
    return {
      label,
      name: i < grid.points.length ? grid.points[i].name : instance.definition === definition ? 'defaults' : instance.definition.id,
      kind: i < grid.points.length ? 'grid' : instance.definition === definition ? 'defaults' : 'baseline',
      detector: instance.definition.id,
      params: instance.params,
      recall: meanInterval(defined((d) => d.recall)),
      preventedRate: meanInterval(defined((d) => d.preventedRate)),
      precision: meanInterval(defined((d) => d.precision)),
      falseAlertsPer1000UserDays: meanInterval(scores.map((d) => d.falseAlertsPer1000UserDays))!,
      timeToDetectMedianMs: meanInterval(defined((d) => d.timeToDetectMs.median)),
      pooled: {
        incidents: runs.reduce((n, r) => n + r.incidents, 0),
        detected: scores.reduce((n, d) => n + d.incidentsDetected, 0),
        prevented: scores.reduce((n, d) => n + d.prevented, 0),
        alerts: scores.reduce((n, d) => n + d.alerts, 0),
        falseAlerts: scores.reduce((n, d) => n + d.falseAlerts, 0),
        userDays: runs.reduce((n, r) => n + r.users * r.days, 0),
      },
      front: false,
    };
  });

  const gridRows = rows.slice(0, grid.points.length);
  const tradeoffs = gridRows.map((r) => ({
    recall: r.recall?.mean ?? 0,
    prevented: r.preventedRate?.mean ?? 0,
    falseAlertsPer1000UserDays: r.falseAlertsPer1000UserDays.mean,
  }));
  for (const i of paretoFront(tradeoffs)) gridRows[i].front = true;

  const defaults = rows[grid.points.length];
  const budget = options.falseAlertBudget ?? defaults.falseAlertsPer1000UserDays.mean;
  let recommended: number | null = null;
  gridRows.forEach((r, i) => {
    if (r.falseAlertsPer1000UserDays.mean > budget + 1e-12) return;
    if (recommended === null) return void (recommended = i);
    const best = tradeoffs[recommended];
    const t = tradeoffs[i];
    const ttd = (k: number) => gridRows[k].timeToDetectMedianMs?.mean ?? Infinity;
    const better =
      t.recall - best.recall ||
      t.prevented - best.prevented ||
      best.falseAlertsPer1000UserDays - t.falseAlertsPer1000UserDays ||
      (ttd(recommended) === ttd(i) ? 0 : ttd(i) < ttd(recommended) ? 1 : -1);
    if (better > 0) recommended = i;
  });

  return {
    detector: definition.id,
    axes: grid.axes,
    runs,
    rows,
    budget,
    budgetSource: options.falseAlertBudget === undefined ? 'defaults' : 'given',
    recommended,
    sample,
  };
}
