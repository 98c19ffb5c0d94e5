import { lstatSync, readlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where an output really goes, and whether it may be written atomically (a temp file renamed over it). */
export interface OutputTarget {
  /** The file written: the path given, or the end of its chain of symbolic links. */
  path: string;
  /**
   * True for a regular file or a new path: write a temp file beside it and rename it over. False for a device, a FIFO
   * or a socket: renaming over one would replace it with a regular file (`--out /dev/full` did, as root), so the
   * output is streamed into it instead.
   */
  atomic: boolean;
}

/** Links followed before giving up, as the kernel's own limit (ELOOP). */
const MAX_LINKS = 40;

/**
 * Resolves an output path the way writing it must treat it: a symbolic link is written through to its target (never
 * replaced by a new file), a regular file or a new path is written atomically, anything else (a device, a FIFO, a
 * socket) is streamed into. A directory is left for the open to refuse with its own message.
 *
 * @throws the file system's error for a path that cannot be examined (permissions), or ELOOP for a cycle of links.
 */
export function outputTarget(path: string): OutputTarget {
  let target = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    let stats: ReturnType<typeof lstatSync>;
    try {
      stats = lstatSync(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: target, atomic: true };
      throw error;
    }
    if (stats.isSymbolicLink()) {
      target = resolve(dirname(target), readlinkSync(target));
      continue;
    }
    return { path: target, atomic: stats.isFile() };
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}
