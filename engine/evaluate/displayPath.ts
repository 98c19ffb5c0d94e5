import { isAbsolute, relative } from 'node:path';

/**
 * `path` relative to `cwd` when it lies inside it (what the user typed, usually), absolute otherwise: how outputs
 * and provenance name files, so a score.json written under the working directory does not carry its absolute path.
 *
 * @example displayPath('/work/out/a/score.json', '/work') // 'out/a/score.json'
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
