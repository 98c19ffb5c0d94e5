import { performance } from 'node:perf_hooks';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { MAX_DAYS, MAX_USERS } from '../model/limits.ts';
import type { Command } from 'commander';
import { formatDuration } from '../model/duration/parseDuration.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import { formatInterval, type Interval } from '../evaluate/tuning/Interval.ts';
import type { SweepResult, SweepRow } from '../evaluate/tuning/runSweep.ts';
import type { ParamSpec, AnyDetectorDefinition } from '../runtime/DetectorDefinition.ts';
import { formatParamValue } from '../runtime/paramValues.ts';
import { tuneScenarioFiles } from '../evaluate/tuning/tuneScenarioFiles.ts';
import { pushstormVersion } from '../model/version.ts';
import { createProgressBar, type ProgressReporter } from './_internal/createProgressBar.ts';
import { displayPath } from './_internal/displayPath.ts';
import { formatTable } from './_internal/formatTable.ts';
import { EXIT_CODES_HELP, YES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';
import { addWorldCacheOptions, type WorldCacheOptions, worldCacheFrom } from './_internal/worldCacheOption.ts';
import {
  detectorRegistryFor,
  detectorsFromOption,
  sqlDetectorOption,
  type DetectorsFromOptions,
  windowingOption,
} from './_internal/detectorsFromOption.ts';

interface TuneOptions extends DetectorsFromOptions, WorldCacheOptions {
  detector: string;
  grid: string;
  seeds: number;
  seed?: number;
  users?: number;
  days?: number;
  fpBudget?: string;
  baselines: boolean;
  report?: string;
  json?: boolean;
  yes?: boolean;
  quiet?: boolean;
  writeParams?: string;
}

const HELP_AFTER = `
How it works: each scenario is simulated once per seed (seeds: the scenario's
own seed, or --seed, and the next ones); in that one pass every grid point runs
as a parameter set of the detector, beside its defaults and the public-rule
baselines — the events are never re-read per point. Figures are pooled over the
worlds with 95% confidence intervals, printed as estimate [low, high]: recall,
prevented and precision as proportions (Wilson score intervals), false alerts
per 1,000 user-days as a rate (Poisson score interval), the median time to
detect as a mean over worlds. Mix attack scenarios with a quiet one to measure
both recall and false alerts. With fewer than 20 incidents or 10,000 user-days
over all worlds the recommendation is tentative ("worlds too small to decide"):
add seeds, users or days before trusting it.

Grid: comma-separated param=values; values are a range a..b (the parameter's
step, or a..b:step), a list x|y|z, or one value; durations like 10m for time
parameters, which may be named with or without their Ms suffix (window =
windowMs), as in a --params file. Every value must be a multiple of the
parameter's step (pushstorm detectors lists min, max and step).

Output: the Pareto front (no other point has more recall and prevented with
fewer false alerts), the defaults and the baselines, then the recommendation:
the most recall within the false-alert budget (--fp-budget, per 1,000
user-days; default: what the defaults raise). --json prints every point and the
recommendation's parameters; --write-params FILE writes them as a parameter
file (YAML for .yaml/.yml, else JSON) that run, detect and gate take with
--params.

${examplesHelp([
  [
    'pushstorm tune scenarios/uber-burst.yaml scenarios/quiet-month.yaml --detector mfa-without-login --grid "threshold=3..12,window=5m|10m|30m" --seeds 5 --fp-budget 0.5',
    'the issue’s example: 30 points, 2 scenarios × 5 seeds',
  ],
  [
    'pushstorm tune scenarios/default.yaml --detector denied-burst --grid "threshold=3..8" --seeds 3 --report out/tune',
    'a one-axis sweep with a report (charts: the front, the time to detect, an incident)',
  ],
  [
    'pushstorm tune scenarios/night-login-window.yaml --detector mac-login-window-storm --grid "threshold=3|5|8,grace=1m|5m" --users 200 --json',
    'a smaller world, every point as JSON',
  ],
  [
    'pushstorm tune scenarios/uber-burst.yaml scenarios/quiet-month.yaml --detector denied-burst --grid "threshold=3..8" --write-params tuned.yaml',
    'then: pushstorm run scenarios/quiet-month.yaml --params tuned.yaml',
  ],
])}

${EXIT_CODES_HELP}
`;

/** Registers `pushstorm tune`: sweep a detector's parameters over scenarios × seeds and recommend some. */
export function registerTuneCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('tune')
    .summary('sweep a detector’s parameters over scenarios × seeds; Pareto front and a recommendation')
    .description(
      'Sweep a grid of a detector’s parameters over one or more scenarios and several seeds, in one detection pass per ' +
        'simulated world; print the Pareto front of recall and prevented against false alerts per 1,000 user-days, ' +
        'with 95% intervals, and recommend the parameters with the most recall within a false-alert budget.',
    )
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .requiredOption('--detector <id>', 'the detector to tune (see pushstorm detectors)')
    .addOption(detectorsFromOption())
    .addOption(sqlDetectorOption())
    .addOption(windowingOption())
    .requiredOption('--grid <spec>', 'parameter grid, e.g. "threshold=3..12,window=5m|10m|30m"')
    .option('--seeds <n>', 'seeds per scenario', integerOption(1, 1000), 3)
    .option('--seed <n>', 'first seed (default: each scenario’s own)', integerOption(0, 2 ** 32 - 1))
    .option('--users <n>', 'override the population size', integerOption(1, MAX_USERS))
    .option('--days <n>', 'override the duration in days', integerOption(1, MAX_DAYS))
    .option('--fp-budget <x>', 'false alerts per 1,000 user-days the recommendation may not exceed (default: the defaults’ rate)')
    .option('--no-baselines', 'leave the public-rule baselines out')
    .option('--report <dir>', 'write report.md, a self-contained report.html with charts, and report.json there')
    .option('--json', 'print the whole sweep as one JSON object on stdout')
    .option('--yes', YES_HELP)
    .option(
      '--write-params <file>',
      'write the recommended parameters as a --params file (YAML or JSON by its extension; - for YAML on standard output)',
    )
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', HELP_AFTER)
    .action(async (files: string[], options: TuneOptions) => {
      await runTune(files, options, io);
    });
  return addWorldCacheOptions(command);
}

