import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../model/errors/InputError.ts';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { NoEventsError } from '../model/errors/NoEventsError.ts';
import { stripControl } from '../model/text/stripControl.ts';
import { RealismStats } from '../tools/stats/RealismStats.ts';
import type { RealismFigures } from '../tools/stats/RealismStats.ts';
import { formatCount } from './_internal/formatCount.ts';
import { addFormatInputOptions, describeDetected, readSummary, resolveFormatInput } from './_internal/formatInput.ts';
import type { FormatInputOptions } from './_internal/formatInput.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';

interface StatsOptions extends FormatInputOptions {
  json?: boolean;
}

const HELP_AFTER = `
What it counts (over the whole input; times in UTC, since logs carry no user's time
zone):
  users, days spanned and user-days
  sign-ins (auth.attempt) and interactive sessions per user-day
  MFA prompts (IdP challenges and Mac login-window requests) per user-day; public
    figures put real organisations at about 0.22 to 2.1 a user a day
  how prompts were answered: approved, denied, timed out, reported as fraud, other
  retries: prompts within 10 minutes after an unanswered or denied one of the
    same user
  night (00:00-06:00 UTC) and weekend (Saturday, Sunday UTC) shares of prompts

Run it on a simulated world and on your own export, side by side, to see how far
the synthetic organisation is from yours.

${examplesHelp([
  ['pushstorm stats out/default-seed1', 'the default world, as simulate or run wrote it'],
  ['pushstorm stats okta-export.json --format okta --json', 'a real Okta export, as JSON for tools'],
])}

Exit codes:
  0  success
  1  the input held no event (empty, or every record quarantined or skipped), or a
     bug or an I/O problem; see stderr
  2  bad input: an input that cannot be opened, an unknown or unrecognisable
     format, a bad option; nothing printed
`;

/** Registers `pushstorm stats`: realism figures of a simulated or real log. */
export function registerStatsCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('stats')
    .summary('realism figures of a log: prompts per user-day, answers, retries, night and weekend shares')
    .description(
      'Count the realism figures of canonical events or a vendor log — prompts per user per day, how prompts are answered, retries, night and weekend shares — to compare a simulated organisation with a real export.',
    )
    .argument('<events>', "canonical events or a vendor log, a world's output directory (its events.ndjson), or - for stdin")
    .option('--json', 'print the figures as one JSON object on stdout');
  addFormatInputOptions(command);
  return command.addHelpText('after', HELP_AFTER).action(async (input: string, options: StatsOptions) => {
    await runStats(input, options, io);
  });
}

/**
 * The file to read for `input`: itself, or the events of a world's output directory (`simulate` or `run` wrote it).
 */
function statsInput(input: string): string {
  if (input === '-' || !existsSync(input) || !statSync(input).isDirectory()) return input;
  const events = join(input, 'events.ndjson');
  if (!existsSync(events))
    throw new InputError(input, 'is a directory without events.ndjson: give a log file, or the output directory of simulate or run');
  return events;
}

async function runStats(given: string, options: StatsOptions, io: CliIo): Promise<void> {
  const input = statsInput(given);
  const { format, context } = resolveFormatInput(input, options);
  const name = input === '-' ? 'stdin' : input;
  const reader = new LogRecordReader(openEventInput(input), { format, context, name });
  const stats = new RealismStats();
  for await (const event of reader.events()) stats.push(event);
  const read = reader.stats;
  if (read.events === 0) throw new NoEventsError('stats', name, read.records, read.quarantined, read.skipped);
  const figures = stats.figures();
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ input: name, ...readSummary(reader.detected, read), quarantined: read.quarantined, ...figures })}\n`,
    );
    return;
  }
  io.stdout.write(formatFigures(figures, describeDetected(reader.detected), read.records, read.quarantined));
}

/** The figures as a table a person reads. */
function formatFigures(f: RealismFigures, detected: string, records: number, quarantined: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rate = (x: number) => x.toFixed(2);
  const date = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));
  const rows: Array<[string, string]> = [
    ['format', detected],
    ['records read', `${formatCount(records)}${quarantined ? ` (${formatCount(quarantined)} quarantined)` : ''}`],
    ['users', formatCount(f.users)],
    ['span', `${formatCount(f.days)} days (${date(f.first)} to ${date(f.last)}), ${formatCount(f.userDays)} user-days`],
    ['sign-ins', `${formatCount(f.signIns)} (${rate(f.signInsPerUserDay)} per user-day)`],
    ['sessions', `${formatCount(f.sessions)} (${rate(f.sessionsPerUserDay)} per user-day)`],
    ['MFA prompts', `${formatCount(f.prompts)} (${rate(f.promptsPerUserDay)} per user-day; public figures: about 0.22–2.1)`],
    [
      'answers',
      `approved ${pct(f.answers.approved)}, denied ${pct(f.answers.denied)}, timed out ${pct(f.answers.timeout)}, fraud ${pct(f.answers.fraud)}, other ${pct(f.answers.other)}`,
    ],
    ['retries', `${pct(f.retryShare)} of prompts follow an unanswered or denied one within 10 minutes`],
    ['night (00–06 UTC)', `${pct(f.nightShare)} of prompts`],
    ['weekend (UTC)', `${pct(f.weekendShare)} of prompts`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${stripControl(v)}`).join('\n')}\n`;
}
