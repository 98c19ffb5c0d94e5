/**
 * Entry point of the `pushstorm` command: `bin/pushstorm.mjs` (and so `npx pushstorm`, `npm start`) runs its compiled
 * form, `dist/engine/cli/main.js`; `npx tsx engine/cli/main.ts …` runs it from the sources without a build.
 * Importing this module runs the CLI on `process.argv`; import {@link runCli} from `./runCli.ts` to run it without
 * side effects.
 */
import { processIo } from './CliIo.ts';
import { debugRequested, internalErrorMessage } from './_internal/internalErrorMessage.ts';
import { installInterruptHandling } from './_internal/interruption.ts';
import { runCli } from './runCli.ts';

// A reader that stops early (`pushstorm --help | head`) closes the pipe: stop quietly, as Unix tools do. Any other
// failure to write (a full disk: `--json > /dev/full`) is one line on stderr and exit 1, not a stack trace.
for (const [name, stream] of [
  ['standard output', process.stdout],
  ['standard error', process.stderr],
] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    if (stream !== process.stderr) process.stderr.write(`error: writing ${name}: ${error.message}\n`);
    process.exit(1);
  });
}

// A bug that escapes runCli (an error in a callback, a promise nobody awaited): one line, not a stack, exit 1.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    process.stderr.write(internalErrorMessage(error, debugRequested()));
    process.exit(1);
  });
}

// Ctrl-C and kill leave no half-written *.tmp behind (a command may finish its own way: replay prints its summary).
installInterruptHandling();

// exitCode rather than process.exit(): lets stdout drain when it is a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIo());
