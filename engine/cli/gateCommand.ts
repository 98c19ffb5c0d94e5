import { performance } from 'node:perf_hooks';
import { stripControl } from '../model/text/stripControl.ts';
import type { Command } from 'commander';
import { GateFailedError } from '../model/errors/GateFailedError.ts';
import { checkGateFile } from '../evaluate/gate/checkGateFile.ts';
import { checkName, formatJunit } from '../evaluate/gate/formatJunit.ts';
import { formatGateMarkdown } from '../evaluate/gate/formatGateMarkdown.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import type { GateResult } from '../evaluate/gate/runGate.ts';
import { pushstormVersion } from '../model/version.ts';
import { displayPath } from './_internal/displayPath.ts';
import { formatTable } from './_internal/formatTable.ts';
import {
  detectorRegistryFor,
  detectorsFromOption,
  sqlDetectorOption,
  type DetectorsFromOptions,
  windowingOption,
} from './_internal/detectorsFromOption.ts';
import { YES_HELP, examplesHelp } from './_internal/helpSections.ts';
import { addWorldCacheOptions, type WorldCacheOptions, worldCacheFrom } from './_internal/worldCacheOption.ts';
import type { CliIo } from './CliIo.ts';

interface GateOptions extends DetectorsFromOptions, WorldCacheOptions {
  detectors?: string;
  params?: string;
  junit?: string;
  summary?: string;
  updateBaseline?: boolean;
  json?: boolean;
  yes?: boolean;
}

const HELP_AFTER = `
Gate file (YAML or JSON; paths relative to it):
  name: ci
  suite:                                   # scenarios × seeds, optional size overrides
    - { scenario: ../scenarios/uber-burst.yaml, seeds: [2022, 7], users: 120 }
    - { scenario: ../scenarios/quiet-month.yaml, seeds: [1], users: 300, days: 7 }
  detectors: all                           # or a list of ids; params: as detect --params, inline
  require:                                 # min and/or max; scenarios: narrows where it applies
    - { detector: overall, figure: recall, min: 0.95, scenarios: [uber-burst] }
    - { detector: overall, figure: falseAlertsPer1000UserDays, max: 0.2 }
  baseline: ci.baseline.json               # optional: no figure may get worse than this
  tolerance: { recall: 0.02 }              # allowed worsening per figure (default 0)

Figures: recall, precision, f1, preventedRate, prevented, incidentsDetected
(higher is better); falseAlertsPer1000UserDays, falseAlerts, alerts,
alertsPerDay, timeToDetectMedianMs, timeToDetectP95Ms (lower is better); of a
detector (id, or id@set) or "overall". A figure that does not apply (recall
where there is no incident) is skipped, not failed.

Every problem of the gate file — its schema, a bound no figure can reach (min
1.5 on recall, a negative max), a missing or invalid scenario, an unknown
detector or parameter, a missing baseline — is reported at once, before
anything runs (exit 2). --detectors and --params replace the file's detectors
and params, e.g. with a set tune --write-params wrote.

Outputs: a table on stdout (or --json) with each check once, a failure marked
FAIL beside its figure, detector, scenario and seed; --junit FILE (JUnit XML:
a testsuite per scenario × seed, a testcase per check); --summary FILE
(Markdown, for a CI job page); --update-baseline rewrites the baseline from
this run and exits 0.

${examplesHelp([
  ['pushstorm gate gates/ci.yaml', 'the repository’s own gate (npm run gate)'],
  ['pushstorm gate gates/ci.yaml --junit out/gate.xml --summary out/gate.md', 'with reports for the CI system'],
  ['pushstorm gate gates/ci.yaml --update-baseline', 'accept today’s figures as the new baseline'],
  ['pushstorm gate gates/ci.yaml --detectors denied-burst --params tuned.yaml', 'gate a tuned parameter set'],
])}

Exit codes:
  0  every check holds (or --update-baseline wrote the baseline)
  1  a regression: a figure below its minimum, above its maximum, or worse than the baseline
  2  bad input: the gate file, a scenario, a detector or an option; nothing written
`;

