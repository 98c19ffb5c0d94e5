import { Option, type Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { mergePartitionDirectories } from '../evaluate/mergePartitionDirectories.ts';
import { EVENTS_FILE_FORMATS, type EventsFileFormat } from '../formats/files/EventsFileWriter.ts';
import { formatIdsFor } from '../formats/logFormats.ts';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { formatSummary } from './formatSummary.ts';
import { displaySummary } from './runSimulation.ts';

/** Options commander parses for `pushstorm simulate merge`. */
interface MergeOptions {
  out: string;
  outFormat: EventsFileFormat;
  format?: string;
  macFormat?: string;
  json?: boolean;
}

const HELP_AFTER = `
Each folder is one partition's (pushstorm simulate --partition K/N): its events
(events.ndjson or events.parquet), truth.json and partition.json. Give all N of
one world, in any order; they may come from different machines. The events are
interleaved by time, then by user and by each user's own order (the event id
u<user>.<n> holds both, base 36): the order one run writes. The truth's incidents
are put back in the order of the scenario's attack plan (partition.json keeps
each incident's place). The output is byte for byte what one run of the world
writes. Partitions that are not one whole world (one missing or given twice,
another seed or scenario) are refused, naming each problem, before anything is
written.

${examplesHelp([
  ['pushstorm simulate merge out/w/part-*-of-4 --out out/w', 'the four partitions of a world into out/w'],
  ['pushstorm simulate merge p1 p2 p3 --out world --out-format parquet', 'the world as events.parquet'],
  ['pushstorm simulate merge p1 p2 --out world --format okta', 'with the Okta System Log of the whole world'],
])}

${EXIT_CODES_HELP}
`;

/** Registers `pushstorm simulate merge <dir...>` on the `simulate` command: the partitions of a world into the world. */
export function registerSimulateMergeCommand(simulate: Command, io: CliIo): Command {
  return simulate
    .command('merge')
    .summary('merge the N partitions of a world into the whole world')
    .description(
      'Rebuild a whole world from the folders of its N partitions (simulate --partition K/N): events and truth, ' +
        'exactly the bytes one run of the world writes, and a summary as simulate prints it.',
    )
    .argument('<dir...>', 'the folders of the partitions, all N of them')
    .requiredOption('--out <dir>', 'the folder of the whole world (not one of the partitions)')
    .addOption(
      new Option('--out-format <format>', 'the events file: events.ndjson, or events.parquet written by DuckDB')
        .choices([...EVENTS_FILE_FORMATS])
        .default('ndjson'),
    )
    .option('--format <id>', `also write the IdP log under logs/ in this format: ${formatIdsFor('idp').join(', ')}`, 'canonical')
    .option(
      '--mac-format <id>',
      `also write the Mac log under logs/ in this format: ${formatIdsFor('mac')
        .filter((id) => id !== 'unifiedlog')
        .join(', ')}`,
      'canonical',
    )
    .option('--json', 'print the summary as one JSON object on stdout instead of text')
    .addHelpText('after', HELP_AFTER)
    .action(async (dirs: string[], options: MergeOptions) => {
      const cwd = process.cwd();
      const summary = await mergePartitionDirectories(dirs, { ...options, cwd, now: () => performance.now() });
      const shown = displaySummary(summary, cwd);
      io.stdout.write(options.json ? `${JSON.stringify(shown)}\n` : formatSummary(shown));
    });
}
