import { Command, Help } from 'commander';
import { stripControl } from '../model/text/stripControl.ts';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { pushstormVersion } from '../model/version.ts';
import { commandTable } from './commandTable.ts';

const HELP_AFTER = `
${examplesHelp([
  ['pushstorm run', 'the main job on the bundled default scenario: simulate, detect, score, print how each detector did'],
  ['pushstorm simulate scenarios/tiny.yaml --seed 7', 'simulate a scenario file with seed 7 into out/tiny-seed7/'],
  ['pushstorm simulate scenarios/tiny.yaml --users 200 --days 3 --json', 'override size and duration, print the summary as JSON'],
  ['pushstorm detect out/default-seed1/events.ndjson > alerts.ndjson', 'run every detector over the events'],
  ['pushstorm detectors', 'the detectors and their parameters'],
  [
    'pushstorm simulate scenarios/uber-burst.yaml --format okta --mac-format unifiedlog',
    "also write the Okta System Log and each Mac's unified log",
  ],
  ['pushstorm detect okta-export.json', 'detect on a vendor export (format told from the records)'],
  ['pushstorm formats', 'the log formats and what each cannot hold'],
  [
    'pushstorm inject --into okta-export.json --scenario scenarios/uber-burst.yaml --out injected/',
    'attacks merged into a real log, with truth to score it',
  ],
  [
    'pushstorm score --truth out/default-seed1/truth.json --alerts alerts.ndjson',
    'precision, recall, time to detect, false alerts per 1,000 user-days',
  ],
  [
    'pushstorm tune scenarios/uber-burst.yaml scenarios/quiet-month.yaml --detector mfa-without-login --grid "threshold=3..8,window=5m|10m"',
    'sweep thresholds; Pareto front and a recommendation',
  ],
  ['pushstorm gate gates/ci.yaml --junit gate.xml', 'the CI quality gate: exit 1 when a figure regresses'],
  ['pushstorm help simulate', 'options, outputs and examples of one command'],
])}

${EXIT_CODES_HELP}
`;

/**
 * Builds the `pushstorm` commander program for one run on `argv` (the arguments after the program name). Only the
 * command `argv` names (`pushstorm detect …`, `pushstorm help detect`) is loaded and registered in full; the others
 * are listed from {@link commandTable}, so `--version` and the top-level `--help` load no command at all and each
 * command pays only for its own dependencies. Output goes to `io`, and commander's exits are turned into thrown
 * `CommanderError`s so {@link runCli} decides the exit code. A fresh program per call: commander keeps parsed state
 * on the instance.
 *
 * @example
 * ```ts
 * const program = await createProgram(processIo(), ['detect', 'events.ndjson']);
 * await program.parseAsync(['detect', 'events.ndjson'], { from: 'user' });
 * ```
 */
export async function createProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const listed = new Map<Command, string>();
  const program = new Command('pushstorm')
    .description(
      'Testbed for MFA fatigue (push bombing, ATT&CK T1621 / AN0454): simulate an organisation under attack, ' +
        'write the telemetry it would leave, and the ground truth to score detectors against.',
    )
    .version(pushstormVersion, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help with examples')
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      // Usage errors echo what was typed (an unknown option): nothing in it may drive the terminal.
      writeErr: (text) => void io.stderr.write(stripControl(text)),
    })
    .configureHelp({
      // A listed command has no options or arguments defined: its line comes from the table.
      subcommandTerm(this: Help, command: Command) {
        return listed.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
      },
    })
    .exitOverride()
    // A command's options are its own wherever they stand (`simulate merge DIR --out X`: --out is merge's, not
    // simulate's); the program's own (--version, --help) come before the command.
    .enablePositionalOptions()
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText('after', HELP_AFTER);
  // Registered after the configuration above: program.command() copies it into each subcommand.
  const named = commandNamed(argv);
  for (const entry of commandTable) {
    if (entry.name === named) (await entry.load())(program, io);
    else listed.set(program.command(entry.name).summary(entry.summary), entry.term);
  }
  return program;
}

/** The command `argv` runs or asks help for: the first word, or the word after `help`. Program options take no value. */
function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
