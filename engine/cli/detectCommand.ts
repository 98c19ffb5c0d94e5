import { mkdtempSync } from 'node:fs';
import { ndjsonOutput, type NdjsonOutput } from './_internal/ndjsonOutput.ts';
import { tmpdir } from 'node:os';
import { dirname, join, basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { parseDuration } from '../model/duration/parseDuration.ts';
import { NoEventsError } from '../model/errors/NoEventsError.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import { loadDetectorInstances } from '../evaluate/loadDetectorInstances.ts';
import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { outputsOverInputs } from '../formats/files/outputsOverInputs.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import { DetectorRuntime } from '../runtime/DetectorRuntime.ts';
import { SqlDetectors, streamingOnly } from '../evaluate/sql/SqlDetectors.ts';
import {
  detectorRegistryFor,
  detectorsFromOption,
  sqlDetectorOption,
  type DetectorsFromOptions,
  windowingOption,
} from './_internal/detectorsFromOption.ts';
import { addFormatInputOptions, describeDetected, readSummary, resolveFormatInput } from './_internal/formatInput.ts';
import type { FormatInputOptions } from './_internal/formatInput.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';

interface DetectOptions extends FormatInputOptions, DetectorsFromOptions {
  detectors?: string;
  params?: string;
  out?: string;
  quarantine?: string;
  lateness?: string;
  strict?: boolean;
  json?: boolean;
}

const HELP_AFTER = `
Input: canonical events (engine/model/schema/event.schema.json) or a vendor
export, from a file or "-" for stdin, in roughly time order (see --lateness):
  canonical       pushstorm events, one JSON object per line
  okta            Okta System Log (LogEvent), Identity Engine or Classic
  okta-classic      (the same decoder; the id matters only for simulate)
  entra           Entra ID sign-ins: Graph signIn, Azure Monitor export, or
  entra-sentinel    the Sentinel SigninLogs table
  duo             Duo Admin API v2 authentication logs
  ocsf            OCSF Authentication (class 3002)
  unifiedlog      macOS \`log show --style ndjson\`, one file per Mac
Packed as NDJSON, a JSON array, API pages back to back, Graph {"value": [...]}
or Duo {"response": {"authlogs": [...]}}. Unless --format names it, the format
is told from the first 64 records; the summary says how many of them looked like
it. Records of the format that are not part of a push flow (a policy evaluation,
the unified log's footer) are skipped and counted. NDJSON is read as a stream:
memory does not grow with it.

Outputs:
  alerts      NDJSON (engine/model/schema/alert.schema.json) on stdout or --out:
              one line when an alert thread opens, one more when it closes if it
              grew; key threads by "id".
  summary     on stderr (with --json as one JSON object, also on stderr): the
              format and how it was told, records read, events accepted, records
              skipped and quarantined by reason, duplicates, late events, alert
              threads per detector, events/s. Always: records = decoded +
              skipped + quarantined (the --json fields).
  quarantine  bad records (malformed JSON, wrong type, unknown event type,
              missing field, bad timestamp, oversized) and late events, one JSON
              object per line with the line number and the reason. Written only
              when something is quarantined: to --quarantine, else beside --out
              (alerts.ndjson -> alerts.quarantine.ndjson), else, when alerts go
              to stdout, to a new temporary directory; the summary names the file.

Parameter file (--params, YAML or JSON): either a map of detector id to
parameters, or a list of parameter sets run side by side in one pass:
  mfa-without-login: { threshold: 6, windowMs: 15m }
  ---
  - { detector: mfa-without-login, set: strict, params: { threshold: 3 } }
  - { detector: mfa-without-login, set: loose,  params: { threshold: 8 } }

${examplesHelp([
  [
    'pushstorm simulate scenarios/default.yaml --format okta --mac-format unifiedlog',
    'first, logs to run on, in out/default-seed1/ (events.ndjson, logs/...)',
  ],
  ['pushstorm detect out/default-seed1/events.ndjson > alerts.ndjson', 'every detector with its defaults'],
  [
    'pushstorm detect out/default-seed1/events.ndjson --detectors mfa-without-login,spray-by-source --out alerts.ndjson',
    'a selection, alerts to a file',
  ],
  [
    'cat out/default-seed1/events.ndjson | pushstorm detect - --params sets.yaml --json',
    'parameter sets (sets.yaml as above) on stdin, JSON summary',
  ],
  ['pushstorm detect out/default-seed1/events.ndjson --strict', 'stop at the first bad record (exit 1)'],
  [
    'pushstorm detect out/default-seed1/logs/okta-system-log.ndjson',
    'an Okta System Log (or your own export), format told from the records',
  ],
  [
    'pushstorm detect out/default-seed1/logs/mac/AABBOTT-MBP.ndjson --format unifiedlog --inventory out/default-seed1/logs/mac/inventory.json',
    "one Mac's unified log",
  ],
])}

Exit codes:
  0  success: events read and detectors run (with or without alerts)
  1  no events accepted: the input is empty, or every record was quarantined
     (see the quarantine file) or skipped; --strict and a bad record; or a bug
     or an I/O problem (disk full, no permission); see stderr
  2  bad input: unknown detector, bad parameter file or option value, an input
     that cannot be opened, an unknown or unrecognisable format; nothing written
`;

/** Registers `pushstorm detect <events>`: run detectors over canonical events or a vendor log and write alerts. */
export function registerDetectCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('detect')
    .summary('run detectors over events or a vendor log and write alerts')
    .description(
      'Run detectors over canonical events or a vendor log export (Okta, Entra ID, Duo, OCSF, macOS unified log) in one ' +
        'streaming pass: event-time ordering within an allowed ' +
        'lateness, repeated events (same id and time) processed once, alert threads per entity. Bad lines are quarantined ' +
        'and counted, never dropped silently.',
    )
    .argument('<events>', 'events or vendor log file (see Input below), or - for stdin')
    .option('--detectors <ids>', 'comma-separated detector ids (default: all; see `pushstorm detectors`)')
    .option('--params <file>', 'parameter sets, YAML or JSON (see below)')
    .addOption(detectorsFromOption())
    .addOption(sqlDetectorOption())
    .addOption(windowingOption())
    .option('--out <file>', 'write alerts here instead of stdout')
    .option('--quarantine <file>', 'write rejected records and late events here (default: beside --out, or a temporary file; see Outputs)')
    .option('--lateness <duration>', 'how far out of order events may arrive, e.g. 30s, 5m', '60s')
    .option('--strict', 'stop at the first bad record with exit code 1 instead of quarantining it')
    .option('--json', 'print the summary as one JSON object (on stderr)')
    .addHelpText('after', HELP_AFTER);
  addFormatInputOptions(command);
  return command.action(async (input: string, options: DetectOptions) => {
    await runDetect(input, options, io);
  });
}

