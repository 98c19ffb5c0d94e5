import type { Command } from 'commander';
import { stringify } from 'yaml';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { writeTextFileAtomic } from '../formats/files/writeTextFileAtomic.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { NoEventsError } from '../model/errors/NoEventsError.ts';
import { scriptFromEvents } from '../tools/fromLog/index.ts';
import { addFormatInputOptions, describeDetected, resolveFormatInput, type FormatInputOptions } from './_internal/formatInput.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';

interface FromLogOptions extends FormatInputOptions {
  user: string;
  from: string;
  to: string;
  users: number;
  name?: string;
  out?: string;
}

const FROM_LOG_HELP = `
Reads any log pushstorm knows (canonical events or a vendor export; --format as
for detect) and writes a scripted scenario of what it shows for one user in a
window: each push sent becomes a push step from the same address, network,
country and browser, each wrong password a password step, each login-window
MFA request a loginWindow step, each new factor an enrolFactor step, every one
at its time; how the user answered becomes the attack's response (approvesAt
the first approved prompt, deniesAll, or never). The victim is user 0 of
--users people. Run it with pushstorm run to see what the detectors make of the
incident in a synthetic organisation, or edit it into a variant.

${examplesHelp([
  [
    'pushstorm scenario from-log okta-export.json --user ada@corp.example --from 2026-03-04T21:00:00Z --to 2026-03-04T23:00:00Z --out incident.yaml',
    'an incident from an Okta export',
  ],
  ['pushstorm scenario from-log out/uber-burst-seed2022/events.ndjson --user … --from … --to …', 'a simulated incident, replayed'],
])}

Exit codes:
  0  written
  1  the window holds none of the user's events
  2  bad input: the log, a time, an option; nothing written`;

/** Registers `pushstorm scenario from-log`: a real log's incident as a scripted scenario. */
export function registerScenarioCommand(program: Command, io: CliIo): Command {
  const scenario = program
    .command('scenario')
    .summary('write scenarios from logs: scenario from-log replays one user’s incident step by step')
    .description('Scenario tools: from-log writes a scripted scenario that replays what a log shows for one user in a window.');
  const fromLog = scenario
    .command('from-log')
    .description('write a scripted scenario replaying one user’s events in a window of a log (any supported format)')
    .argument('<log>', 'canonical events or a vendor log, or - for stdin')
    .requiredOption('--user <login>', 'the user whose events to replay (as the log names them)')
    .requiredOption('--from <time>', 'start of the window, ISO 8601 (inclusive)')
    .requiredOption('--to <time>', 'end of the window, ISO 8601 (exclusive)')
    .option('--users <n>', 'people in the synthetic organisation around the victim', integerOption(1, 50_000), 200)
    .option('--name <name>', 'the scenario’s name (kebab-case; default replay-<user>)')
    .option('--out <file>', 'write the scenario here (default: standard output)');
  addFormatInputOptions(fromLog);
  fromLog.addHelpText('after', FROM_LOG_HELP).action(async (log: string, options: FromLogOptions) => {
    await runFromLog(log, options, io);
  });
  return scenario;
}

async function runFromLog(log: string, options: FromLogOptions, io: CliIo): Promise<void> {
  const [from, to] = [Date.parse(options.from), Date.parse(options.to)];
  const issues: OptionIssue[] = [];
  if (Number.isNaN(from))
    issues.push({ option: '--from', value: options.from, message: 'is not an ISO 8601 time, e.g. 2026-03-04T21:00:00Z' });
  if (Number.isNaN(to)) issues.push({ option: '--to', value: options.to, message: 'is not an ISO 8601 time, e.g. 2026-03-04T23:00:00Z' });
  if (!Number.isNaN(from) && !Number.isNaN(to) && to <= from)
    issues.push({ option: '--to', value: options.to, message: `must be after --from (${options.from})` });
  if (options.name !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(options.name))
    issues.push({ option: '--name', value: options.name, message: 'must be kebab-case: lower-case letters, digits and dashes' });
  if (issues.length > 0) throw new OptionError('scenario from-log', issues);
  const { format, context } = resolveFormatInput(log, options);
  const name = log === '-' ? 'stdin' : log;
  const reader = new LogRecordReader(openEventInput(log), { format, context, name });
  const events: CanonicalEvent[] = [];
  for await (const event of reader.events()) if (event.user === options.user) events.push(event);
  const read = reader.stats;
  if (read.events === 0) throw new NoEventsError('scenario from-log', name, read.records, read.quarantined, read.skipped);
  const result = scriptFromEvents(events, { user: options.user, from, to, users: options.users, name: options.name });
  if (result.steps === 0)
    throw new NoEventsError(
      'scenario from-log',
      `${name} (user ${options.user}, ${options.from} to ${options.to})`,
      read.records,
      read.quarantined,
      read.skipped,
    );
  const text = `# ${result.scenario.description}\n# Read as ${describeDetected(reader.detected)}; ${result.events} events of the user, ${result.steps} steps.\n${stringify(result.scenario, { lineWidth: 0 })}`;
  if (options.out === undefined || options.out === '-') io.stdout.write(text);
  else {
    writeTextFileAtomic(options.out, text);
    io.stderr.write(
      `scenario ${options.out}: ${result.steps} steps from ${result.events} events; run it with pushstorm run ${options.out}\n`,
    );
  }
}
