/**
 * An error that escapes every command (thrown in a callback, a promise nobody awaited) is a bug in the process, not
 * in the input: the CLI's last-resort handlers print one line saying so and exit 1, the stack only with
 * PUSHSTORM_DEBUG=1 (Node printed the stack and exited 1 or 7).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = pathToFileURL(join(repo, 'dist', 'engine', 'cli', 'main.js')).href;

/** Runs `pushstorm formats` from the build (with -e, argv[1] is the first argument after the script), then lets
 * `failure` escape from a callback after it finished. */
async function escaping(failure: string, env: NodeJS.ProcessEnv = {}) {
  const script = `await import(${JSON.stringify(main)}); setImmediate(() => { ${failure} });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, 'pushstorm', 'formats'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PUSHSTORM_DEBUG: '', ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stderr };
}

describe('an error that escapes the command', () => {
  it.each([
    ['a throw in a callback', "throw new TypeError('boom')"],
    ['a rejection nobody awaited', "Promise.reject(new TypeError('boom'))"],
  ])('%s: one line, exit 1', async (_, failure) => {
    const run = await escaping(failure);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error: internal error: TypeError: boom — a bug in pushstorm: please report it, .*PUSHSTORM_DEBUG=1/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with PUSHSTORM_DEBUG=1: the line, then the stack', async () => {
    const run = await escaping("throw new TypeError('boom')", { PUSHSTORM_DEBUG: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: internal error: TypeError: boom — /);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});
