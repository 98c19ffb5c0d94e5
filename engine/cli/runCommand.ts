import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { detectorRegistry } from '../../detectors/index.ts';
import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { EventReader } from '../formats/reader/readEvents.ts';
import { readTruthFile } from '../formats/canonical/readTruthFile.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { DetectorRuntime } from '../runtime/DetectorRuntime.ts';
import { resolveInstances } from '../runtime/resolveInstances.ts';
import { promptTimes } from '../evaluate/scoring/promptTimes.ts';
import { scoreAlerts, type DetectorScore } from '../evaluate/scoring/scoreAlerts.ts';
import { formatDuration } from '../model/duration/parseDuration.ts';
import { buildScoreReport } from '../evaluate/report/buildScoreReport.ts';
import { writeReport } from '../evaluate/report/writeReport.ts';
import { pushstormVersion } from '../model/version.ts';
import { displayPath } from './_internal/displayPath.ts';
import { formatCount } from './_internal/formatCount.ts';
import { formatTable } from './_internal/formatTable.ts';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';
import { packageRoot } from './packageInfo.ts';
import { WORKERS_HELP, runSimulation } from './runSimulation.ts';
import { describeInstance } from '../runtime/describeInstance.ts';

/** The bundled scenario `pushstorm run` uses when none is named, resolved from the package root. */
export const DEFAULT_SCENARIO_FILE = join(packageRoot, 'scenarios', 'default.yaml');

interface RunOptions {
  seed?: number;
  users?: number;
  days?: number;
  out?: string;
  report?: string;
  quiet?: boolean;
  json?: boolean;
  workers?: number;
}

const HELP_AFTER = `
Steps: simulate the scenario (events.ndjson, truth.json), run every detector and
the public-rule baselines with their defaults over the events (alerts.ndjson),
score the alerts against the truth (score.json, as pushstorm score --json), all
in the output directory (default out/<scenario>-seed<seed>), write the report
(report.md, a self-contained report.html with charts, report.json; in
<out>/report or --report DIR), then print a short table: per detector, recall,
precision, false alerts per 1,000 user-days, median time to detect, compromises
prevented, and the report's path. pushstorm score --truth DIR/truth.json
--alerts DIR/alerts.ndjson prints the whole score again.

${examplesHelp([
  ['npm start', 'the bundled default scenario (scenarios/default.yaml), from the repository'],
  ['pushstorm run scenarios/uber-burst.yaml --seed 7', 'another scenario and seed'],
  ['pushstorm run scenarios/quiet-month.yaml --days 7 --json', 'a shorter run, the summary as JSON'],
])}

${EXIT_CODES_HELP}
`;

/** Registers `pushstorm run [scenario]`: the main job — simulate, detect, score. */
export function registerRunCommand(program: Command, io: CliIo): Command {
  return program
    .command('run')
    .summary('simulate a scenario, detect with every detector and baseline, score (the main job)')
    .description(
      'The main job: simulate a scenario (default: the bundled scenarios/default.yaml), run every detector and the ' +
        'public-rule baselines over its events, score the alerts against its truth, and print how each did.',
    )
    .argument('[scenario]', 'scenario file (YAML or JSON); default: the bundled default scenario')
    .option('--seed <n>', 'override the scenario seed', integerOption(0, 2 ** 32 - 1))
    .option('--users <n>', 'override the population size', integerOption(1, 10_000_000))
    .option('--days <n>', 'override the duration in days', integerOption(1, 3650))
    .option('--out <dir>', 'output directory (default out/<scenario>-seed<seed>)')
    .option('--report <dir>', 'where the report goes (default <out>/report)')
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('--workers <n>', WORKERS_HELP, integerOption(1, 64))
    .addHelpText('after', HELP_AFTER)
    .action(async (scenario: string | undefined, options: RunOptions) => {
      await runMainJob(scenario ?? DEFAULT_SCENARIO_FILE, options, io);
    });
}

