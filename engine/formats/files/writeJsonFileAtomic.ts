import { writeTextFileAtomic } from './writeTextFileAtomic.ts';

/** Options of {@link writeJsonFileAtomic}. */
export interface WriteJsonFileOptions {
  /** Indentation passed to `JSON.stringify`; 0 writes one line. Default 2. */
  indent?: number;
}

/**
 * Writes `value` as JSON (followed by a newline) to `<path>.tmp`, then renames it to `path`: readers see the old file
 * or the complete new one, never a half-written one. A symbolic link is written through to its target, and a device,
 * FIFO or socket is written into directly, never replaced (see writeTextFileAtomic). Returns the number of bytes written.
 *
 * @example
 * ```ts
 * writeJsonFileAtomic('out/run/truth.json', result.truth);
 * ```
 */
export function writeJsonFileAtomic(path: string, value: unknown, options: WriteJsonFileOptions = {}): number {
  const json = JSON.stringify(value, null, options.indent ?? 2);
  if (json === undefined) throw new TypeError(`writeJsonFileAtomic: ${path}: value has no JSON form (${typeof value})`);
  return writeTextFileAtomic(path, `${json}\n`);
}
