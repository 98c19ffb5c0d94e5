import { PushstormError } from './PushstormError.ts';

/**
 * An input file cannot be opened or is not a file: a missing events file, a directory, no permission. Names the
 * path as the user gave it.
 *
 * ```text
 * cannot read input out/missing.ndjson: no such file or directory (ENOENT)
 * ```
 */
export class InputError extends PushstormError {
  override name = 'InputError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(
    /** The input path as the caller named it. */
    readonly path: string,
    /** Why it cannot be read, phrased to follow the path: `no such file or directory (ENOENT)`. */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read input ${path}: ${problem}`, options);
  }
}
