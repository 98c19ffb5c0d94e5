import type { ResolvedScenario } from '../../../generators/scenario/index.ts';
import type { SimulationProgress } from '../../../generators/world/SimulationResult.ts';
import type { Evaluation } from '../Evaluation.ts';
import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import { evaluateScenarioAsync } from '../evaluateScenarioAsync.ts';
import { defaultParams, type AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { DetectorScore } from '../scoring/scoreAlerts.ts';
import type { Interval } from './Interval.ts';
import { meanInterval } from './meanInterval.ts';
import { rateInterval } from './rateInterval.ts';
import { wilsonInterval } from './wilsonInterval.ts';
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
  /**
   * Pooled over every world, with 95% Wilson intervals: incidents detected (recall) and prevented of all incidents,
   * true alerts of all alerts (precision). Null without incidents (or alerts).
   */
  recall: Interval | null;
  preventedRate: Interval | null;
  precision: Interval | null;
  /** False alerts of every world over their user-days, per 1,000, with a 95% Poisson interval. */
  falseAlertsPer1000UserDays: Interval;
  /** The mean over worlds of each world's median time to detect, with a 95% Student's t interval. */
  timeToDetectMedianMs: Interval | null;
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
  recommendedIndex: number | null;
  /** The recommended parameters, or null when no grid point is within the budget. */
  recommended: Recommendation | null;
  /** Whether the worlds hold enough incidents and user-days for the recommendation to mean something. */
  evidence: SweepEvidence;
  /** One evaluation kept for the report's timeline and time-to-detect chart: the first run with incidents. */
  sample?: Evaluation;
}

/** The recommended grid point: what to put in a parameter file (`tune --write-params` writes `{ [detector]: params }`). */
export interface Recommendation {
  detector: string;
  /** The grid point's name, `threshold=5,windowMs=10m`. */
  name: string;
  /** Every parameter of the detector, in its own units (ms for durations). */
  params: Record<string, number>;
  /** True when the worlds were too small to decide ({@link SweepEvidence}): run more seeds, users or days first. */
  tentative: boolean;
}

/** How much the sweep saw, against the floors below which a recommendation is only tentative. */
export interface SweepEvidence {
  /** Incidents over every world, and the fewest a recommendation needs. */
  incidents: number;
  minIncidents: number;
  /** User-days over every world, and the fewest a recommendation needs. */
  userDays: number;
  minUserDays: number;
  /** What falls short, in words (`3 incidents, fewer than 20`); empty when the worlds are big enough. */
  shortfalls: string[];
}

/** Default floors of a sweep's evidence: below them recall and the false-alert rate move by steps too coarse to rank. */
const SWEEP_FLOORS = { minIncidents: 20, minUserDays: 10_000 } as const;

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** Also run the public-rule baselines at their defaults, for comparison (default true). */
  baselines?: readonly AnyDetectorDefinition[];
  /** False alerts per 1,000 user-days the recommendation may not exceed; default: what the defaults raise. */
  falseAlertBudget?: number;
  /** Progress of run `index` (of `total`): its simulation's progress. */
  onProgress?: (index: number, total: number, progress: SimulationProgress) => void;
  /** Fewest incidents over all worlds for a firm recommendation (default {@link SWEEP_FLOORS}). */
  minIncidents?: number;
  /** Fewest user-days over all worlds for a firm recommendation (default {@link SWEEP_FLOORS}). */
  minUserDays?: number;
  /** Called when run `index` is done; `cached`: its world came from the world cache. */
  onRunDone?: (index: number, run: SweepRun, cached: boolean) => void;
  /** Read worlds simulated before from here, and store the others (same figures either way). */
  cache?: WorldCache;
}

/**
 * Sweeps a detector's parameter grid over scenarios × seeds: each world is simulated once, and every grid point (with
 * the detector's defaults and the baselines beside them) runs in that one pass as a parameter set of the runtime.
 * Figures are pooled across worlds — recall, prevented and precision with 95% Wilson intervals, false alerts per
 * 1,000 user-days with a 95% Poisson interval — and the Pareto front is marked. The point with the most recall within
 * the false-alert budget is recommended (ties: more prevented, fewer false alerts, a shorter median time to detect,
 * grid order), marked tentative when the worlds hold fewer incidents or user-days than the floors
 * ({@link SWEEP_FLOORS}): a threshold chosen on 4 incidents and 1,700 user-days may raise false alerts on a real month.
 */