/** Registers `pushstorm gate <gate.yaml>`: the CI quality gate. */
export function registerGateCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('gate')
    .summary('check detection quality over a suite of scenarios × seeds (exit 1 on a regression)')
    .description(
      'The CI quality gate: simulate and score a suite of scenarios × seeds, check required minimum and maximum ' +
        'figures and a baseline, print every check, write JUnit XML and a Markdown summary, and exit 1 on a regression.',
    )
    .argument('<gate>', 'gate file, YAML or JSON')
    .option('--detectors <ids>', 'comma-separated detector ids instead of the gate file’s detectors')
    .option(
      '--params <file>',
      'parameter sets, YAML or JSON as pushstorm detect --params reads them (tune --write-params writes one), instead of the gate file’s params',
    )
    .addOption(detectorsFromOption())
    .addOption(sqlDetectorOption())
    .addOption(windowingOption())
    .option('--junit <file>', 'write JUnit XML here (- for standard output)')
    .option('--summary <file>', 'write a Markdown summary here (- for standard output, e.g. >> $GITHUB_STEP_SUMMARY)')
    .option('--update-baseline', 'rewrite the baseline from this run')
    .option('--json', 'print the result as one JSON object on stdout')
    .option('--yes', YES_HELP)
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, options: GateOptions) => {
      await runGateCommand(file, options, io);
    });
  return addWorldCacheOptions(command);
}

/** The gate's table and failures as text. */
export function formatGate(result: GateResult): string {
  // Requirements in full; baseline comparisons (a figure of every detector) only where they fail, and counted.
  const rows = result.runs.flatMap((r) =>
    r.checks
      .filter((c) => c.kind !== 'baseline' || c.status === 'fail')
      .map((c) => [
        `${r.scenario} seed ${r.seed}`,
        checkName(c),
        c.detail,
        c.status === 'pass' ? 'PASS' : c.status === 'skip' ? 'SKIP' : 'FAIL',
      ]),
  );
  const baseline = result.runs.flatMap((r) => r.checks.filter((c) => c.kind === 'baseline'));
  const baselineLine =
    baseline.length > 0
      ? [
          `baseline: ${baseline.length} figures compared, ${baseline.filter((c) => c.status === 'fail').length} worse beyond the tolerance, ${baseline.filter((c) => c.status === 'skip').length} not applicable`,
          '',
        ]
      : [];
  return [
    `gate ${stripControl(result.name)}, pushstorm ${pushstormVersion}: ${result.runs.length} runs${result.cachedRuns > 0 ? ` (${result.cachedRuns} from the world cache)` : ''}, ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`,
    '',
    formatTable([['run', 'check', 'value', 'result'], ...rows]),
    '',
    ...baselineLine,
    result.failed > 0 ? `${result.failed} ${result.failed === 1 ? 'check' : 'checks'} failed: the FAIL rows above` : 'every check holds',
    '',
  ].join('\n');
}

async function runGateCommand(file: string, options: GateOptions, io: CliIo): Promise<void> {
  // `-` writes the JUnit XML or the Markdown summary on standard output; the usual report then goes to stderr.
  const onStdout = [
    ...(options.junit === '-' ? ['--junit -'] : []),
    ...(options.summary === '-' ? ['--summary -'] : []),
    ...(options.json ? ['--json'] : []),
  ];
  if (onStdout.length > 1)
    throw new OptionError('gate', [
      {
        option: onStdout[1].split(' ')[0],
        value: onStdout[1].split(' ')[1] ?? '',
        message: `${onStdout[0]} already writes on standard output: give one of them a file`,
      },
    ]);
  const report = options.junit === '-' || options.summary === '-' ? io.stderr : io.stdout;
  const cache = await worldCacheFrom('gate', options);
  const { result, baselineWritten } = await checkGateFile(file, {
    registry: await detectorRegistryFor(options, process.cwd()),
    detectors: options.detectors
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    params: options.params,
    updateBaseline: options.updateBaseline,
    confirmed: options.yes === true,
    junit: options.junit === '-' ? undefined : options.junit,
    summary: options.summary === '-' ? undefined : options.summary,
    now: () => performance.now(),
    cache,
    onRun: (run, index, total) => {
      if (!options.json) {
        const failed = run.checks.filter((c) => c.status === 'fail').length;
        io.stderr.write(
          `run ${index + 1}/${total}: ${run.scenario} seed ${run.seed}, ${run.events.toLocaleString('en-US')} events${run.cached ? ' (cached world)' : ''}, ${run.checks.length} checks, ${failed} failed (${run.seconds.toFixed(1)} s)\n`,
        );
      }
    },
  });
  if (options.junit === '-') io.stdout.write(formatJunit(result));
  if (options.summary === '-') io.stdout.write(formatGateMarkdown(result));
  if (baselineWritten) {
    report.write(
      `baseline ${displayPath(baselineWritten, process.cwd())}: ${result.baseline.entries.length} entries written from this run\n`,
    );
    return;
  }
  if (options.json) {
    const { baseline: _baseline, ...rest } = result;
    io.stdout.write(`${JSON.stringify({ pushstormVersion, ...rest })}\n`);
  } else {
    report.write(formatGate(result));
  }
  if (result.failed > 0) throw new GateFailedError(result.name, result.failed, result.passed + result.failed + result.skipped);
}
