import { stripControl } from '../../model/text/stripControl.ts';

/**
 * What the CLI prints for an error that is a bug in pushstorm rather than a problem with the input: one line that
 * says so and what to do, and the stack only when `PUSHSTORM_DEBUG=1` asks for it (a stack trace tells a user
 * nothing and looks like a crash of their input).
 *
 * @example internalErrorMessage(new TypeError('x is undefined'), false)
 * // 'error: internal error: TypeError: x is undefined (a bug in pushstorm: please report it with the command line; PUSHSTORM_DEBUG=1 shows where it happened)\n'
 */
export function internalErrorMessage(error: unknown, debug: boolean): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = stripControl(what.split('\n')[0]);
  const line = `error: internal error: ${first} (a bug in pushstorm: please report it with the command line${debug ? '' : '; PUSHSTORM_DEBUG=1 shows where it happened'})\n`;
  return debug && error instanceof Error && error.stack ? `${line}${error.stack}\n` : line;
}

/** Whether the environment asks for stacks of internal errors (`PUSHSTORM_DEBUG=1`). */
export function debugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PUSHSTORM_DEBUG === '1' || env.PUSHSTORM_DEBUG === 'true';
}
