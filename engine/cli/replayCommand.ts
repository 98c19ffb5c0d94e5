import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { outputsOverInputs } from '../formats/files/outputsOverInputs.ts';
import { NoEventsError } from '../model/errors/NoEventsError.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { ReplayIncompleteError } from '../model/errors/ReplayIncompleteError.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import type { RecordEntry } from '../formats/reader/LogRecordReader.ts';
import type { FormatId } from '../formats/logFormats.ts';
import { canonicalItem, vendorItem } from '../tools/replay/ReplayItem.ts';
import type { ReplayItem } from '../tools/replay/ReplayItem.ts';
import { addFormatInputOptions, describeDetected, resolveFormatInput } from './_internal/formatInput.ts';
import type { FormatInputOptions } from './_internal/formatInput.ts';
import { parseSpeed, SPEED_LIMITS } from '../tools/replay/parseSpeed.ts';
import { replayEvents } from '../tools/replay/replayEvents.ts';
import { replayTargets, type ReplayTarget } from '../tools/replay/replayTargets.ts';
import { createProgressBar } from './_internal/createProgressBar.ts';
import { formatCount } from './_internal/formatCount.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import { interruptExitCode, onInterrupt } from './_internal/interruption.ts';
import { ndjsonOutput, type NdjsonOutput } from './_internal/ndjsonOutput.ts';
import { wallClock } from './_internal/wallClock.ts';
import { parseDuration } from '../model/duration/parseDuration.ts';
import type { QuarantinedRecord } from '../formats/reader/LogRecordReader.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';

interface ReplayOptions extends FormatInputOptions {
  to: string;
  as: string;
  speed: string;
  tokenEnv?: string;
  batch: number;
  timeout: string;
  maxWait: string;
  failed: string;
  quarantine: string;
  json?: boolean;
  quiet?: boolean;
}

const HELP_AFTER = `
Targets (--as):
  splunk-hec    Splunk HTTP Event Collector, e.g.
                https://splunk:8088/services/collector/event; each event as
                { time, source, sourcetype, event } (sourcetype pushstorm:idp or
                pushstorm:mac for canonical events); Authorization: Splunk <token>
  elastic-bulk  Elasticsearch/OpenSearch _bulk, e.g. https://es:9200/_bulk; index
                pushstorm-events, _id = event id (a retry overwrites, never
                doubles); Authorization: ApiKey <key>; per-document 429/5xx are
                retried
  ndjson        the records as NDJSON; Authorization: Bearer <token>

Input: canonical events or a vendor log (Okta, Entra ID, Duo, OCSF, macOS unified
log; see pushstorm detect --help), format told from the first 64 records unless
--format names it. Vendor records are sent as they are, paced by the time they
decode to, under their vendors' Splunk sourcetypes (OktaIM2:log,
azure:monitor:aad, cisco:duo:authentication, ocsf:authentication,
macos:unifiedlog) or Elasticsearch index pushstorm-<format>. Records of the
format that carry no event of a push flow go with the record before them;
quarantined records are counted, not sent.

The token is read only from the environment variable named by --token-env, never
from the command line (it would end up in shell history and process lists).

Pace: --speed max sends as fast as the endpoint takes it; --speed 60x replays a
minute of event time per second (1x is real time).

Delivery: an event counts as sent only when the answer proves it: Splunk HEC's
{"code":0}, a 2xx status for the event's own item in an Elasticsearch bulk
answer, any 2xx for ndjson. An answer that proves nothing (a 200 from a proxy,
a body that is not the endpoint's JSON) fails the batch with the reason.

Failures: if the first request cannot connect at all (connection refused, no such
host, no route, an untrusted certificate), replay stops at once, naming the
endpoint: nothing was sent. Once the endpoint has answered, network errors,
requests with no answer within --timeout, 429 and 5xx are retried with
exponential back-off (500 ms doubling, at most 30 s, or the Retry-After the
endpoint asks for, at most --max-wait), up to 5 times; other 4xx fail the batch.
A redirect (3xx) is not followed: replay stops and names the new location. 401
and 403 stop the replay at once: nothing more is sent or retried. Ctrl-C (or
SIGTERM) stops it too: the batch in flight and those read but not sent are
failed as interrupted, the files are written and the summary printed (exit
130, or 143). A second Ctrl-C exits at once.

Every event read is counted as sent or failed; failed ones go to --failed with
the reason, records that cannot be read as events to --quarantine with their
line and reason (each file is written only if something goes in it). Summary on
stderr (or --json on stdout): records read, sent, failed, quarantined,
requests, retried, and why the replay stopped early, if it did.

The URL must not hold a user name or password (https://user:pass@host): they
would be written to shell history and logs; use --token-env.

${examplesHelp([
  ['pushstorm simulate scenarios/default.yaml --format okta', 'first, events to send, in out/default-seed1/'],
  [
    'SPLUNK_HEC_TOKEN=… pushstorm replay out/default-seed1/events.ndjson --to https://splunk:8088/services/collector/event --as splunk-hec --token-env SPLUNK_HEC_TOKEN',
    'everything, as fast as Splunk takes it',
  ],
  [
    'ES_API_KEY=… pushstorm replay out/default-seed1/events.ndjson --to https://es:9200/_bulk --as elastic-bulk --token-env ES_API_KEY --speed 60x',
    'an hour of events per minute',
  ],
  [
    'SPLUNK_HEC_TOKEN=… pushstorm replay out/default-seed1/logs/okta-system-log.ndjson --to https://splunk:8088/services/collector/event --as splunk-hec --token-env SPLUNK_HEC_TOKEN',
    'an Okta System Log, as the Okta add-on would index it',
  ],
])}

Exit codes:
  0  success: every record read was sent and acknowledged
  1  some events were not accepted (see --failed) or some records could not be
     read (see --quarantine), the replay stopped on 401, 403 or a redirect, the
     endpoint could not be reached, the input held no event to send (empty, or
     every record quarantined or skipped), or a bug or an I/O problem; see stderr
  2  bad input: an option value (--to, --as, --speed, --timeout, --max-wait,
     --token-env), an output that is the input, an input that cannot be opened,
     an unknown or unrecognisable format; nothing sent
  130, 143  interrupted by Ctrl-C or SIGTERM; the summary says what was sent
`;

