import { PushstormError } from './PushstormError.ts';

/**
 * `pushstorm evade` found attacks that get past the detector set within the budget: they have been printed and
 * written; this carries the count so the CLI exits 1 and a CI job can gate on "no known evasion cheaper than X".
 *
 * ```text
 * evade burst: 2 evasions within 3-40 prompts and 3 days (see above)
 * ```
 */
export class EvasionFoundError extends PushstormError {
  override name = 'EvasionFoundError';
  /** A finding, not bad input: exit code 1. */
  override readonly exitCode = 1;

  constructor(
    readonly family: string,
    readonly evasions: number,
    readonly budget: string,
  ) {
    super(`evade ${family}: ${evasions} ${evasions === 1 ? 'evasion' : 'evasions'} within ${budget} (see above)`);
  }
}
