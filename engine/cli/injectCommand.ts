import { mkdirSync } from 'node:fs';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import type { OptionIssue } from '../model/errors/OptionError.ts';
import { injectIntoLog } from '../tools/inject/injectIntoLog.ts';
import { getLogFormat } from '../formats/logFormats.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { outputsOverInputs } from '../formats/files/outputsOverInputs.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { writeTextFileAtomic } from '../formats/files/writeTextFileAtomic.ts';
import { displayPath } from './_internal/displayPath.ts';
import { formatCount } from './_internal/formatCount.ts';
import { addFormatInputOptions, describeDetected, resolveFormatInput } from './_internal/formatInput.ts';
import type { FormatInputOptions } from './_internal/formatInput.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';

interface InjectOptions extends FormatInputOptions {
  into: string;
  scenario: string;
  out: string;
  seed?: number;
  redactKeyEnv?: string;
  json?: boolean;
}

const HELP_AFTER = `
What it does:
  1. reads the log (any format detect reads; told from the records unless --format),
  2. learns its users, time span (from the UTC midnight before the first record),
     applications and networks,
  3. simulates the scenario's attacks with the log's users as the population (in
     login order; attack days count from the log's first day) and keeps only the
     events the attacks cause: the attacker's pushes, the victims' answers, the IdP's
     reactions, renamed to the log's users and, where the log shows them, their own
     networks and Macs; ids start with "inj-",
  4. encodes them in the log's format and merges them in: the log's own lines are
     kept byte for byte and in their order (blank and unreadable lines, CRLF,
     records out of time order included), and each injected line goes before the
     first original record later than it, with the log's own line ending. A JSON
     array or a paged export is written as NDJSON, one record per line.
The scenario's population, noise and IdP settings shape the victims' behaviour; its
users count and start are replaced by the log's.

Outputs (in --out):
  <log name>.ndjson  the merged log, one record per line (redacted: named after
                     the format, or a unified log after its pseudonymised host)
  truth.json         the injected incidents and their events' labels; every
                     record of the original log counts as benign
  injected.ndjson    the injected events as canonical events
Score it: pushstorm detect DIR/<log>.ndjson --out alerts.ndjson, then
pushstorm score --truth DIR/truth.json --alerts alerts.ndjson --events DIR/injected.ndjson
(--events lets score count the prompts each victim endured before detection).
The log is held in memory while it is merged.

Redaction (--redact-key-env VAR): for logs that leave the organisation, user names,
e-mail addresses, display names, Mac short names and host names, and IP addresses
are replaced in all three outputs by HMAC-SHA256 tokens under the key in VAR (at
least 16 characters; read only from the environment). The same name always gets
the same token, so detections give the same alerts; without the key the names
cannot be recovered or confirmed by guessing. Lines that cannot be parsed cannot
be redacted: they are left out (counted in the summary), and quarantine.ndjson
keeps only the line number and the reason of each rejected record.

${examplesHelp([
  [
    'pushstorm simulate scenarios/quiet-month.yaml --users 300 --days 7 --format okta --out out/quiet-okta',
    "first, a quiet organisation's Okta log to stand in for a real export",
  ],
  [
    'pushstorm inject --into out/quiet-okta/logs/okta-system-log.ndjson --scenario scenarios/uber-burst.yaml --out out/injected',
    'an Uber-style burst into it',
  ],
  ['pushstorm detect out/injected/okta-system-log.ndjson --out out/injected/alerts.ndjson', 'then detect on the merged log...'],
  [
    'pushstorm score --truth out/injected/truth.json --alerts out/injected/alerts.ndjson --events out/injected/injected.ndjson',
    '...and score the alerts',
  ],
  ['export PUSHSTORM_KEY="$(openssl rand -hex 32)"', 'a redaction key of your own (keep it: the same key gives the same tokens)'],
  [
    'pushstorm inject --into out/quiet-okta/logs/okta-system-log.ndjson --scenario scenarios/hosting-spray.yaml --out out/shared --redact-key-env PUSHSTORM_KEY',
    'a spray, pseudonymised to share',
  ],
])}

Exit codes:
  0  success
  1  failure: a bug or an I/O problem (disk full, no permission); see stderr
  2  bad input: invalid scenario or option value (--redact-key-env), a log that
     cannot be opened, an unknown or unrecognisable format; nothing written
`;

/** Registers `pushstorm inject`: attacks from a scenario merged into a real benign log, with truth. */
export function registerInjectCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('inject')
    .summary("inject a scenario's attacks into a real log, with truth to score it")
    .description(
      "Read a real benign log, simulate a scenario's attacks against its users, and write the merged log in the same " +
        'format plus truth.json, so detections on a real log can be scored. Optionally pseudonymise it with a keyed hash.',
    )
    .requiredOption('--into <log>', 'the real log (any format pushstorm reads), or - for stdin')
    .requiredOption('--scenario <file>', 'scenario file whose attacks to inject (YAML or JSON)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--seed <n>', "random seed, overrides the scenario's seed", integerOption(0, 4_294_967_295))
    .option('--redact-key-env <var>', 'pseudonymise users, hosts and IPs with the key in this environment variable')
    .option('--json', 'print the summary as one JSON object on stdout');
  addFormatInputOptions(command);
  return command.addHelpText('after', HELP_AFTER).action(async (options: InjectOptions) => {
    await runInject(options, io);
  });
}

