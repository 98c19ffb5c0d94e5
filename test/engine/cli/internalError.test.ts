/**
 * A bug (an error that is neither bad input nor a system error) prints one line that says so, where to report it and
 * how to see more — not a stack trace (it printed the stack, which reads as a crash on the user's input). With
 * PUSHSTORM_DEBUG=1 the stack follows the line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { internalErrorMessage, issueTracker } from '../../../engine/cli/_internal/internalErrorMessage.ts';
import { runCli } from '../../../engine/cli/runCli.ts';

// The bug: building the program throws a plain TypeError carrying a control sequence.
vi.mock('../../../engine/cli/createProgram.ts', () => ({
  createProgram: async () => {
    throw new TypeError('cannot read properties of undefined\u001b[2J\nsecond line');
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-internal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

async function cli(argv: string[]) {
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: false,
  });
  return { code, stderr };
}

describe('an internal error in a command', () => {
  it('is one line, exit 1: what broke, where to report it, how to see the stack', async () => {
    vi.stubEnv('PUSHSTORM_DEBUG', '');
    const run = await cli(['detectors']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: internal error: TypeError: cannot read properties of undefined\ufffd[2J — a bug in pushstorm: please report it, with the command line, at ${issueTracker()}; set PUSHSTORM_DEBUG=1 to see the stack\n`,
    );
  });

  it('with PUSHSTORM_DEBUG=1, the line and then the stack', async () => {
    vi.stubEnv('PUSHSTORM_DEBUG', '1');
    const run = await cli(['detectors']);
    expect(run.code).toBe(1);
    const [first, ...stack] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^error: internal error: TypeError: cannot read properties of undefined\ufffd\[2J — a bug in pushstorm/);
    expect(first).not.toContain('PUSHSTORM_DEBUG');
    expect(stack.some((l) => /^\s+at /.test(l))).toBe(true);
  });
});

describe('internalErrorMessage', () => {
  it('takes the first line of anything thrown, without control characters', () => {
    expect(internalErrorMessage('thrown text \u001b]0;title\u0007\nmore', false, 'https://example.org/issues')).toBe(
      'error: internal error: thrown text \ufffd]0;title\ufffd — a bug in pushstorm: please report it, with the command line, at https://example.org/issues; set PUSHSTORM_DEBUG=1 to see the stack\n',
    );
  });
});

describe('issueTracker', () => {
  /** The tracker named by a package.json holding `fields`. */
  const at = (name: string, fields: object) => {
    const root = join(dir, name);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify(fields));
    return issueTracker(root);
  };

  it("names package.json's bugs address, a GitHub repository's issues, or the tracker in words", () => {
    expect(at('bugs-string', { bugs: 'https://example.org/bugs' })).toBe('https://example.org/bugs');
    expect(at('bugs-object', { bugs: { url: 'https://example.org/b' } })).toBe('https://example.org/b');
    expect(at('repo', { repository: { type: 'git', url: 'git+https://github.com/acme/pushstorm.git' } })).toBe(
      'https://github.com/acme/pushstorm/issues',
    );
    expect(at('none', { name: 'pushstorm' })).toBe('the pushstorm issue tracker');
    expect(issueTracker(join(dir, 'no-such-folder'))).toBe('the pushstorm issue tracker');
  });
});
