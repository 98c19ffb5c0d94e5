import { resolve } from 'node:path';
import { checkWorldSize } from '../checkWorldSize.ts';
import { detectorRegistry } from '../../../detectors/index.ts';
import { loadScenarioFile, type ResolvedScenario } from '../../../generators/scenario/index.ts';
import type { SimulationProgress } from '../../../generators/world/SimulationResult.ts';
import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import { OptionError } from '../../model/errors/OptionError.ts';
import { pushstormVersion } from '../../model/version.ts';
import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { buildTuneReport } from '../report/buildTuneReport.ts';
import { writeReport } from '../report/writeReport.ts';
import { parseGrid } from './parseGrid.ts';
import { runSweep, type SweepResult, type SweepRun } from './runSweep.ts';
import { writeParamsFile } from './writeParamsFile.ts';
import { didYouMean } from '../../model/didYouMean.ts';

/** Options of {@link tuneScenarioFiles}: what `pushstorm tune` takes. */
export interface TuneScenarioFilesOptions {
  /** Simulate worlds above `CONFIRM_USERS` users (`--yes`); without it such a world is refused before anything runs. */
  confirmed?: boolean;
  /** The detector to tune, by id. */
  detector: string;
  /** The grid, as `--grid` writes it (`threshold=3..12,window=5m|10m`). */
  grid: string;
  /** Seeds per scenario: the scenario's own (or `seed`) and the next ones (default 3). */
  seeds?: number;
  seed?: number;
  users?: number;
  days?: number;
  /** False alerts per 1,000 user-days the recommendation may not exceed; default what the defaults raise. */
  falseAlertBudget?: number;
  /** Run the public-rule baselines beside the grid (default true). */
  baselines?: boolean;
  /** Floors below which the recommendation is tentative (default `SWEEP_FLOORS`). */
  minIncidents?: number;
  minUserDays?: number;
  /** Write the report (report.html, report.md, report.json) in this directory. */
  report?: string;
  /** Write the recommended parameters here as a `--params` file (nothing is written without a recommendation). */
  writeParams?: string;
  /** The detectors to choose from (default the built-in ones; a caller adds its own). */
  registry?: ReadonlyMap<string, AnyDetectorDefinition>;
  /** A wall clock in ms for `seconds` (the CLI passes `performance.now`); without one it is 0. */
  now?: () => number;
  /** Progress of world `index` of `total`, once its scenario is known. */
  onProgress?: (index: number, total: number, scenario: ResolvedScenario, progress: SimulationProgress) => void;
  /** `cached`: the world came from the world cache. */
  onRunDone?: (index: number, total: number, run: SweepRun, cached: boolean) => void;
  /** The world cache to read and fill (`--cache`); none by default. */
  cache?: WorldCache;
}

/** What {@link tuneScenarioFiles} found and wrote. */
export interface TunedScenarioFiles {
  result: SweepResult;
  definition: AnyDetectorDefinition;
  /** Wall time of the sweep (0 without `now`). */
  seconds: number;
  /** Worlds read from the world cache instead of simulated. */
  cachedWorlds: number;
  /** The report's HTML file, absolute, when written. */
  report?: string;
  /** The parameter file, absolute, when written. */
  paramsFile?: string;
  /** The parameter file's text when `writeParams` is `-`: for the caller to print on standard output. */
  paramsText?: string;
}

/**
 * `pushstorm tune` below the CLI: checks the detector and the grid, loads every scenario file under each of its
 * seeds (all before simulating anything), sweeps the grid ({@link runSweep}), and writes the report and the
 * recommended parameters when asked.
 *
 * @throws OptionError (`tune options`) for an unknown detector or a bad grid; ScenarioError for a bad scenario.
 */
export async function tuneScenarioFiles(files: readonly string[], options: TuneScenarioFilesOptions): Promise<TunedScenarioFiles> {
  const registry = options.registry ?? detectorRegistry;
  const definition = registry.get(options.detector);
  if (!definition) {
    throw new OptionError('tune', [
      {
        option: '--detector',
        value: options.detector,
        message: `unknown detector${didYouMean(options.detector, registry.keys(), ` (known: ${[...registry.keys()].join(', ')})`)}`,
      },
    ]);
  }
  const grid = parseGrid(definition, options.grid);
  const seeds = options.seeds ?? 3;
  const scenarios: ResolvedScenario[] = [];
  for (const file of files) {
    const first = await loadScenarioFile(file, { seed: options.seed, users: options.users, days: options.days });
    checkWorldSize(first, options.confirmed === true, 'tune', file);
    for (let k = 0; k < seeds; k++) {
      scenarios.push(
        k === 0 ? first : await loadScenarioFile(file, { seed: (first.seed + k) % 2 ** 32, users: options.users, days: options.days }),
      );
    }
  }
  const baselines = options.baselines === false ? [] : [...registry.values()].filter((d) => d.baseline !== undefined && d !== definition);

  const now = options.now ?? (() => 0);
  const started = now();
  const onProgress = options.onProgress;
  let cachedWorlds = 0;
  const result = await runSweep(scenarios, definition, grid, {
    baselines,
    falseAlertBudget: options.falseAlertBudget,
    minIncidents: options.minIncidents,
    minUserDays: options.minUserDays,
    onProgress: onProgress ? (index, total, progress) => onProgress(index, total, scenarios[index], progress) : undefined,
    cache: options.cache,
    onRunDone: (index, run, cached) => {
      if (cached) cachedWorlds++;
      options.onRunDone?.(index, scenarios.length, run, cached);
    },
  });
  const seconds = (now() - started) / 1000;

  let report: string | undefined;
  if (options.report)
    report = (await writeReport(buildTuneReport(result, { pushstormVersion, grid: options.grid }), resolve(options.report))).html;
  let paramsFile: string | undefined;
  let paramsText: string | undefined;
  if (options.writeParams !== undefined && result.recommended !== null) {
    paramsFile = options.writeParams === '-' ? undefined : resolve(options.writeParams);
    paramsText = writeParamsFile(paramsFile ?? '-', result.recommended, definition, {
      pushstormVersion,
      evidence: result.evidence,
      grid: options.grid,
    });
  }
  return {
    result,
    definition,
    seconds,
    cachedWorlds,
    ...(report ? { report } : {}),
    ...(paramsFile ? { paramsFile } : {}),
    ...(options.writeParams === '-' && paramsText !== undefined ? { paramsText } : {}),
  };
}
