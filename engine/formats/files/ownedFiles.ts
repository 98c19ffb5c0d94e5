import { lstatSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeJsonFileAtomic } from './writeJsonFileAtomic.ts';

/** The file, in a command's output folder, that lists what the command wrote there. */
export const OWNED_FILES = '.pushstorm-files.json';

/**
 * Records what a command wrote in `folder` and removes what its previous run there wrote and this one did not, so a
 * folder written again never mixes two runs (a re-simulation with fewer users left the earlier run's per-Mac logs
 * beside the new inventory). Only files listed by the previous run are removed, only regular files, and only inside
 * `folder`: nothing the command did not write is touched. Call it once everything is written.
 *
 * @param written absolute or folder-relative paths of every file this run wrote.
 * @returns the folder-relative paths removed.
 */
export function replaceOwnedFiles(folder: string, written: readonly string[]): string[] {
  const root = resolve(folder);
  const now = new Set(written.map((p) => relative(root, resolve(root, p))).filter(inside));
  const removed: string[] = [];
  for (const previous of previousFiles(root)) {
    if (now.has(previous) || !inside(previous)) continue;
    const path = join(root, previous);
    try {
      if (!lstatSync(path).isFile()) continue;
    } catch {
      continue; // already gone
    }
    rmSync(path, { force: true });
    removed.push(previous);
  }
  mkdirSync(root, { recursive: true });
  writeJsonFileAtomic(join(root, OWNED_FILES), {
    note: 'files pushstorm wrote here; the next run into this folder replaces them',
    files: [...now].sort(),
  });
  return removed;
}

/** A folder-relative path that stays inside the folder. */
function inside(path: string): boolean {
  return path !== '' && !isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`);
}

/** The files the previous run listed; none when there is no list or it is not one (a hand-edited file is ignored). */
function previousFiles(root: string): string[] {
  try {
    const files = (JSON.parse(readFileSync(join(root, OWNED_FILES), 'utf8')) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}
