import { PushstormError } from './PushstormError.ts';

/**
 * A gate ran and found regressions: the checks have been printed; this carries the counts so the CLI exits 1.
 *
 * ```text
 * gate ci: 2 of 31 checks failed (see above)
 * ```
 */
export class GateFailedError extends PushstormError {
  override name = 'GateFailedError';
  /** A regression, not bad input: exit code 1. */
  override readonly exitCode = 1;

  constructor(
    readonly gate: string,
    readonly failed: number,
    readonly checks: number,
  ) {
    super(`gate ${gate}: ${failed} of ${checks} checks failed (see above)`);
  }
}
