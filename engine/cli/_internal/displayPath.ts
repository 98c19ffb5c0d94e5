import { isAbsolute, relative } from 'node:path';

/** `path` relative to `cwd` when it lies inside it (what the user typed, usually), absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