async function runDetect(input: string, givenOptions: DetectOptions, io: CliIo): Promise<void> {
  // `--out -` is standard output, where alerts go anyway; `--quarantine -` sends the quarantine there instead.
  const options = { ...givenOptions, out: givenOptions.out === '-' ? undefined : givenOptions.out };
  if (options.quarantine === '-' && options.out === undefined)
    throw new OptionError('detect', [
      {
        option: '--quarantine',
        value: '-',
        message: 'alerts already go to standard output: give --out FILE to have the quarantine there instead',
      },
    ]);
  const instances = loadDetectorInstances({
    detectors: options.detectors,
    params: options.params,
    registry: await detectorRegistryFor(options, process.cwd()),
  });
  let lateness: number;
  try {
    lateness = parseDuration(options.lateness ?? '60s');
  } catch {
    throw new OptionError('detect', [
      { option: '--lateness', value: options.lateness ?? '', message: 'not a duration: a number and a unit, e.g. 30s, 5m' },
    ]);
  }
  const outputs = [
    ...(options.out ? [{ option: '--out', path: options.out }] : []),
    ...((options.out || options.quarantine) && options.quarantine !== '-'
      ? [{ option: '--quarantine', path: defaultQuarantinePath(options) }]
      : []),
  ];
  const clobbering = outputsOverInputs([{ option: 'input', path: input }], outputs);
  if (clobbering.length > 0) throw new OptionError('detect', clobbering);
  const { format, context } = resolveFormatInput(input, options);
  const stream = openEventInput(input);

  let quarantinePath: string | undefined;
  let quarantine: NdjsonOutput | undefined;
  const quarantined = (record: object) => {
    quarantinePath ??= defaultQuarantinePath(options);
    quarantine ??= ndjsonOutput(quarantinePath, io);
    quarantine.write(record);
  };

  const alertsFile = options.out ? new NdjsonFileWriter(options.out, { atomic: true }) : undefined;
  let stdoutBuffer = '';
  const writeAlert = (alert: Alert) => {
    if (alertsFile) return alertsFile.write(alert);
    stdoutBuffer += `${JSON.stringify(alert)}\n`;
    if (stdoutBuffer.length > 1 << 16) {
      io.stdout.write(stdoutBuffer);
      stdoutBuffer = '';
    }
  };

  const reader = new LogRecordReader(stream, {
    format,
    context,
    name: input === '-' ? 'stdin' : input,
    strict: options.strict,
    onQuarantine: (q) => quarantined(q),
  });
  const sql = await SqlDetectors.of(instances);
  const runtime = new DetectorRuntime(streamingOnly(instances), writeAlert, {
    allowedLatenessMs: lateness,
    onProcessed: sql?.feed,
    onLate: (event: CanonicalEvent) =>
      quarantined({
        line: reader.stats.records,
        reason: 'late',
        detail: `event time ${new Date(event.time).toISOString()} is more than ${options.lateness ?? '60s'} behind the stream`,
        text: JSON.stringify(event).slice(0, 512),
      }),
  });
  const started = performance.now();
  try {
    for await (const event of reader.events()) runtime.push(event);
    runtime.finish();
    if (sql !== undefined) Object.assign(runtime.stats.threads, await sql.run(writeAlert));
  } catch (error) {
    sql?.close();
    alertsFile?.abort();
    quarantine?.close();
    throw error;
  }
  alertsFile?.close();
  quarantine?.close();
  if (stdoutBuffer) io.stdout.write(stdoutBuffer);
  const seconds = (performance.now() - started) / 1000;

  const stats = reader.stats;
  const summary = {
    input,
    ...readSummary(reader.detected, stats),
    /** Lines of the input, blank ones included (for NDJSON, the records; a page of records is one line). */
    lines: stats.lines,
    /** Events the records decoded to. */
    events: stats.events,
    /** Events detection took: the events read but the late ones, which are quarantined instead (never both). */
    accepted: stats.events - runtime.stats.late,
    quarantined: stats.quarantined,
    quarantinedByReason: Object.fromEntries(Object.entries(stats.byReason).filter(([, n]) => n > 0)),
    duplicates: runtime.stats.duplicates,
    late: runtime.stats.late,
    processed: runtime.stats.processed,
    alertThreads: runtime.stats.threads,
    quarantineFile: quarantinePath ?? null,
    alertsFile: options.out ?? null,
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: seconds > 0 ? Math.round(stats.events / seconds) : 0,
  };
  if (options.json) io.stderr.write(`${JSON.stringify(summary)}\n`);
  else {
    const rows: Array<[string, string]> = [
      ['format', describeDetected(reader.detected)],
      [
        'records read',
        `${summary.records.toLocaleString('en-US')}${summary.lines !== summary.records ? ` (in ${summary.lines.toLocaleString('en-US')} lines)` : ''}`,
      ],
      ['events accepted', summary.accepted.toLocaleString('en-US')],
      ...(summary.skipped > 0
        ? [
            [
              'records skipped',
              `${summary.skipped.toLocaleString('en-US')} (${summary.skippedBy
                .slice(0, 3)
                .map((s) => `${s.why}: ${s.count}`)
                .join('; ')})`,
            ] as [string, string],
          ]
        : []),
      [
        'records quarantined',
        `${summary.quarantined.toLocaleString('en-US')}${
          summary.quarantined
            ? ` (${Object.entries(summary.quarantinedByReason)
                .map(([r, n]) => `${r} ${n}`)
                .join(', ')})`
            : ''
        }`,
      ],
      ['duplicates', summary.duplicates.toLocaleString('en-US')],
      ['late (quarantined)', summary.late.toLocaleString('en-US')],
      ...Object.entries(summary.alertThreads).map(([d, n]): [string, string] => [`alerts ${d}`, n.toLocaleString('en-US')]),
      ['wall time', `${seconds.toFixed(2)} s, ${summary.eventsPerSecond.toLocaleString('en-US')} events/s`],
    ];
    if (summary.quarantineFile) rows.push(['quarantine', summary.quarantineFile]);
    if (summary.alertsFile) rows.push(['alerts', summary.alertsFile]);
    const width = Math.max(...rows.map(([k]) => k.length));
    io.stderr.write(`${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  }
  // Detectors that saw nothing find nothing: that must not pass for a clean log.
  if (stats.events === 0)
    throw new NoEventsError('detect', input === '-' ? 'stdin' : input, stats.records, stats.quarantined, stats.skipped, quarantinePath);
}

/**
 * Where quarantined records go when `--quarantine` does not say: beside `--out` (`alerts.ndjson` →
 * `alerts.quarantine.ndjson`), or, when alerts go to stdout, into a fresh temporary directory, never the working
 * directory (a run in a repository left a stray file there). Called only once something is quarantined.
 */
function defaultQuarantinePath(options: DetectOptions): string {
  if (options.quarantine) return options.quarantine;
  if (options.out) return join(dirname(options.out), `${basename(options.out).replace(/\.(nd)?jsonl?$/i, '')}.quarantine.ndjson`);
  return join(mkdtempSync(join(tmpdir(), 'pushstorm-detect-')), 'quarantine.ndjson');
}