async function runInject(options: InjectOptions, io: CliIo): Promise<void> {
  const issues: OptionIssue[] = [];
  let redactKey: string | undefined;
  if (options.redactKeyEnv !== undefined) {
    const variable = options.redactKeyEnv;
    redactKey = process.env[variable];
    if (redactKey === undefined)
      issues.push({ option: '--redact-key-env', value: variable, message: `environment variable ${variable} is not set` });
    else if (redactKey.length < 16)
      issues.push({
        option: '--redact-key-env',
        value: variable,
        message: `the key in ${variable} has ${redactKey.length} characters; it needs at least 16`,
      });
  }
  const outDir = resolve(options.out);
  const stem = options.into === '-' ? 'log' : basename(options.into).replace(/\.(nd)?jsonl?$/i, '');
  // inject never writes over its --into (`--into D/okta.ndjson --out D` overwrote the real log).
  const folderIssue = checkOutputFolder('--out', options.out);
  if (folderIssue) issues.push(folderIssue);
  issues.push(
    ...outputsOverInputs(
      [{ option: '--into', path: options.into }],
      [`${stem}.ndjson`, 'injected.ndjson', 'truth.json', 'quarantine.ndjson'].map((file) => ({
        option: '--out',
        path: join(options.out, file),
      })),
    ),
  );
  if (issues.length > 0) throw new OptionError('inject', issues);
  const scenario = await loadScenarioFile(options.scenario, { seed: options.seed });
  const { format, context } = resolveFormatInput(options.into, options);
  const name = options.into === '-' ? 'stdin' : options.into;
  let quarantine: NdjsonFileWriter | undefined;
  const result = await injectIntoLog(openEventInput(options.into), scenario, {
    format,
    context,
    name,
    scenarioFile: options.scenario,
    redactKey,
    onQuarantine: (q) => {
      mkdirSync(outDir, { recursive: true });
      quarantine ??= new NdjsonFileWriter(join(outDir, 'quarantine.ndjson'));
      // Redacted output leaks nothing: the line and the reason, not the record's text or a detail quoting it.
      quarantine.write(redactKey === undefined ? q : { line: q.line, record: q.record, reason: q.reason });
    },
  });
  quarantine?.close();
  mkdirSync(outDir, { recursive: true });
  // A redacted unified log is named after its pseudonymised host (its file name is its host); any other redacted
  // log after its format, never after the original file, whose name may hold a host or a person.
  const logName =
    redactKey === undefined ? stem : (result.host?.file ?? result.host?.hostname ?? getLogFormat(result.detected.format).fileStem);
  const logPath = join(outDir, `${logName}.ndjson`);
  const clobbering = outputsOverInputs([{ option: '--into', path: options.into }], [{ option: '--out', path: logPath }]);
  if (clobbering.length > 0) throw new OptionError('inject', clobbering);
  writeTextFileAtomic(logPath, result.log);
  const injectedPath = join(outDir, 'injected.ndjson');
  const injected = new NdjsonFileWriter(injectedPath, { atomic: true });
  for (const e of result.injected) injected.write(e);
  injected.close();
  const truthPath = join(outDir, 'truth.json');
  writeJsonFileAtomic(truthPath, result.truth);

  const cwd = process.cwd();
  const summary = {
    input: name,
    format: result.detected.format,
    formatDetected: result.detected.how === 'sniffed',
    container: result.detected.container,
    records: result.stats.records,
    events: result.stats.events,
    skipped: result.stats.skipped,
    quarantined: result.stats.quarantined,
    users: result.profile.users.length,
    start: new Date(result.profile.start).toISOString(),
    end: new Date(result.profile.end).toISOString(),
    apps: result.profile.apps.length,
    incidents: result.truth.incidents.length,
    targets: [...new Set(result.truth.incidents.map((i) => i.target))],
    recordsAdded: result.added,
    eventsNotHeld: result.notHeld,
    redacted: redactKey !== undefined,
    /** With redaction: records that could not be parsed, so could not be redacted, and were left out. */
    leftOut: result.leftOut,
    outputs: {
      log: displayPath(logPath, cwd),
      truth: displayPath(truthPath, cwd),
      injected: displayPath(injectedPath, cwd),
      quarantine: quarantine ? displayPath(join(outDir, 'quarantine.ndjson'), cwd) : null,
    },
  };
  if (options.json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const rows: Array<[string, string]> = [
    ['log', `${name}: ${describeDetected(result.detected)}`],
    [
      'records',
      `${formatCount(summary.records)} (${formatCount(summary.events)} events, ${formatCount(summary.skipped)} skipped, ${formatCount(summary.quarantined)} quarantined)`,
    ],
    [
      'learned',
      `${formatCount(summary.users)} users, ${summary.start} to ${summary.end}, ${summary.apps} apps, ${result.profile.networks.length} networks`,
    ],
    [
      'injected',
      `${plural(summary.incidents, 'incident')} against ${plural(summary.targets.length, 'user')}, ${plural(summary.recordsAdded, 'record')}${summary.eventsNotHeld ? ` (${formatCount(summary.eventsNotHeld)} events the format cannot hold left out)` : ''}`,
    ],
    [
      'redacted',
      summary.redacted
        ? `yes (users, hosts, IPs; keyed HMAC-SHA256)${result.leftOut ? `; ${plural(result.leftOut, 'unreadable record')} left out` : ''}`
        : 'no',
    ],
    ['merged log', summary.outputs.log],
    ['truth', summary.outputs.truth],
    ['injected', summary.outputs.injected],
  ];
  if (summary.outputs.quarantine) rows.push(['quarantine', summary.outputs.quarantine]);
  const width = Math.max(...rows.map(([k]) => k.length));
  io.stdout.write(`${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

/** `1 incident`, `30 incidents`. */
function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
