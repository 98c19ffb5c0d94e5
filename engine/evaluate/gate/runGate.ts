import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import { evaluateScenarioAsync } from '../evaluateScenarioAsync.ts';
import type { DetectorScore, Score } from '../scoring/scoreAlerts.ts';
import { baselineFigures, figureOf, gateFigures, type GateFigure } from './figures.ts';
import type { GateBaseline } from './GateBaseline.ts';
import type { LoadedGate } from './loadGateFile.ts';

/** One check of one run: a required bound, or the baseline's figure. */
export interface GateCheck {
  detector: string;
  figure: GateFigure;
  kind: 'min' | 'max' | 'baseline';
  /** The bound the value must meet (for a baseline check: the baseline's value, less the tolerance's slack). */
  bound: number | null;
  value: number | null;
  status: 'pass' | 'fail' | 'skip';
  /** Why, in words: `0.50 < 0.95`, `not applicable (no incidents)`. */
  detail: string;
}

/** One scenario × seed of the suite. */
export interface GateRun {
  scenario: string;
  hash: string;
  seed: number;
  users: number;
  days: number;
  events: number;
  incidents: number;
  seconds: number;
  /** The world was read from the world cache, not simulated. */
  cached: boolean;
  checks: GateCheck[];
}

/** What {@link runGate} found. */
export interface GateResult {
  name: string;
  runs: GateRun[];
  passed: number;
  failed: number;
  skipped: number;
  /** Runs whose world came from the world cache. */
  cachedRuns: number;
  /** The baseline this run would write (`--update-baseline`). */
  baseline: GateBaseline;
}

const fmt = (figure: GateFigure, v: number) =>
  figure.endsWith('Ms') ? `${Math.round(v / 1000)} s` : Number.isInteger(v) ? String(v) : v.toFixed(3);

/** The rows of a score by label, `overall` included. */
const rowsOf = (score: Score) =>
  new Map<string, DetectorScore>([...score.detectors.map((d): [string, DetectorScore] => [d.label, d]), ['overall', score.overall]]);

/**
 * Runs a gate: each scenario of the suite under each of its seeds is simulated and scored in memory with the gate's
 * detectors; every requirement that applies is checked (a figure that does not apply — recall without incidents,
 * precision without alerts — is skipped, not failed); with a baseline, every figure it holds for the run may not be
 * worse than it by more than the tolerance, and a scenario whose hash changed since fails until the baseline is
 * updated. `loadGateFile` has loaded and checked the scenarios, the detectors and the baseline before anything runs.
 *
 * @param options.updateBaseline compare with nothing: the result's `baseline` is what to write.
 * @param options.now wall time for the report only; the engine reads no clock of its own.
 */
