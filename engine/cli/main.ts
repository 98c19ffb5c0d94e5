/**
 * Entry point of the `pushstorm` command: `bin/pushstorm.mjs` (and so `npx pushstorm`, `npm start`) runs its compiled
 * form, `dist/engine/cli/main.js`; `npx tsx engine/cli/main.ts …` runs it from the sources without a build.
 * Importing this module runs the CLI on `process.argv`; import {@link runCli} from `./runCli.ts` to run it without
 * side effects.
 */
import { processIo } from './CliIo.ts';
import { installInterruptHandling } from './_internal/interruption.ts';
import { runCli } from './runCli.ts';

// A reader that stops early (`pushstorm --help | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

// Ctrl-C and kill leave no half-written *.tmp behind (a command may finish its own way: replay prints its summary).
installInterruptHandling();

// exitCode rather than process.exit(): lets stdout drain when it is a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIo());
