import { Command } from 'commander';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { pushstormVersion } from '../model/version.ts';
import { registerDetectCommand } from './detectCommand.ts';
import { registerDetectorsCommand } from './detectorsCommand.ts';
import { registerFormatsCommand } from './formatsCommand.ts';
import { registerGateCommand } from './gateCommand.ts';
import { registerInjectCommand } from './injectCommand.ts';
import { registerReplayCommand } from './replayCommand.ts';
import { registerRunCommand } from './runCommand.ts';
import { registerScoreCommand } from './scoreCommand.ts';
import { registerSimulateCommand } from './simulateCommand.ts';
import { registerTuneCommand } from './tuneCommand.ts';

const HELP_AFTER = `
${examplesHelp([
  ['pushstorm run', 'the main job on the bundled default scenario: simulate, detect, score, print how each detector did'],
  ['pushstorm simulate scenarios/tiny.yaml --seed 7', 'simulate a scenario file with seed 7 into out/tiny-seed7/'],
  ['pushstorm simulate scenarios/tiny.yaml --users 200 --days 3 --json', 'override size and duration, print the summary as JSON'],
  ['pushstorm detect out/default-seed1/events.ndjson > alerts.ndjson', 'run every detector over the events'],
  ['pushstorm detectors', 'the detectors and their parameters'],
  ['pushstorm simulate scenarios/uber-burst.yaml --format okta --mac-format unifiedlog', 'also write the Okta System Log and each Mac\'s unified log'],
  ['pushstorm detect okta-export.json', 'detect on a vendor export (format told from the records)'],
  ['pushstorm formats', 'the log formats and what each cannot hold'],
  ['pushstorm inject --into okta-export.json --scenario scenarios/uber-burst.yaml --out injected/', 'attacks merged into a real log, with truth to score it'],
  ['pushstorm score --truth out/default-seed1/truth.json --alerts alerts.ndjson', 'precision, recall, time to detect, false alerts per 1,000 user-days'],
  ['pushstorm tune scenarios/uber-burst.yaml scenarios/quiet-month.yaml --detector mfa-without-login --grid "threshold=3..8,window=5m|10m"', 'sweep thresholds; Pareto front and a recommendation'],
  ['pushstorm gate gates/ci.yaml --junit gate.xml', 'the CI quality gate: exit 1 when a figure regresses'],
  ['pushstorm help simulate', 'options, outputs and examples of one command'],
])}

${EXIT_CODES_HELP}
`;

/**
 * Builds the `pushstorm` commander program with every command registered. Output goes to `io`, and commander's
 * exits are turned into thrown `CommanderError`s so {@link runCli} decides the exit code. A fresh program per call:
 * commander keeps parsed state on the instance.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('pushstorm')
    .description(
      'Testbed for MFA fatigue (push bombing, ATT&CK T1621 / AN0454): simulate an organisation under attack, ' +
        'write the telemetry it would leave, and the ground truth to score detectors against.',
    )
    .version(pushstormVersion, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help with examples')
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText('after', HELP_AFTER);
  // Registered after the configuration above: program.command() copies it into each subcommand.
  registerSimulateCommand(program, io);
  registerRunCommand(program, io);
  registerDetectCommand(program, io);
  registerDetectorsCommand(program, io);
  registerFormatsCommand(program, io);
  registerScoreCommand(program, io);
  registerTuneCommand(program, io);
  registerGateCommand(program, io);
  registerReplayCommand(program, io);
  registerInjectCommand(program, io);
  return program;
}
