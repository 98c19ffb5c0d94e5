import { runCli } from '../../engine/cli/runCli.ts';

/** What a CLI run printed, and its exit code. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the pushstorm CLI in-process on `argv`, as a user would, collecting what it prints (not a terminal). */
export async function runCliCollected(argv: readonly string[]): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: false,
  });
  return { code, stdout, stderr };
}