/** Registers `pushstorm replay`: send events to a SIEM endpoint. */
export function registerReplayCommand(program: Command, io: CliIo): Command {
  const command = registerOptions(program);
  addFormatInputOptions(command);
  return command.action(async (input: string, options: ReplayOptions) => {
    await runReplay(input, options, io);
  });
}

function registerOptions(program: Command): Command {
  return program
    .command('replay')
    .summary('send events to a SIEM endpoint (Splunk HEC, Elasticsearch bulk, NDJSON), paced, with retries')
    .description(
      'Send canonical events or vendor log records to a SIEM endpoint in batches, at real or accelerated pace, with retries and back-off; nothing is lost silently.',
    )
    .argument('<events>', 'canonical events or a vendor log, or - for stdin')
    .requiredOption('--to <url>', 'the endpoint URL, http or https (see Targets below)')
    .requiredOption('--as <target>', 'splunk-hec | elastic-bulk | ndjson')
    .option('--speed <pace>', 'max, or Nx: N seconds of event time per second (e.g. 60x)', 'max')
    .option('--token-env <var>', 'name of the environment variable holding the token (never the token itself)')
    .option('--batch <n>', 'events per request', integerOption(1, 100_000), 500)
    .option('--timeout <duration>', 'the longest one request may take before it is retried (e.g. 30s, 2m)', '30s')
    .option('--max-wait <duration>', 'the longest wait a Retry-After may impose (a longer one is cut to this)', '60s')
    .option(
      '--failed <file>',
      'where events the endpoint did not accept go, with the reason (- for standard output)',
      'replay-failed.ndjson',
    )
    .option(
      '--quarantine <file>',
      'where records that cannot be read as events go, with line and reason (- for standard output)',
      'replay-quarantine.ndjson',
    )
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('-q, --quiet', 'no progress bar (it is drawn only on a terminal)')
    .addHelpText('after', HELP_AFTER);
}

