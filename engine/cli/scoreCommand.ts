import type { Command } from 'commander';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { parseDuration } from '../model/duration/parseDuration.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { scoreFiles } from '../evaluate/scoreFiles.ts';
import {
  type AlertsFormat,
  alertsFormats,
  type ForeignColumn,
  type ForeignEntityKind,
  foreignColumns,
  foreignEntityKinds,
} from '../formats/alerts/index.ts';
import { pushstormVersion } from '../model/version.ts';
import { displayPath } from './_internal/displayPath.ts';
import { repeatable } from './_internal/repeatable.ts';
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
  alertsFormat?: string;
  column?: string[];
  detectorName?: string;
  entityKind?: string;
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

Alerts from another engine (docs/scale.md): --alerts also reads findings as
rows — CSV with a header, Parquet, or NDJSON (an object a line) — such as the
SQL of pushstorm export returns on DuckDB (or adapted, on Spark or Trino). Format by
extension (.csv, .parquet, .ndjson/.jsonl; an NDJSON file whose first line is a
pushstorm alert is read as alerts), or --alerts-format.
Columns, each read from the column of its name unless --column ROLE=NAME:
  entity         the key: a user login, source IP, ASN or device id (required)
  decision_time  epoch ms, ISO 8601 text (UTC unless it names an offset) or a
                 TIMESTAMP (required)
  detector       id, or id@set (default --detector-name, else the file's name);
                 a pushstorm detector's id takes its title, severity, baseline flag
  entity_kind    user, source, asn or device (default --entity-kind, else the
                 named detector's, else user)
  evidence       a count of events, or their ids (false alerts' causes need ids)
  users          users a source-, ASN- or device-keyed finding concerns
Rows of one detector and entity at most one thread gap (1h, the runtime's)
apart are one alert thread, as the streaming runtime folds findings. A bad row
stops the score with its row and column named (exit 2): nothing is dropped.

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
  [
    'pushstorm score --truth t.json --alerts findings.parquet --detector-name baseline-splunk-failed-mfa',
    'score the rows the exported SQL returned (entity, decision_time), written to Parquet',
  ],
  [
    'pushstorm score --truth t.json --alerts siem.csv --column entity=user_name --column decision_time=ts',
    "another engine's CSV, its columns mapped",
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
    .requiredOption(
      '--alerts <file>',
      'alerts NDJSON written by pushstorm detect (- for stdin), or rows from another engine: CSV, Parquet, NDJSON',
    )
    .option('--alerts-format <format>', `how --alerts is written: ${alertsFormats.join(', ')} (default: by extension)`)
    .option('--column <role=name>', `the column of a role in alert rows (${foreignColumns.join(', ')}); repeatable`, repeatable)
    .option('--detector-name <id>', 'the detector of alert rows that name none (default: the file name)')
    .option('--entity-kind <kind>', `the entity kind of alert rows that name none: ${foreignEntityKinds.join(', ')}`)
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
  if (options.alertsFormat !== undefined && !alertsFormats.includes(options.alertsFormat as AlertsFormat))
    issues.push({ option: '--alerts-format', value: options.alertsFormat, message: `must be one of ${alertsFormats.join(', ')}` });
  const columns = columnMapping(options.column ?? [], issues);
  if (options.detectorName !== undefined && options.detectorName.trim() === '')
    issues.push({ option: '--detector-name', value: options.detectorName, message: 'must name a detector' });
  if (options.entityKind !== undefined && !foreignEntityKinds.includes(options.entityKind as ForeignEntityKind))
    issues.push({ option: '--entity-kind', value: options.entityKind, message: `must be one of ${foreignEntityKinds.join(', ')}` });
  if (issues.length > 0) throw new OptionError('score', issues);
  const { truth, score, report, alertsRead } = await scoreFiles({
    truth: options.truth,
    alerts: options.alerts,
    alertsOptions: {
      format: options.alertsFormat as AlertsFormat | undefined,
      columns,
      detector: options.detectorName,
      entityKind: options.entityKind as ForeignEntityKind | undefined,
    },
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
    ...(alertsRead.rows !== undefined
      ? {
          alertRows: {
            format: alertsRead.format,
            rows: alertsRead.rows,
            threads: alertsRead.threads ?? 0,
            threadGapMs: alertsRead.threadGapMs ?? 0,
          },
        }
      : {}),
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

/** `--column ROLE=NAME` options as a mapping; problems (unknown role, no name, a role twice) go to `issues`. */
function columnMapping(given: readonly string[], issues: OptionIssue[]): Partial<Record<ForeignColumn, string>> | undefined {
  const mapping: Partial<Record<ForeignColumn, string>> = {};
  for (const text of given) {
    const at = text.indexOf('=');
    const role = text.slice(0, at).trim() as ForeignColumn;
    const name = text.slice(at + 1);
    if (at < 0 || name.trim() === '') issues.push({ option: '--column', value: text, message: 'must be ROLE=NAME, e.g. entity=user_name' });
    else if (!foreignColumns.includes(role))
      issues.push({ option: '--column', value: text, message: `the role must be one of ${foreignColumns.join(', ')}` });
    else if (mapping[role] !== undefined) issues.push({ option: '--column', value: text, message: `${role} is mapped twice` });
    else mapping[role] = name;
  }
  return given.length > 0 ? mapping : undefined;
}
