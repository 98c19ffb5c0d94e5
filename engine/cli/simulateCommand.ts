import { Option, type Command } from 'commander';
import { MAX_DAYS, MAX_USERS } from '../model/limits.ts';
import { formatIdsFor } from '../formats/logFormats.ts';
import { EXIT_CODES_HELP, OUTPUTS_HELP, WORKERS_HELP, YES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import type { Partition } from '../../generators/world/Partition.ts';
import { EVENTS_FILE_FORMATS, type EventsFileFormat } from '../formats/files/EventsFileWriter.ts';
import { integerOption } from './integerOption.ts';
import { partitionOption } from './partitionOption.ts';
import { runSimulation } from './runSimulation.ts';
import { registerSimulateMergeCommand } from './simulateMergeCommand.ts';

/** Options commander parses for `pushstorm simulate`. */
interface SimulateOptions {
  yes?: boolean;
  seed?: number;
  out?: string;
  users?: number;
  days?: number;
  quiet?: boolean;
  json?: boolean;
  workers?: number;
  format?: string;
  macFormat?: string;
  outFormat?: EventsFileFormat;
  partition?: Partition;
}

const HELP_AFTER = `
${OUTPUTS_HELP}

Vendor logs (--format, --mac-format): events.ndjson and truth.json are always
written; with a vendor format the same world is also written under logs/ as an
organisation's SIEM would receive it, one file per source:
  logs/okta-system-log.ndjson   --format okta (Okta System Log LogEvents, Identity
                                Engine) or okta-classic (a Classic Engine org)
  logs/entra-signins.ndjson     --format entra (Azure Monitor sign-in export)
  logs/SigninLogs.ndjson        --format entra-sentinel (Sentinel table rows)
  logs/duo-authlogs.ndjson      --format duo (Duo Admin API v2 auth logs)
  logs/ocsf-authentication.ndjson  --format ocsf (OCSF 3002)
  logs/mac/<host>.ndjson        --mac-format unifiedlog (log show --style ndjson,
                                one file per Mac, local time) + mac/inventory.json
  logs/mac-ocsf-authentication.ndjson  --mac-format ocsf
Each format has fields it cannot hold; \`pushstorm formats\` lists them.

Parquet (--out-format parquet): the events are written as events.parquet instead
of events.ndjson, by DuckDB: one row per event, in the same order, with the
columns id, time, type, user, ip, asn, proxy, outcome, reason, result (those the
exported SQL reads) and event, the event's whole NDJSON line. Read it with
DuckDB, Spark or Trino; pushstorm's own commands read NDJSON.

Partitions (--partition K/N): simulate only the users i with i mod N = K-1 and
the attacks aimed at them, into a folder of its own (default
out/<scenario>-seed<seed>/part-K-of-N/), each partition on any machine. The N
partitions are together exactly the whole world: no event in two, none left out.
A partition writes its events and truth (its users' incidents and labels) and
partition.json; \`pushstorm simulate merge\` rebuilds from all N the very bytes
of events.ndjson (or events.parquet) and truth.json that one run writes. The
summary's users, Macs, phones and days are the world's, the rest the partition's.
Vendor logs (--format, --mac-format) are the whole world's, so a partition
refuses them; merge writes them (all but the per-Mac unified log). Parquet
partitions read as one dataset: read_parquet('out/w/part-*/events.parquet').

The summary on stdout gives the scenario name and hash, seed, users, Macs,
phones, simulated days, incidents, compromises, events by type and by source,
the output paths and the speed. A progress bar is drawn on stderr when it is a
terminal (not with --quiet).

${examplesHelp([
  ['pushstorm simulate scenarios/tiny.yaml', 'simulate with the seed in the file, into out/tiny-seed<seed>/'],
  ['pushstorm simulate scenarios/tiny.yaml --seed 7 --out /tmp/tiny7', 'another seed, into a directory of your choice'],
  [
    'pushstorm simulate scenarios/default.yaml --users 20000 --days 30 --quiet',
    'scale the population and the duration up, without the progress bar',
  ],
  ['pushstorm simulate scenarios/tiny.yaml --json | jq .incidents', 'read the summary from a script'],
  ['pushstorm simulate scenarios/quiet-month.yaml --workers 1', 'one thread (the output is the same with any --workers)'],
  ['head -n 3 out/tiny-seed1/events.ndjson', 'look at the first events of a run'],
  ['pushstorm simulate scenarios/tiny.yaml --out-format parquet', 'the events as out/tiny-seed1/events.parquet (DuckDB)'],
  [
    'pushstorm simulate scenarios/default.yaml --users 20000 --partition 2/4 --out-format parquet --out part2',
    'the second quarter of the users, e.g. on the second of four machines',
  ],
  ['pushstorm simulate merge part1 part2 part3 part4 --out world', 'the four partitions back into one world: the bytes one run writes'],
  [
    'pushstorm simulate scenarios/uber-burst.yaml --format okta --mac-format unifiedlog',
    "the Okta System Log and each Mac's unified log of the world",
  ],
])}

${EXIT_CODES_HELP}
`;

/**
 * Registers `pushstorm simulate <scenario>` on `program`: run a scenario into events.ndjson and truth.json and print a
 * summary. Registered with `program.command()` so it inherits the program's output and exit handling.
 */
export function registerSimulateCommand(program: Command, io: CliIo): Command {
  const simulate = program
    .command('simulate')
    .summary('simulate a scenario into events.ndjson and truth.json')
    .description(
      'Simulate the world a scenario file describes (users, Macs, phones, IdP, benign noise, attacks) on virtual ' +
        'time and write the telemetry it produces plus the ground truth. The scenario is validated first: if it is ' +
        'invalid, every problem is listed with its JSON path and nothing is written.',
    )
    .argument('<scenario>', 'scenario file, YAML or JSON (see scenarios/ and scenarios/scenario.schema.json)')
    .option('--seed <n>', "random seed, overrides the scenario's seed (0..4294967295)", integerOption(0, 4_294_967_295))
    .option('--out <dir>', 'output directory (default: out/<scenario name>-seed<seed>, under the working directory)')
    .option('--users <n>', 'override the population size (population.users)', integerOption(1, MAX_USERS))
    .option('--days <n>', 'override the simulated duration, in days', integerOption(1, MAX_DAYS))
    .option('-q, --quiet', 'no progress bar (the summary is still printed)')
    .option('--json', 'print the summary as one JSON object on stdout instead of text')
    .option('--workers <n>', WORKERS_HELP, integerOption(1, 64))
    .option('--yes', YES_HELP)
    .option('--format <id>', `also write the IdP log under logs/ in this format: ${formatIdsFor('idp').join(', ')}`, 'canonical')
    .option('--mac-format <id>', `also write the Mac logs under logs/ in this format: ${formatIdsFor('mac').join(', ')}`, 'canonical')
    .addOption(
      new Option('--out-format <format>', 'the events file: events.ndjson, or events.parquet written by DuckDB')
        .choices([...EVENTS_FILE_FORMATS])
        .default('ndjson'),
    )
    .option('--partition <K/N>', 'simulate partition K of N of the users only; `simulate merge` joins the N', partitionOption)
    .addHelpText('after', HELP_AFTER)
    // `simulate merge` takes options of its own (--out): simulate must not read them as its own.
    .enablePositionalOptions()
    .action(async (scenarioFile: string, options: SimulateOptions) => {
      await runSimulation({ scenarioFile, ...options }, io);
    });
  registerSimulateMergeCommand(simulate, io);
  return simulate;
}