async function runReplay(input: string, options: ReplayOptions, io: CliIo): Promise<void> {
  const issues: OptionIssue[] = [];
  let url: URL | undefined;
  try {
    url = new URL(options.to);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    url = undefined;
    // Even a URL that does not parse may carry a password: it is not echoed.
    const shown = options.to.replace(/\/\/[^/@]*@/, '//***@');
    issues.push({ option: '--to', value: shown, message: 'not an http(s) URL, e.g. https://splunk:8088/services/collector/event' });
  }
  if (url && (url.username !== '' || url.password !== '')) {
    issues.push({
      option: '--to',
      value: `${url.protocol}//***@${url.host}${url.pathname}`,
      message:
        'holds a user name or password: they would end up in shell history and logs; give the token in an environment variable named by --token-env',
    });
    url = undefined;
  }
  const target: ReplayTarget | undefined = Object.hasOwn(replayTargets, options.as)
    ? replayTargets[options.as as ReplayTarget['id']]
    : undefined;
  if (!target) issues.push({ option: '--as', value: options.as, message: `must be one of ${Object.keys(replayTargets).join(', ')}` });
  const speed = parseSpeed(options.speed);
  if (speed === null)
    issues.push({
      option: '--speed',
      value: options.speed,
      message: `must be max or a pace from ${SPEED_LIMITS.min}x to ${SPEED_LIMITS.max}x, e.g. 60x (a minute of event time per second)`,
    });
  const timeoutMs = durationOption('--timeout', options.timeout, issues);
  const maxWaitMs = durationOption('--max-wait', options.maxWait, issues);
  let token: string | undefined;
  if (options.tokenEnv !== undefined) {
    token = process.env[options.tokenEnv];
    if (token === undefined)
      issues.push({ option: '--token-env', value: options.tokenEnv, message: `environment variable ${options.tokenEnv} is not set` });
    else if (token === '')
      issues.push({ option: '--token-env', value: options.tokenEnv, message: `environment variable ${options.tokenEnv} is empty` });
  }
  issues.push(
    ...outputsOverInputs(
      [{ option: 'input', path: input }],
      [
        { option: '--failed', path: options.failed },
        { option: '--quarantine', path: options.quarantine },
      ],
    ),
  );
  if (options.failed === options.quarantine)
    issues.push({ option: '--quarantine', value: options.quarantine, message: 'is also --failed: give each its own file' });
  for (const [option, path] of [
    ['--failed', options.failed],
    ['--quarantine', options.quarantine],
  ] as const)
    if (path === '-' && options.json)
      issues.push({ option, value: '-', message: '--json already writes on standard output: give this a file' });
  if (issues.length > 0) throw new OptionError('replay', issues);

  const { format, context } = resolveFormatInput(input, options);
  const progress = io.isTTY && !options.quiet && !options.json;
  // The bar follows the bytes read of a file (stdin has no size: a counter line instead).
  const stream = openEventInput(input); // first: names a missing file as bad input
  const size = input === '-' ? undefined : statSync(input).size;
  let bytesRead = 0;
  const counted = async function* (stream: AsyncIterable<Buffer | string>) {
    for await (const chunk of stream) {
      bytesRead += chunk.length;
      yield chunk;
    }
  };
  const bar = progress && size ? createProgressBar(io.stderr as NodeJS.WritableStream, 'replaying') : undefined;
  const reader = new LogRecordReader(counted(stream as AsyncIterable<Buffer | string>), {
    format,
    context,
    name: input === '-' ? 'stdin' : input,
    onRecord: (entry) => queue.push(entry),
    onQuarantine: (q: QuarantinedRecord) => {
      quarantineFile ??= ndjsonOutput(options.quarantine, io);
      quarantineFile.write(q);
    },
  });
  let quarantineFile: NdjsonOutput | undefined;
  const queue: RecordEntry[] = [];
  let failedFile: NdjsonOutput | undefined;
  const unsent = { count: 0 };
  let counterShown = false;
  // Ctrl-C or SIGTERM: stop sending, account for what was read, write the files, print the summary, then exit 130/143.
  const stop = new AbortController();
  const unregister = onInterrupt(() => stop.abort());
  const replaying = replayEvents(itemsOf(reader, queue, unsent), {
    url: url!.href,
    target: target!,
    token,
    speed: speed!,
    batchSize: options.batch,
    timeoutMs,
    maxWaitMs,
    signal: stop.signal,
    clock: wallClock,
    onFailed: (event, reason) => {
      failedFile ??= ndjsonOutput(options.failed, io);
      failedFile.write({ reason, event });
    },
    onProgress: bar
      ? (s) => bar.update({ fraction: bytesRead / size!, records: s.sent, virtualTime: 0 })
      : progress
        ? (s) => {
            counterShown = true;
            io.stderr.write(`\r  replay: ${formatCount(s.sent)} sent, ${formatCount(s.failed)} failed, ${formatCount(s.retried)} retried`);
          }
        : undefined,
  });
  let stats: Awaited<typeof replaying>;
  try {
    stats = await replaying;
  } finally {
    unregister();
    // Also when the endpoint cannot be reached: the error goes on a line of its own, not after the bar.
    bar?.stop();
    failedFile?.close();
    quarantineFile?.close();
    if (counterShown) io.stderr.write('\n');
  }
  const summary = {
    ...stats,
    format: reader.detected?.format ?? null,
    formatDetected: reader.detected?.how === 'sniffed',
    records: reader.stats.records,
    quarantined: reader.stats.quarantined,
    unsent: unsent.count,
    stopped: stats.stopped,
    failedFile: failedFile ? options.failed : null,
    quarantineFile: quarantineFile ? options.quarantine : null,
  };
  if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    io.stderr.write(
      `  format       ${describeDetected(reader.detected)}\n` +
        `  records read ${formatCount(reader.stats.records)}${reader.stats.quarantined ? ` (${formatCount(reader.stats.quarantined)} quarantined, not sent: ${options.quarantine})` : ''}${unsent.count ? ` (${formatCount(unsent.count)} with no event time, not sent)` : ''}\n` +
        `  sent         ${formatCount(stats.sent)}\n  failed       ${formatCount(stats.failed)}${failedFile ? ` (${options.failed})` : ''}\n` +
        `  requests     ${formatCount(stats.requests)} (${formatCount(stats.retried)} retried)\n` +
        (stats.stopped ? `  stopped      ${stats.stopped}; the rest of the input was not read\n` : ''),
    );
  }
  // Nothing to send is not a success: a script must not take an empty or unreadable export for a delivered one.
  if (stats.events === 0 && stats.stopped === null)
    throw new NoEventsError(
      'replay',
      input === '-' ? 'stdin' : input,
      reader.stats.records,
      reader.stats.quarantined,
      reader.stats.skipped,
    );

  if (stats.failed > 0 || reader.stats.quarantined > 0 || stats.stopped !== null)
    throw new ReplayIncompleteError({
      events: stats.events,
      failed: stats.failed,
      failedFile: failedFile ? options.failed : null,
      quarantined: reader.stats.quarantined,
      quarantineFile: quarantineFile ? options.quarantine : null,
      stopped: stats.stopped,
      exitCode: (stats.stopped === 'interrupted' && interruptExitCode()) || 1,
    });
}

