import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(fileURLToPath(new URL('../../', import.meta.url)), 'bin', 'pushstorm.mjs');

/**
 * Runs the compiled CLI (`bin/pushstorm.mjs`) as a whole process in `cwd`, colours off, with `env` added to this
 * process's environment — as the end-to-end tests run it. Throws when the process cannot be started.
 */
export function spawnPushstorm(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
