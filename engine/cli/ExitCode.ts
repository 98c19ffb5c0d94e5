/**
 * Process exit codes of every pushstorm command, documented in `--help`: scripts and CI gates branch on them.
 */
export const ExitCode = {
  /** The command did what was asked. */
  ok: 0,
  /** Something failed that is not the caller's fault: a bug, a full disk, a permission problem. */
  failure: 1,
  /** Bad input: an invalid scenario, option value or command line. Nothing was written. */
  badInput: 2,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