export async function runSweep(
  scenarios: readonly ResolvedScenario[],
  definition: AnyDetectorDefinition,
  grid: Grid,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const instances: DetectorInstance[] = [
    ...grid.points.map((p) => ({ definition, params: p.params, paramSet: p.name || 'defaults-grid' })),
    { definition, params: defaultParams(definition), paramSet: 'default' },
    ...(options.baselines ?? []).map((b) => ({ definition: b, params: defaultParams(b), paramSet: 'default' })),
  ];
  const labelOf = (i: DetectorInstance) => instanceLabel({ id: i.definition.id, paramSet: i.paramSet });
  const perRun: Array<Map<string, DetectorScore>> = [];
  const runs: SweepRun[] = [];
  let sample: Evaluation | undefined;
  for (const [index, scenario] of scenarios.entries()) {
    let cached = false;
    const evaluation = await evaluateScenarioAsync(scenario, instances, {
      onProgress: options.onProgress ? (p) => options.onProgress!(index, scenarios.length, p) : undefined,
      cache: options.cache,
      onWorld: (fromCache) => {
        cached = fromCache;
      },
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
    options.onRunDone?.(index, run, cached);
    if (!sample && evaluation.score.incidents > 0) sample = { ...evaluation, alerts: [] };
  }

  const incidents = runs.reduce((n, r) => n + r.incidents, 0);
  const userDays = runs.reduce((n, r) => n + r.users * r.days, 0);
  const rows: SweepRow[] = instances.map((instance, i) => {
    const label = labelOf(instance);
    const scores = perRun.map((m) => m.get(label)!);
    const sum = (pick: (d: DetectorScore) => number) => scores.reduce((n, d) => n + pick(d), 0);
    const pooled = {
      incidents,
      detected: sum((d) => d.incidentsDetected),
      prevented: sum((d) => d.prevented),
      alerts: sum((d) => d.alerts),
      falseAlerts: sum((d) => d.falseAlerts),
      userDays,
    };
    return {
      label,
      name: i < grid.points.length ? grid.points[i].name : instance.definition === definition ? 'defaults' : instance.definition.id,
      kind: i < grid.points.length ? 'grid' : instance.definition === definition ? 'defaults' : 'baseline',
      detector: instance.definition.id,
      params: instance.params,
      recall: wilsonInterval(pooled.detected, incidents),
      preventedRate: wilsonInterval(pooled.prevented, incidents),
      precision: wilsonInterval(pooled.alerts - pooled.falseAlerts, pooled.alerts),
      falseAlertsPer1000UserDays: rateInterval(pooled.falseAlerts, userDays, 1000) ?? { mean: 0, low: 0, high: 0, n: 0, method: 'poisson' },
      timeToDetectMedianMs: meanInterval(scores.map((d) => d.timeToDetectMs.median).filter((v): v is number => v !== null)),
      pooled,
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
  const ttd = (k: number) => gridRows[k].timeToDetectMedianMs?.mean ?? Infinity;
  let recommended: number | null = null;
  for (const [i, r] of gridRows.entries()) {
    if (r.falseAlertsPer1000UserDays.mean > budget + 1e-12) continue;
    if (recommended === null) {
      recommended = i;
      continue;
    }
    const best = tradeoffs[recommended];
    const t = tradeoffs[i];
    const better =
      t.recall - best.recall ||
      t.prevented - best.prevented ||
      best.falseAlertsPer1000UserDays - t.falseAlertsPer1000UserDays ||
      (ttd(recommended) === ttd(i) ? 0 : ttd(i) < ttd(recommended) ? 1 : -1);
    if (better > 0) recommended = i;
  }

  const minIncidents = options.minIncidents ?? SWEEP_FLOORS.minIncidents;
  const minUserDays = options.minUserDays ?? SWEEP_FLOORS.minUserDays;
  const shortfalls = [
    ...(incidents < minIncidents
      ? [`${incidents.toLocaleString('en-US')} incident${incidents === 1 ? '' : 's'}, fewer than ${minIncidents.toLocaleString('en-US')}`]
      : []),
    ...(userDays < minUserDays ? [`${userDays.toLocaleString('en-US')} user-days, fewer than ${minUserDays.toLocaleString('en-US')}`] : []),
  ];
  const chosen = recommended === null ? null : gridRows[recommended];
  return {
    detector: definition.id,
    axes: grid.axes,
    runs,
    rows,
    budget,
    budgetSource: options.falseAlertBudget === undefined ? 'defaults' : 'given',
    recommendedIndex: recommended,
    recommended: chosen && { detector: definition.id, name: chosen.name, params: chosen.params, tentative: shortfalls.length > 0 },
    evidence: { incidents, minIncidents, userDays, minUserDays, shortfalls },
    sample,
  };
}
