import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT_CODES_HELP, OUTPUTS_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { packageRoot } from './packageInfo.ts';
import { integerOption } from './integerOption.ts';
import { WORKERS_HELP, runSimulation } from './runSimulation.ts';

/** The bundled scenario `run-default` simulates, resolved from the package root rather than the working directory. */
export const DEFAULT_SCENARIO_FILE = join(packageRoot, 'scenarios', 'default.yaml');

const HELP_AFTER = `
Writes to out/default under the working directory.

${OUTPUTS_HELP}

${examplesHelp([
  ['npm start', 'the same thing, from the repository'],
  ['pushstorm run-default --json', 'print the summary as JSON'],
  ['pushstorm simulate scenarios/default.yaml --seed 7', 'the default scenario with another seed (see simulate --help)'],
])}

${EXIT_CODES_HELP}
`;

/**
 * Registers `pushstorm run-default`: simulate the bundled `scenarios/default.yaml` into `out/default` and print the
 * summary. The README's first command; to be replaced by `pushstorm run`.
 */
export function registerRunDefaultCommand(program: Command, io: CliIo): Command {
  return program
    .command('run-default')
    .summary('simulate the bundled default scenario into out/default')
    .description('Simulate scenarios/default.yaml (bundled with pushstorm) into out/default and print a summary.')
    .option('-q, --quiet', 'no progress bar (the summary is still printed)')
    .option('--json', 'print the summary as one JSON object on stdout instead of text')
    .option('--workers <n>', WORKERS_HELP, integerOption(1, 64))
    .addHelpText('after', HELP_AFTER)
    .action(async (options: { quiet?: boolean; json?: boolean; workers?: number }) => {
      await runSimulation({ scenarioFile: DEFAULT_SCENARIO_FILE, out: join('out', 'default'), ...options }, io);
    });
}