/**
 * The records to send, in input order: each decoded record with the id and time of its first event; a record that
 * decodes to no event (skipped) goes at the time of the record before it. Quarantined records are not sent.
 */
async function* itemsOf(
  reader: LogRecordReader,
  queue: RecordEntry[],
  unsent: { count: number },
): AsyncGenerator<ReplayItem, void, undefined> {
  let last: { id: string; time: number } | undefined;
  let waiting: RecordEntry[] = [];
  let skippedSeq = 0;
  const drain = function* (): Generator<ReplayItem> {
    const format = reader.detected?.format as FormatId;
    for (const entry of queue) {
      if (entry.status === 'quarantined') continue;
      if (entry.status === 'skipped' && !last) {
        waiting.push(entry);
        continue;
      }
      if (entry.status === 'decoded') last = entry.events[0];
      for (const e of [...waiting, entry]) {
        const record = (e.record ?? JSON.parse(e.text ?? 'null')) as object;
        if (e.status === 'decoded' && format === 'canonical') yield canonicalItem(e.events[0]);
        else if (e.status === 'decoded') yield vendorItem(format, record, e.events[0]);
        else yield vendorItem(format, record, { id: `${last!.id}~${++skippedSeq}`, time: last!.time });
      }
      waiting = [];
    }
    queue.length = 0;
  };
  for await (const _ of reader.events()) yield* drain();
  yield* drain();
  // Records that decode to no event and follow none that does have no time to be sent at: counted, never dropped unsaid.
  unsent.count = waiting.length;
}

/** A duration option in ms (`30s`, `2m`), above zero; a problem joins `issues`. */
function durationOption(option: string, text: string, issues: OptionIssue[]): number {
  let ms = 0;
  try {
    ms = parseDuration(text);
  } catch {
    // reported below
  }
  if (ms <= 0) issues.push({ option, value: text, message: 'must be a duration above zero: a number and a unit, e.g. 30s or 2m' });
  return ms;
}
