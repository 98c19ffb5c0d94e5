import { rmSync } from 'node:fs';

/**
 * Temporary files (`events.ndjson.tmp`…) and directories (a world cache entry being filled) being written right now:
 * what an interrupted run must not leave behind.
 */
const live = new Set<string>();

/**
 * Notes that `path` is a temporary file (or directory) being written, so {@link removeTemporaryFiles} removes it if the
 * process is stopped (Ctrl-C, `kill`) before it is renamed to its real name.
 */
export function trackTemporaryFile(path: string): void {
  live.add(path);
}

/** Forgets `path` once it has been renamed to its real name or removed. */
export function untrackTemporaryFile(path: string): void {
  live.delete(path);
}

/**
 * Removes every temporary file still being written, synchronously (it runs in a signal handler, just before the
 * process exits); a file already gone is no error. Returns the paths it removed.
 */
export function removeTemporaryFiles(): string[] {
  const removed: string[] = [];
  for (const path of live) {
    try {
      rmSync(path, { force: true, recursive: true });
      removed.push(path);
    } catch {
      // Nothing more can be done on the way out; the next run overwrites it.
    }
  }
  live.clear();
  return removed;
}
