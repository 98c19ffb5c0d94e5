import { PushstormError } from './PushstormError.ts';

/**
 * A detector cannot be written in the language asked for: it states no declarative shape (its logic is streaming code
 * only), or the language is not supported yet. Names the detector, the target and why.
 *
 * ```text
 * mfa-without-login cannot be exported to sql: it states no declarative shape yet (exportable: fraud-report, …)
 * ```
 */
export class NotExportableError extends PushstormError {
  override name = 'NotExportableError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(
    readonly detector: string,
    readonly target: string,
    /** Why, phrased to follow "cannot be exported to <target>:". */
    readonly reason: string,
  ) {
    super(`${detector} cannot be exported to ${target}: ${reason}`);
  }
}
