import { join, resolve } from 'node:path';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import { MAX_DAYS, MAX_USERS } from '../model/limits.ts';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import type { SimulationProgress } from '../../generators/world/SimulationResult.ts';
import { evaluateToDirectory, type DirectoryEvaluation } from '../evaluate/evaluateToDirectory.ts';
import type { DetectorScore, Score } from '../evaluate/scoring/scoreAlerts.ts';
import { formatDurationApprox } from '../model/duration/formatDurationApprox.ts';
import { pushstormVersion } from '../model/version.ts';
import { createProgressBar, type ProgressReporter } from './_internal/createProgressBar.ts';
import {
  detectorRegistryFor,
  detectorsFromOption,
  sqlDetectorOption,
  type DetectorsFromOptions,
  windowingOption,
} from './_internal/detectorsFromOption.ts';
import { displayPath } from './_internal/displayPath.ts';
import { falseAlertCauseLines } from './_internal/falseAlertCauseLines.ts';
import { formatCount } from './_internal/formatCount.ts';
import { formatTable } from './_internal/formatTable.ts';
import { EXIT_CODES_HELP, WORKERS_HELP, YES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';
import { packageRoot } from './packageInfo.ts';
import { displaySummary } from './runSimulation.ts';
import { addWorldCacheOptions, type WorldCacheOptions, worldCacheFrom } from './_internal/worldCacheOption.ts';

/** The bundled scenario `pushstorm run` uses when none is named, resolved from the package root. */
export const DEFAULT_SCENARIO_FILE = join(packageRoot, 'scenarios', 'default.yaml');

interface RunOptions extends DetectorsFromOptions, WorldCacheOptions {
  seed?: number;
  users?: number;
  days?: number;
  out?: string;
  report?: string;
  quiet?: boolean;
  json?: boolean;
  workers?: number;
  yes?: boolean;
  detectors?: string;
  params?: string;
}

const HELP_AFTER = `
Steps: simulate the scenario (events.ndjson, truth.json), run every detector and
the public-rule baselines with their defaults (or --detectors, with --params)
over the events (alerts.ndjson), score the alerts against the truth
(score.json, as pushstorm score --json), all in the output directory (default
out/<scenario>-seed<seed>, with -<users>u and -<days>d appended when --users or
--days is given, so a trial run keeps the full run's files), write the report
(report.md, a self-contained report.html with charts, report.json; in
<out>/report or --report DIR), then print a short table: per detector, recall,
precision, false alerts per 1,000 user-days, median time to detect, compromises
prevented, and the report's path. pushstorm score --truth DIR/truth.json
--alerts DIR/alerts.ndjson prints the whole score again.

${examplesHelp([
  ['npm start', 'the bundled default scenario (scenarios/default.yaml), from the repository'],
  ['pushstorm run scenarios/uber-burst.yaml --seed 7', 'another scenario and seed'],
  ['pushstorm run scenarios/quiet-month.yaml --days 7 --json', 'a shorter run (into out/quiet-month-seed<seed>-7d), the summary as JSON'],
  [
    'pushstorm run scenarios/quiet-month.yaml --detectors mfa-without-login --params tuned.yaml',
    'a tuned parameter set (tune --write-params tuned.yaml) as the main job',
  ],
  [
    'pushstorm run scenarios/tiny.yaml --detectors baseline-splunk-failed-mfa --windowing sliding',
    'a bucketed rule as its sliding variant, as EQL counts (tumbling: as ES|QL counts)',
  ],
])}

${EXIT_CODES_HELP}
`;

/** Registers `pushstorm run [scenario]`: the main job — simulate, detect, score. */
export function registerRunCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('run')
    .summary('simulate a scenario, detect with every detector and baseline, score (the main job)')
    .description(
      'The main job: simulate a scenario (default: the bundled scenarios/default.yaml), run every detector and the ' +
        'public-rule baselines over its events, score the alerts against its truth, and print how each did.',
    )
    .argument('[scenario]', 'scenario file (YAML or JSON); default: the bundled default scenario')
    .option('--seed <n>', 'override the scenario seed', integerOption(0, 2 ** 32 - 1))
    .option('--users <n>', 'override the population size', integerOption(1, MAX_USERS))
    .option('--days <n>', 'override the duration in days', integerOption(1, MAX_DAYS))
    .option('--out <dir>', 'output directory (default out/<scenario>-seed<seed>, plus -<users>u-<days>d with --users/--days)')
    .option('--report <dir>', 'where the report goes (default <out>/report)')
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('--workers <n>', WORKERS_HELP, integerOption(1, 64))
    .option('--yes', YES_HELP)
    .option('--detectors <ids>', 'comma-separated detector ids (default: every detector and baseline)')
    .option('--params <file>', 'parameter sets, YAML or JSON, as pushstorm detect --params reads them (tune --write-params writes one)')
    .addOption(detectorsFromOption())
    .addOption(sqlDetectorOption())
    .addOption(windowingOption())
    .addHelpText('after', HELP_AFTER)
    .action(async (scenario: string | undefined, options: RunOptions) => {
      await runMainJob(scenario ?? DEFAULT_SCENARIO_FILE, options, io);
    });
  return addWorldCacheOptions(command);
}