/** The main job; returns the score so tests can read it. */
export async function runMainJob(scenarioFile: string, options: RunOptions, io: CliIo, cwd: string = process.cwd()) {
  const sim = await runSimulation({ scenarioFile, ...options, print: false }, io, cwd);
  const dir = resolve(cwd, sim.outputs.dir);
  const eventsPath = join(dir, 'events.ndjson');
  const alertsPath = join(dir, 'alerts.ndjson');
  const truth = readTruthFile(join(dir, 'truth.json'));
  if (io.isTTY && !options.quiet) io.stderr.write(`detecting over ${formatCount(sim.records)} events…\n`);

  const started = performance.now();
  const alerts: Alert[] = [];
  const attack: CanonicalEvent[] = [];
  const writer = new NdjsonFileWriter(alertsPath, { atomic: true });
  const instances = resolveInstances(detectorRegistry, undefined, undefined);
  const runtime = new DetectorRuntime(instances, (alert) => {
    alerts.push(alert);
    writer.write(alert);
  });
  try {
    const reader = new EventReader(openEventInput(eventsPath), { strict: true });
    for await (const event of reader.events()) {
      runtime.push(event);
      if (truth.labels[event.id] !== undefined) attack.push(event);
    }
    runtime.finish();
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
  const detectMs = performance.now() - started;

  const ran = instances.map(describeInstance);
  const score = scoreAlerts(truth, alerts, { prompts: promptTimes(attack, truth), ran });
  const provenance = {
    pushstormVersion,
    scenario: truth.scenario,
    seed: truth.seed,
    truthFile: displayPath(join(dir, 'truth.json'), cwd),
    alertsFile: displayPath(alertsPath, cwd),
    eventsFile: displayPath(eventsPath, cwd),
    simulatedWith: truth.pushstormVersion,
  };
  const scorePath = join(dir, 'score.json');
  writeJsonFileAtomic(scorePath, { provenance, score });

  const reportDir = resolve(cwd, options.report ?? join(dir, 'report'));
  const report = await writeReport(
    buildScoreReport({
      kind: 'run',
      score,
      truth,
      attackEvents: attack,
      provenance: {
        pushstormVersion,
        scenarios: [{ name: truth.scenario.name, hash: truth.scenario.hash, seeds: [truth.seed] }],
        detectors: ran,
        files: { events: provenance.eventsFile, truth: provenance.truthFile, alerts: provenance.alertsFile },
      },
    }),
    reportDir,
  );

  const summary = {
    ...provenance,
    users: score.users,
    days: score.days,
    events: sim.records,
    incidents: score.incidents,
    compromises: score.compromises,
    detectors: [...score.detectors, score.overall].map((d) => ({
      label: d.label,
      baseline: d.baseline,
      alerts: d.alerts,
      recall: d.recall,
      precision: d.precision,
      falseAlertsPer1000UserDays: d.falseAlertsPer1000UserDays,
      timeToDetectMedianMs: d.timeToDetectMs.median,
      prevented: d.prevented,
    })),
    outputs: {
      dir: sim.outputs.dir,
      events: sim.outputs.events,
      truth: sim.outputs.truth,
      alerts: displayPath(alertsPath, cwd),
      score: displayPath(scorePath, cwd),
      report: displayPath(report.html, cwd),
    },
    wallMs: { simulate: sim.wallMs, detectAndScore: Math.round(detectMs) },
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
    d.timeToDetectMs.median === null ? '—' : formatDuration(Math.round(d.timeToDetectMs.median / 1000) * 1000),
    `${d.prevented}/${score.incidents}`,
  ];
  io.stdout.write(
    [
      `scenario ${truth.scenario.name} (hash ${truth.scenario.hash.slice(0, 12)}), seed ${truth.seed}, pushstorm ${pushstormVersion}`,
      `${formatCount(score.users)} users × ${formatCount(score.days)} days, ${formatCount(sim.records)} events, ` +
        `${formatCount(score.incidents)} ${score.incidents === 1 ? 'incident' : 'incidents'} (${formatCount(score.compromises)} compromised)`,
      '',
      formatTable([
        ['detector', 'alerts', 'recall', 'precision', 'false/1k user-days', 'TTD median', 'prevented'],
        ...score.detectors.map(row),
        row(score.overall),
      ]),
      '',
      `report   ${summary.outputs.report} (and report.md, report.json beside it)`,
      `outputs  ${summary.outputs.dir}/ (events.ndjson, truth.json, alerts.ndjson, score.json)`,
      `         pushstorm score --truth ${summary.outputs.truth} --alerts ${summary.outputs.alerts} --events ${summary.outputs.events} for the whole score`,
      `wall time  simulate ${(sim.wallMs / 1000).toFixed(1)} s, detect and score ${(detectMs / 1000).toFixed(1)} s`,
      '',
    ].join('\n'),
  );
  return score;
}
