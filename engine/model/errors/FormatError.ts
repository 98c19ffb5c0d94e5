import { PushstormError } from './PushstormError.ts';

/**
 * A log format cannot be used as asked: an unknown `--format` id, a file whose format cannot be told from its
 * records, a format given for the wrong source. Names the input and the format where known.
 *
 * ```text
 * cannot tell the format of export.json: none of 64 sampled records looks like canonical, okta, entra, duo, ocsf or unifiedlog; pass --format
 * ```
 */
export class FormatError extends PushstormError {
  override name = 'FormatError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(
    message: string,
    /** The format id in question, if any. */
    readonly format?: string,
    /** The input path as the caller named it, if any. */
    readonly path?: string,
  ) {
    super(message);
  }
}
