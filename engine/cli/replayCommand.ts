import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { outputsOverInputs } from '../formats/files/outputsOverInputs.ts';
import { NoEventsError } from '../model/errors/NoEventsError.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { ReplayIncompleteError } from '../model/errors/ReplayIncompleteError.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import type { RecordEntry } from '../formats/reader/LogRecordReader.ts';
import type { FormatId } from '../formats/logFormats.ts';
import { canonicalItem, vendorItem } from '../tools/replay/ReplayItem.ts';
import type { ReplayItem } from '../tools/replay/ReplayItem.ts';
import { addFormatInputOptions, describeDetected, resolveFormatInput } from './_internal/formatInput.ts';
import type { FormatInputOptions } from './_internal/formatInput.ts';
import { parseSpeed } from '../tools/replay/parseSpeed.ts';
import { replayEvents } from '../tools/replay/replayEvents.ts';
import { replayTargets, type ReplayTarget } from '../tools/replay/replayTargets.ts';
import { createProgressBar } from './_internal/createProgressBar.ts';
import { formatCount } from './_internal/formatCount.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import { wallClock } from './_internal/wallClock.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';

interface ReplayOptions extends FormatInputOptions {
  to: string;
  as: string;
  speed: string;
  tokenEnv?: string;
  batch: number;
  failed: string;
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

Failures: if the first request cannot connect at all (connection refused, no such
host, no route, an untrusted certificate), replay stops at once, naming the
endpoint: nothing was sent. Once the endpoint has answered, network errors, 429
and 5xx are retried with exponential back-off (500 ms doubling, at most 30 s, or
the Retry-After the endpoint asks for), up to 5 times; other 4xx fail the batch.
Every event is counted as sent or failed; failed ones go to --failed with the
reason (the file is written only if some failed). Summary on stderr (or --json
on stdout): records read, sent, failed, requests, retried.

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
  0  success: every event sent
  1  some events were not accepted (see --failed), the endpoint could not be
     reached, the input held no event to send (empty, or every record
     quarantined or skipped), or a bug or an I/O problem; see stderr
  2  bad input: an option value (--to, --as, --speed, --token-env), an input that
     cannot be opened, an unknown or unrecognisable format; nothing sent
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
    .option('--failed <file>', 'where events the endpoint refused go, with the reason', 'replay-failed.ndjson')
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
    issues.push({ option: '--to', value: options.to, message: 'not an http(s) URL, e.g. https://splunk:8088/services/collector/event' });
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
      message: 'must be max or a pace above 0x, e.g. 60x (a minute of event time per second)',
    });
  let token: string | undefined;
  if (options.tokenEnv !== undefined) {
    token = process.env[options.tokenEnv];
    if (token === undefined)
      issues.push({ option: '--token-env', value: options.tokenEnv, message: `environment variable ${options.tokenEnv} is not set` });
    else if (token === '')
      issues.push({ option: '--token-env', value: options.tokenEnv, message: `environment variable ${options.tokenEnv} is empty` });
  }
  if (options.failed) issues.push(...outputsOverInputs([{ option: 'input', path: input }], [{ option: '--failed', path: options.failed }]));
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
  });
  const queue: RecordEntry[] = [];
  let failedFile: NdjsonFileWriter | undefined;
  const unsent = { count: 0 };
  let counterShown = false;
  const replaying = replayEvents(itemsOf(reader, queue, unsent), {
    url: url!.href,
    target: target!,
    token,
    speed: speed!,
    batchSize: options.batch,
    clock: wallClock,
    onFailed: (event, reason) => {
      failedFile ??= new NdjsonFileWriter(options.failed);
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
    // Also when the endpoint cannot be reached: the error goes on a line of its own, not after the bar.
    bar?.stop();
    failedFile?.close();
    if (counterShown) io.stderr.write('\n');
  }
  const summary = {
    ...stats,
    format: reader.detected?.format ?? null,
    formatDetected: reader.detected?.how === 'sniffed',
    records: reader.stats.records,
    quarantined: reader.stats.quarantined,
    unsent: unsent.count,
    failedFile: failedFile ? options.failed : null,
  };
  if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    io.stderr.write(
      `  format       ${describeDetected(reader.detected)}\n` +
        `  records read ${formatCount(reader.stats.records)}${reader.stats.quarantined ? ` (${formatCount(reader.stats.quarantined)} quarantined, not sent)` : ''}${unsent.count ? ` (${formatCount(unsent.count)} with no event time, not sent)` : ''}\n` +
        `  sent         ${formatCount(stats.sent)}\n  failed       ${formatCount(stats.failed)}${failedFile ? ` (${options.failed})` : ''}\n` +
        `  requests     ${formatCount(stats.requests)} (${formatCount(stats.retried)} retried)\n`,
    );
  }
  if (stats.failed > 0) throw new ReplayIncompleteError(stats.failed, stats.events, options.failed);
  // Nothing to send is not a success: a script must not take an empty or unreadable export for a delivered one.
  if (stats.events === 0)
    throw new NoEventsError(
      'replay',
      input === '-' ? 'stdin' : input,
      reader.stats.records,
      reader.stats.quarantined,
      reader.stats.skipped,
    );
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
