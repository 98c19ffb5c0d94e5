import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { FormatError } from '../../model/errors/FormatError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import type { FormatContext, MacHost } from '../../formats/LogFormat.ts';
import type { FormatId } from '../../formats/logFormats.ts';
import type { DetectedInput, LogReadStats } from '../../formats/reader/LogRecordReader.ts';
import { getLogFormat, logFormats } from '../../formats/logFormats.ts';

/** The options every command that reads logs shares. */
export interface FormatInputOptions {
  format?: string;
  host?: string;
  inventory?: string;
}

/** Adds `--format`, `--host` and `--inventory` to a command that reads logs. */
export function addFormatInputOptions(command: Command): Command {
  return command
    .option(
      '--format <id>',
      `input format: auto (told from the first 64 records) or one of ${logFormats.map((f) => f.id).join(', ')}`,
      'auto',
    )
    .option('--host <name>', 'unified log only: the Mac the file comes from (default: the file name without extension)')
    .option(
      '--inventory <file>',
      'unified log only: Mac inventory JSON (simulate writes it as logs/mac/inventory.json) giving each host its device and user',
    );
}

/** The format id and decoder context the options ask for. @throws FormatError, InputError */
export function resolveFormatInput(input: string, options: FormatInputOptions): { format: FormatId | 'auto'; context: FormatContext } {
  const format = options.format ?? 'auto';
  if (format !== 'auto') getLogFormat(format);
  const hostname = options.host ?? (input === '-' ? undefined : basename(input).replace(/\.(nd)?jsonl?$/i, ''));
  if (hostname === undefined) return { format: format as FormatId | 'auto', context: {} };
  let host: MacHost = { hostname };
  if (options.inventory) {
    let hosts: unknown;
    try {
      hosts = JSON.parse(readFileSync(options.inventory, 'utf8'));
    } catch (error) {
      throw new InputError(options.inventory, (error as Error).message, { cause: error });
    }
    if (!Array.isArray(hosts))
      throw new FormatError(`${options.inventory}: not a Mac inventory (expected a JSON array of hosts)`, undefined, options.inventory);
    const entries = hosts.filter((h): h is MacHost => typeof h === 'object' && h !== null && typeof (h as MacHost).hostname === 'string');
    // The file stem names the entry (`<hostname>-<serial>` where host names repeat), else the host name does.
    const found = entries.find((h) => (h.file ?? h.hostname) === hostname) ?? entries.find((h) => h.hostname === hostname);
    if (!found)
      throw new FormatError(`${options.inventory} has no host "${hostname}" (use --host to name it)`, undefined, options.inventory);
    host = found;
  }
  return { format: format as FormatId | 'auto', context: { host } };
}

/**
 * One line on what was read and how its format was decided, naming exactly the records looked at:
 * `okta (told from 64 records at the start: all 64 look like okta), ndjson`, `okta (given by --format), json-array`.
 */
export function describeDetected(detected: DetectedInput | undefined): string {
  if (!detected) return 'none (empty input)';
  return `${detected.format} (${howTold(detected)}), ${detected.container}`;
}

function howTold({ format, how, sampled, matched }: DetectedInput): string {
  if (how === 'given') return 'given by --format';
  if (sampled === 0) return 'no readable record to tell the format from';
  // Records that are not JSON are not sampled: say how many were, not "the first N".
  const looked = sampled === 1 ? '1 record at the start' : `${sampled.toLocaleString('en-US')} records at the start`;
  // The reader's fallback: records of no known format, but with canonical fields, are read as canonical events so
  // that each is quarantined with the field that is wrong.
  if (matched === 0)
    return `${looked} ${sampled === 1 ? 'looks' : 'look'} like no known format; read as canonical for the event fields ${sampled === 1 ? 'it holds' : 'they hold'}`;
  const which =
    matched === sampled
      ? sampled === 1
        ? 'it looks'
        : `all ${matched} look`
      : `${matched.toLocaleString('en-US')} ${matched === 1 ? 'looks' : 'look'}`;
  return `told from ${looked}: ${which} like ${format}`;
}

/** The summary fields every log-reading command reports, JSON-ready. */
export function readSummary(detected: DetectedInput | undefined, stats: LogReadStats) {
  return {
    format: detected?.format ?? null,
    formatDetected: detected ? detected.how === 'sniffed' : false,
    container: detected?.container ?? null,
    records: stats.records,
    /** Records that gave events: with `skipped` and `quarantined`, every record read. */
    decoded: stats.accepted,
    skipped: stats.skipped,
    skippedBy: stats.skippedBy,
  };
}