export async function runGate(
  loaded: LoadedGate,
  options: {
    updateBaseline?: boolean;
    pushstormVersion: string;
    onRun?: (run: GateRun, index: number, total: number) => void;
    /** A wall clock in ms for the runs' `seconds` (the CLI passes `performance.now`); without one they are 0. */
    now?: () => number;
    /** Read worlds simulated before from here, and store the others (same figures either way). */
    cache?: WorldCache;
  },
): Promise<GateResult> {
  const { gate, worlds, instances } = loaded;
  const baseline = options.updateBaseline ? undefined : loaded.baseline;
  const tolerance = gate.tolerance ?? {};
  const next: GateBaseline = { pushstormVersion: options.pushstormVersion, gate: gate.name, entries: [] };
  const runs: GateRun[] = [];

  for (const [index, scenario] of worlds.entries()) {
    // A turn of the event loop between worlds: Ctrl-C is handled (temporary files removed) before the next one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = options.now?.() ?? 0;
    let cached = false;
    const { score, events } = await evaluateScenarioAsync(scenario, instances, {
      cache: options.cache,
      onWorld: (fromCache) => {
        cached = fromCache;
      },
    });
    const rows = rowsOf(score);
    const checks: GateCheck[] = [];
    for (const r of gate.require ?? []) {
      if (r.scenarios && !r.scenarios.includes(scenario.name)) continue;
      const row = rows.get(r.detector);
      for (const [kind, bound] of [
        ['min', r.min],
        ['max', r.max],
      ] as const) {
        if (bound === undefined) continue;
        if (!row) {
          checks.push({
            detector: r.detector,
            figure: r.figure,
            kind,
            bound,
            value: null,
            status: 'fail',
            detail: `no detector "${r.detector}" ran (ran: ${[...rows.keys()].join(', ')})`,
          });
          continue;
        }
        const value = figureOf(row, r.figure);
        if (value === null) {
          checks.push({
            detector: r.detector,
            figure: r.figure,
            kind,
            bound,
            value,
            status: 'skip',
            detail: 'not applicable here (no incidents, or no alerts)',
          });
          continue;
        }
        const ok = kind === 'min' ? value >= bound : value <= bound;
        checks.push({
          detector: r.detector,
          figure: r.figure,
          kind,
          bound,
          value,
          status: ok ? 'pass' : 'fail',
          detail: `${fmt(r.figure, value)} ${ok ? (kind === 'min' ? '>=' : '<=') : kind === 'min' ? '<' : '>'} ${fmt(r.figure, bound)}`,
        });
      }
    }
    for (const [label, row] of rows) {
      const figures: Partial<Record<GateFigure, number | null>> = {};
      for (const f of baselineFigures) figures[f] = figureOf(row, f);
      next.entries.push({ scenario: scenario.name, scenarioHash: scenario.hash, seed: scenario.seed, detector: label, figures });
    }
    if (baseline) {
      for (const entry of baseline.entries.filter((e) => e.scenario === scenario.name && e.seed === scenario.seed)) {
        const row = rows.get(entry.detector);
        for (const [figure, was] of Object.entries(entry.figures) as Array<[GateFigure, number | null]>) {
          if (!(figure in gateFigures)) continue;
          const base = { detector: entry.detector, figure, kind: 'baseline' as const };
          if (entry.scenarioHash !== scenario.hash) {
            checks.push({
              ...base,
              bound: was,
              value: null,
              status: 'fail',
              detail: `the scenario changed since the baseline (hash ${entry.scenarioHash.slice(0, 12)} → ${scenario.hash.slice(0, 12)}); review and --update-baseline`,
            });
            break;
          }
          const value = row ? figureOf(row, figure) : null;
          if (was === null || value === null) {
            checks.push({
              ...base,
              bound: was,
              value,
              status: was === null && value === null ? 'skip' : 'fail',
              detail:
                was === null && value === null
                  ? 'not applicable'
                  : `${value === null ? 'no longer measurable' : 'now measurable'} (baseline ${was === null ? '—' : fmt(figure, was)}, now ${value === null ? '—' : fmt(figure, value)})`,
            });
            continue;
          }
          const slack = tolerance[figure] ?? 0;
          const higher = gateFigures[figure] === 'higher';
          const bound = higher ? was - slack : was + slack;
          const ok = higher ? value >= bound - 1e-12 : value <= bound + 1e-12;
          checks.push({
            ...base,
            bound,
            value,
            status: ok ? 'pass' : 'fail',
            detail: `${fmt(figure, value)} vs baseline ${fmt(figure, was)}${slack ? ` ± ${fmt(figure, slack)}` : ''}${ok ? '' : higher ? ' (worse: lower)' : ' (worse: higher)'}`,
          });
        }
      }
    }
    const run: GateRun = {
      scenario: scenario.name,
      hash: scenario.hash,
      seed: scenario.seed,
      users: score.users,
      days: score.days,
      events,
      incidents: score.incidents,
      seconds: options.now ? (options.now() - started) / 1000 : 0,
      cached,
      checks,
    };
    runs.push(run);
    options.onRun?.(run, index, worlds.length);
  }
  const all = runs.flatMap((r) => r.checks);
  return {
    name: gate.name,
    runs,
    passed: all.filter((c) => c.status === 'pass').length,
    failed: all.filter((c) => c.status === 'fail').length,
    skipped: all.filter((c) => c.status === 'skip').length,
    cachedRuns: runs.filter((r) => r.cached).length,
    baseline: next,
  };
}
