import { CommanderError } from 'commander';
import { isPushstormError } from '../model/errors/PushstormError.ts';
import { stripControl } from '../model/text/stripControl.ts';
import { debugRequested, internalErrorMessage } from './_internal/internalErrorMessage.ts';
import { type CliIo, processIo } from './CliIo.ts';
import { createProgram } from './createProgram.ts';
import { ExitCode } from './ExitCode.ts';

/**
 * Runs the pushstorm CLI on `argv` (the arguments after the program name) and returns the exit code instead of
 * exiting, so tests can call it in-process. Error mapping:
 * - commander usage errors (unknown option, bad `--seed abc`, missing argument): commander has printed them → 2;
 * - a `PushstormError` (e.g. `ScenarioError`): `error: <message>` on stderr → its `exitCode` (2 for bad input);
 * - a system error (`ENOSPC`, `EACCES`…): `error: <message>` → 1;
 * - anything else is a bug: one line saying so (the stack too with `PUSHSTORM_DEBUG=1`) → 1.
 * Messages echo input (file names, values), so control characters in them are made harmless before printing.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const program = await createProgram(io, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    if (isPushstormError(error)) {
      io.stderr.write(`error: ${stripControl(error.message)}\n`);
      return error.exitCode;
    }
    if (isSystemError(error)) {
      io.stderr.write(`error: ${stripControl(error.message)}\n`);
      return ExitCode.failure;
    }
    io.stderr.write(internalErrorMessage(error, debugRequested()));
    return ExitCode.failure;
  }
}

/** A Node.js system error (file system, network): its message already names the path and the syscall. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}
