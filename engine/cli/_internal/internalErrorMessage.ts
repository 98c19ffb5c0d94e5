import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../model/packageRoot.ts';
import { stripControl } from '../../model/text/stripControl.ts';

/**
 * What the CLI prints for an error that is a bug in pushstorm rather than a problem with the input: one line that
 * says so, where to report it and how to see more, and the stack only when `PUSHSTORM_DEBUG=1` asks for it (a stack
 * trace tells a user nothing and looks like a crash of their input).
 *
 * @param tracker where to report it: by default the package's `bugs` (or GitHub `repository`) issues address.
 * @example internalErrorMessage(new TypeError('x is undefined'), false, 'the pushstorm issue tracker')
 * // 'error: internal error: TypeError: x is undefined — a bug in pushstorm: please report it, with the command line, at the pushstorm issue tracker; set PUSHSTORM_DEBUG=1 to see the stack\n'
 */
export function internalErrorMessage(error: unknown, debug: boolean, tracker: string = issueTracker()): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const first = stripControl(what.split('\n')[0]);
  const line = `error: internal error: ${first} — a bug in pushstorm: please report it, with the command line, at ${tracker}${debug ? '' : '; set PUSHSTORM_DEBUG=1 to see the stack'}\n`;
  return debug && error instanceof Error && error.stack ? `${line}${error.stack}\n` : line;
}

/** Whether the environment asks for stacks of internal errors (`PUSHSTORM_DEBUG=1`). */
export function debugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PUSHSTORM_DEBUG === '1' || env.PUSHSTORM_DEBUG === 'true';
}

/**
 * Where to report a bug, from package.json: `bugs` (a URL or `{ url }`), else the issues of a GitHub `repository`,
 * else the words "the pushstorm issue tracker". Read only when a bug happened, and never itself a second failure.
 */
export function issueTracker(root: string = packageRoot): string {
  const fallback = 'the pushstorm issue tracker';
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bugs?: unknown; repository?: unknown };
    const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : (pkg.bugs as { url?: unknown } | undefined)?.url;
    if (typeof bugs === 'string' && /^https?:\/\//.test(bugs)) return stripControl(bugs);
    const repository = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository as { url?: unknown } | undefined)?.url;
    const github = typeof repository === 'string' ? /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(repository) : null;
    return github ? `https://github.com/${github[1]}/issues` : fallback;
  } catch {
    return fallback;
  }
}