const ci = (m: Interval | null) => formatInterval(m);
const minutes = (m: Interval | null) => (m === null ? '—' : formatDuration(Math.round(m.mean / 1000) * 1000));

type Specs = Readonly<Record<string, ParamSpec>>;

function row(r: SweepRow, recommended: boolean, specs: Specs): string[] {
  const name = r.kind === 'defaults' ? `defaults (${paramsText(r, specs)})` : r.kind === 'baseline' ? `${r.name} (baseline)` : r.name;
  return [
    (recommended ? '→ ' : '  ') + name,
    ci(r.recall),
    ci(r.preventedRate),
    ci(r.falseAlertsPer1000UserDays),
    ci(r.precision),
    minutes(r.timeToDetectMedianMs),
  ];
}

function paramsText(r: SweepRow, specs: Specs): string {
  return Object.entries(r.params)
    .map(([k, v]) => `${k}=${specs[k] ? formatParamValue(specs[k], v) : v}`)
    .join(',');
}

/**
 * The sweep as text: where it ran, the front, the defaults and baselines, the recommendation. `definition` is the tuned
 * detector (built-in or a plug-in), whose parameter specs say which values are durations.
 */
export function formatSweep(result: SweepResult, seconds: number, definition: AnyDetectorDefinition): string {
  const specs = definition.params as Specs;
  const worlds = result.runs.length;
  const scenarios = [...new Map(result.runs.map((r) => [r.scenario, r])).values()];
  const gridRows = result.rows.filter((r) => r.kind === 'grid');
  const front = gridRows
    .filter((r) => r.front)
    .sort((a, b) => a.falseAlertsPer1000UserDays.mean - b.falseAlertsPer1000UserDays.mean || (b.recall?.mean ?? 0) - (a.recall?.mean ?? 0));
  const recommended = result.recommendedIndex === null ? undefined : result.rows[result.recommendedIndex];
  const tentative = result.recommended?.tentative ?? false;
  const lines = [
    `tuning ${result.detector}, pushstorm ${pushstormVersion}: ${scenarios.map((s) => `${s.scenario} (hash ${s.hash.slice(0, 12)})`).join(', ')}; ` +
      `seeds ${[...new Set(result.runs.map((r) => r.seed))].join(', ')}; ${worlds} world${worlds === 1 ? '' : 's'}, ` +
      `${result.runs.reduce((n, r) => n + r.events, 0).toLocaleString('en-US')} events`,
    `grid ${result.axes.map((a) => `${a.param} ${a.values.length === 1 ? '' : `(${a.values.length})`}`.trim()).join(' × ')} = ${gridRows.length} points, all in one detection pass per world; ${seconds.toFixed(1)} s`,
    '',
    `Pareto front (${front.length} of ${gridRows.length} points), the defaults and the baselines — pooled over the worlds, estimate [95% interval]:`,
    formatTable([
      ['  configuration', 'recall', 'prevented', 'false/1k user-days', 'precision', 'TTD median'],
      ...front.map((r) => row(r, r === recommended, specs)),
      ...(recommended && !recommended.front ? [row(recommended, true, specs)] : []),
      ...result.rows.filter((r) => r.kind !== 'grid').map((r) => row(r, false, specs)),
    ]),
    '',
    ...(result.evidence.shortfalls.length > 0
      ? [
          `worlds too small to decide: ${result.evidence.shortfalls.join('; ')} — add seeds (--seeds), users or days before trusting a recommendation`,
        ]
      : []),
    recommended
      ? `recommended${tentative ? ' (tentative)' : ''}: ${recommended.name} — recall ${ci(recommended.recall)}, prevented ${ci(recommended.preventedRate)}, ` +
        `${ci(recommended.falseAlertsPer1000UserDays)} false alerts per 1,000 user-days, within the budget of ${result.budget.toFixed(2)} ` +
        `(${result.budgetSource === 'given' ? '--fp-budget' : 'what the defaults raise'})`
      : `no grid point stays within the budget of ${result.budget.toFixed(2)} false alerts per 1,000 user-days ` +
        `(${result.budgetSource === 'given' ? '--fp-budget' : 'what the defaults raise'}); loosen it or widen the grid`,
    '',
  ];
  return lines.join('\n');
}

