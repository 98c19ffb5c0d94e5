/**
 * A long command stopped by Ctrl-C or `kill`: it exits 130 or 143 and leaves no temporary file behind (the atomic
 * writers write `<name>.tmp` and rename it when done; an interrupted run used to leave the `.tmp` for good).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'pushstorm-interrupt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir`, relative. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('an interrupted command', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s while simulate writes: exit %i, no *.tmp left',
    async (signal, exitCode) => {
      const out = join(root, signal);
      const child = spawn(
        process.execPath,
        [join(repo, 'bin', 'pushstorm.mjs'), 'simulate', join(repo, 'scenarios', 'default.yaml'), '--out', out],
        {
          cwd: root,
        },
      );
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Wait for a temporary file to be open, then stop the process while it is being written.
      const deadline = performance.now() + 60_000;
      while (!files(out).some((f) => f.endsWith('.tmp')) && child.exitCode === null && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(
        files(out).some((f) => f.endsWith('.tmp')),
        `no .tmp seen; stderr: ${stderr}`,
      ).toBe(true);
      child.kill(signal);
      expect(await closed, stderr).toBe(exitCode);
      expect(files(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    90_000,
  );
});
