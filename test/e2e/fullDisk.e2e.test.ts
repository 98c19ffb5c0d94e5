/**
 * Standard output on a full disk (`pushstorm detectors --json > /dev/full`): one `error:` line on stderr and exit 1,
 * not an uncaught ENOSPC with a stack trace.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!existsSync('/dev/full'))('standard output on a full disk', () => {
  it.each([['detectors', '--json'], ['formats', '--json'], ['--help']])('pushstorm %s: one error line, exit 1', async (...args) => {
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [join(repo, 'bin', 'pushstorm.mjs'), ...args], { stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/^error: writing standard output: .*ENOSPC/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