async function runTune(files: string[], options: TuneOptions, io: CliIo): Promise<void> {
  const reportIssue = options.report === undefined ? undefined : checkOutputFolder('--report', options.report);
  if (reportIssue) throw new OptionError('tune', [reportIssue]);
  if (options.writeParams === '-' && options.json)
    throw new OptionError('tune', [
      { option: '--write-params', value: '-', message: '--json already writes on standard output: give the parameters a file' },
    ]);
  let budget: number | undefined;
  if (options.fpBudget !== undefined) {
    budget = Number(options.fpBudget);
    if (!Number.isFinite(budget) || budget < 0)
      throw new OptionError('tune', [
        { option: '--fp-budget', value: options.fpBudget, message: 'must be a number >= 0 (false alerts per 1,000 user-days)' },
      ]);
  }
  let bar: ProgressReporter | undefined;
  const showBar = io.isTTY && !options.quiet;
  const tuned = await tuneScenarioFiles(files, {
    registry: await detectorRegistryFor(options, process.cwd()),
    detector: options.detector,
    grid: options.grid,
    seeds: options.seeds,
    seed: options.seed,
    users: options.users,
    days: options.days,
    confirmed: options.yes === true,
    falseAlertBudget: budget,
    baselines: options.baselines,
    report: options.report,
    writeParams: options.writeParams,
    now: () => performance.now(),
    cache: await worldCacheFrom('tune', options),
    onProgress: showBar
      ? (index, total, scenario, progress) => {
          bar ??= createProgressBar(
            io.stderr as NodeJS.WritableStream,
            `world ${index + 1}/${total} ${scenario.name} seed ${scenario.seed}`,
          );
          bar.update(progress);
        }
      : undefined,
    onRunDone: (index, total, run, cached) => {
      bar?.stop();
      bar = undefined;
      if (!options.quiet && !options.json) {
        io.stderr.write(
          `world ${index + 1}/${total}: ${run.scenario} seed ${run.seed}, ${run.events.toLocaleString('en-US')} events${cached ? ' (cached world)' : ''}, ${run.incidents} incidents\n`,
        );
      }
    },
  });
  const { result, seconds, cachedWorlds } = tuned;
  const reportPath = tuned.report === undefined ? undefined : displayPath(tuned.report, process.cwd());
  if (options.json) {
    const { sample: _sample, ...rest } = result;
    const paramsFile = tuned.paramsFile === undefined ? {} : { paramsFile: displayPath(tuned.paramsFile, process.cwd()) };
    io.stdout.write(
      `${JSON.stringify({ pushstormVersion, grid: options.grid, seconds, cachedWorlds, ...rest, ...paramsFile, ...(reportPath ? { report: reportPath } : {}) })}\n`,
    );
    return;
  }
  // `--write-params -`: the parameters on standard output (ready for a file or a pipe), the report on stderr.
  const report = options.writeParams === '-' ? io.stderr : io.stdout;
  if (tuned.paramsText !== undefined) io.stdout.write(tuned.paramsText);
  report.write(formatSweep(result, seconds, tuned.definition));
  if (cachedWorlds > 0) report.write(`cache   ${cachedWorlds} of ${result.runs.length} worlds read from the world cache\n`);
  if (options.writeParams === '-') {
    if (tuned.paramsText === undefined) report.write('params  not written: nothing is recommended\n');
  } else if (options.writeParams !== undefined) {
    report.write(
      tuned.paramsFile !== undefined
        ? `params  ${options.writeParams}${result.recommended!.tentative ? ' (tentative)' : ''}: run it with pushstorm run --params ${options.writeParams}\n`
        : `params  ${options.writeParams} not written: nothing is recommended\n`,
    );
  }
  if (reportPath) report.write(`report  ${reportPath} (and report.md, report.json beside it)\n`);
}
