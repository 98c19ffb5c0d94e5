import type { Command } from 'commander';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { parseDuration } from '../model/duration/parseDuration.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { scoreFiles } from '../evaluate/scoreFiles.ts';
import { pushstormVersion } from '../model/version.ts';
import { displayPath } from './_internal/displayPath.ts';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { formatScore, type ScoreProvenance } from './formatScore.ts';

interface ScoreOptions {
  truth: string;
  alerts: string;
  events?: string;
  grace: string;
  incidents: string;
  report?: string;
  json?: boolean;
}

const HELP_AFTER = `
Definitions (docs/scoring.md), stated in every output:
  An alert thread (its open line and, if it grew, its closing line) is true when
  it names an incident's target user — or its Mac, or the attacker's source IP,
  for detectors keyed so — with an alert time between the incident's start and
  its end plus the grace (--grace, default 1h).
  precision   true alerts / alerts
  recall      incidents with a true alert / incidents
  F1          harmonic mean of the two (0 when nothing was caught)
  TTD         first true alert − incident start (median, p95 over detected)
  prompts     the attack's pushes up to that alert (needs --events)
  prevented   detected before the victim's approval, or detected and never
              approved
  false/1k user-days   false alerts × 1000 / (users × days)
  overall     every non-baseline detector together; baselines are scored alone
  A detector that raised no alert is not in the alerts file, so it has no row
  here; pushstorm run knows what ran and lists every detector.

Outputs: a table on stdout (or --json: one JSON object with the provenance —
pushstorm version, scenario name and hash, seed, files — the detector
parameters and every figure, per incident and the top false alerts).

${examplesHelp([
  ['pushstorm score --truth out/default-seed1/truth.json --alerts alerts.ndjson', 'score alerts against the world they came from'],
  [
    'pushstorm score --truth t.json --alerts a.ndjson --events out/default-seed1/events.ndjson',
    'also count the prompts each victim endured before detection',
  ],
  ['pushstorm score --truth t.json --alerts a.ndjson --json > score.json', 'every figure as JSON'],
  [
    'pushstorm score --truth t.json --alerts a.ndjson --events e.ndjson --report out/report',
    'and a report with charts (the incident timeline needs --events)',
  ],
])}

${EXIT_CODES_HELP}
`;

/** Registers `pushstorm score`: alerts against the truth of a simulated world. */
export function registerScoreCommand(program: Command, io: CliIo): Command {
  return program
    .command('score')
    .summary('score alerts against the truth of a simulated world')
    .description(
      'Score alert threads (from pushstorm detect) against the ground truth (from pushstorm simulate): per detector ' +
        'and overall, alert precision, incident recall, F1, time to detect, prompts endured, compromises prevented, ' +
        'false alerts per 1,000 user-days and alerts per day; which detector caught each incident when; the top false alerts.',
    )
    .requiredOption('--truth <file>', 'truth.json written by pushstorm simulate')
    .requiredOption('--alerts <file>', 'alerts NDJSON written by pushstorm detect, or - for stdin')
    .option('--events <file>', 'the events the alerts came from, to count prompts endured before detection')
    .option('--grace <duration>', 'how long after an incident ends an alert still matches it', '1h')
    .option('--incidents <n>', 'incident rows shown in the table (--json has all)', '20')
    .option('--report <dir>', 'also write report.md, a self-contained report.html with charts, and report.json there')
    .option('--json', 'print everything as one JSON object on stdout')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: ScoreOptions) => {
      await runScore(options, io);
    });
}

async function runScore(options: ScoreOptions, io: CliIo): Promise<void> {
  const issues: OptionIssue[] = [];
  let graceMs = 0;
  try {
    graceMs = parseDuration(options.grace);
  } catch {
    issues.push({ option: '--grace', value: options.grace, message: 'must be a duration such as 30m or 1h' });
  }
  const shown = Number(options.incidents);
  if (!Number.isInteger(shown) || shown < 0)
    issues.push({ option: '--incidents', value: options.incidents, message: 'must be a whole number >= 0' });
  const reportIssue = options.report === undefined ? undefined : checkOutputFolder('--report', options.report);
  if (reportIssue) issues.push(reportIssue);
  if (issues.length > 0) throw new OptionError('score', issues);
  const { truth, score, report } = await scoreFiles({
    truth: options.truth,
    alerts: options.alerts,
    events: options.events,
    graceMs,
    report: options.report,
  });
  const provenance: ScoreProvenance = {
    pushstormVersion,
    scenario: truth.scenario,
    seed: truth.seed,
    truthFile: options.truth,
    alertsFile: options.alerts,
    ...(options.events ? { eventsFile: options.events } : {}),
  };
  const reportPath = report === undefined ? undefined : displayPath(report, process.cwd());
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ provenance: { ...provenance, simulatedWith: truth.pushstormVersion }, score, ...(reportPath ? { report: reportPath } : {}) })}\n`,
    );
    return;
  }
  io.stdout.write(formatScore(score, provenance, { incidents: shown }));
  if (reportPath) io.stdout.write(`\nreport  ${reportPath} (and report.md, report.json beside it)\n`);
}
