/** Anything text can be written to: `process.stdout`, a socket, or a test's collector. */
interface TextSink {
  write(text: string): unknown;
}

/**
 * Where a CLI run writes. Injected so tests can run {@link runCli} in-process and read what a user would see.
 *
 * @example
 * ```ts
 * let out = '';
 * const code = await runCli(['--help'], { stdout: { write: (s) => (out += s) }, stderr: process.stderr, isTTY: false });
 * ```
 */
export interface CliIo {
  /** Results: summaries, help, JSON. */
  stdout: TextSink;
  /** Diagnostics: errors and the progress bar. */
  stderr: TextSink;
  /**
   * Whether stderr is an interactive terminal. The progress bar is drawn only then, and it then needs `stderr` to be
   * a real TTY stream (cli-progress moves the cursor with `readline`).
   */
  isTTY: boolean;
}

/** The running process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY === true };
}