/** The main job; returns the score so tests can read it. */
export async function runMainJob(scenarioFile: string, options: RunOptions, io: CliIo, cwd: string = process.cwd()): Promise<Score> {
  const folderIssues = [
    ...(options.out === undefined ? [] : [checkOutputFolder('--out', options.out, cwd)]),
    ...(options.report === undefined ? [] : [checkOutputFolder('--report', options.report, cwd)]),
  ].filter((issue) => issue !== undefined);
  if (folderIssues.length > 0) throw new OptionError('run', folderIssues);
  const cache = await worldCacheFrom('run', options);
  const registry = await detectorRegistryFor(options, cwd);
  let bar: ProgressReporter | undefined;
  const showBar = io.isTTY && !options.quiet;
  let run: DirectoryEvaluation;
  try {
    // The loader names the file in its errors: give it the path as the user would write it from here.
    run = await evaluateToDirectory(displayPath(resolve(cwd, scenarioFile), process.cwd()), {
      seed: options.seed,
      users: options.users,
      days: options.days,
      out: options.out,
      report: options.report,
      workers: options.workers,
      confirmed: options.yes === true,
      cache,
      detectors: {
        detectors: options.detectors,
        params: options.params && displayPath(resolve(cwd, options.params), process.cwd()),
        registry,
      },
      cwd,
      now: () => performance.now(),
      onStart: (scenario) => {
        if (showBar) bar = createProgressBar(io.stderr as NodeJS.WritableStream, `simulating ${scenario.name}`);
      },
      ...(showBar ? { onProgress: (progress: SimulationProgress) => bar?.update(progress) } : {}),
      onDetecting: (simulation) => {
        bar?.stop();
        bar = undefined;
        if (showBar)
          io.stderr.write(`detecting over ${formatCount(simulation.records)} events${simulation.cached ? ' (cached world)' : ''}…\n`);
      },
    });
  } finally {
    bar?.stop();
  }
  const { evaluation, provenance, wallMs } = run;
  const { score, truth } = evaluation;
  const simulation = displaySummary(run.simulation, cwd);
  const summary = {
    ...provenance,
    users: score.users,
    days: score.days,
    events: simulation.records,
    ...(simulation.cached ? { cached: true } : {}),
    incidents: score.incidents,
    compromises: score.compromises,
    detectors: [...score.detectors, score.overall].map((d) => ({
      label: d.label,
      baseline: d.baseline,
      params: d.params,
      alerts: d.alerts,
      recall: d.recall,
      precision: d.precision,
      falseAlertsPer1000UserDays: d.falseAlertsPer1000UserDays,
      timeToDetectMedianMs: d.timeToDetectMs.median,
      prevented: d.prevented,
    })),
    outputs: {
      dir: simulation.outputs.dir,
      events: simulation.outputs.events,
      truth: simulation.outputs.truth,
      alerts: displayPath(run.files.alerts, cwd),
      score: displayPath(run.files.score, cwd),
      report: displayPath(run.files.report, cwd),
    },
    wallMs,
  };
  if (options.json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return score;
  }
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  const row = (d: DetectorScore) => [
    d.label === 'overall' ? 'overall (all but baselines)' : d.label + (d.baseline ? ' (baseline)' : ''),
    formatCount(d.alerts),
    pct(d.recall),
    pct(d.precision),
    d.falseAlertsPer1000UserDays.toFixed(2),
    d.timeToDetectMs.median === null ? '—' : formatDurationApprox(Math.max(0, d.timeToDetectMs.median)),
    `${d.prevented}/${score.incidents}`,
  ];
  io.stdout.write(
    [
      `scenario ${truth.scenario.name} (hash ${truth.scenario.hash.slice(0, 12)}), seed ${truth.seed}, pushstorm ${pushstormVersion}`,
      `${formatCount(score.users)} users × ${formatCount(score.days)} days, ${formatCount(simulation.records)} events, ` +
        `${formatCount(score.incidents)} ${score.incidents === 1 ? 'incident' : 'incidents'} (${formatCount(score.compromises)} compromised)`,
      ...(options.params ? [`parameters from ${options.params}`] : []),
      '',
      formatTable([
        ['detector', 'alerts', 'recall', 'precision', 'false/1k user-days', 'TTD median', 'prevented'],
        ...score.detectors.map(row),
        row(score.overall),
      ]),
      ...falseAlertCauseLines(score),
      '',
      `report   ${summary.outputs.report} (and report.md, report.json beside it)`,
      `outputs  ${summary.outputs.dir}/ (events.ndjson, truth.json, alerts.ndjson, score.json)`,
      `         pushstorm score --truth ${summary.outputs.truth} --alerts ${summary.outputs.alerts} --events ${summary.outputs.events} for the whole score`,
      `wall time  ${simulation.cached ? 'world from the cache' : 'simulate'} ${(wallMs.simulate / 1000).toFixed(1)} s, detect and score ${(wallMs.detectAndScore / 1000).toFixed(1)} s`,
      '',
    ].join('\n'),
  );
  return score;
}
