import type { QuarantineReason } from '../QuarantineReason.ts';
import { PushstormError } from './PushstormError.ts';

/**
 * A line of event input was rejected in strict mode (`--strict`): reading stops at the first bad line instead of
 * quarantining it. Carries the 1-based line number, the quarantine reason and its detail.
 *
 * ```text
 * line 7 rejected (bad_timestamp): /time: expected integer epoch ms, got "2026-03-02"
 * ```
 */
export class BadInputError extends PushstormError {
  override name = 'BadInputError';
  /** The contract for `--strict`: the run stops with exit code 1. */
  override readonly exitCode = 1;

  constructor(
    /** 1-based line number in the input. */
    readonly line: number,
    /** Why the line was rejected: one of the quarantine reasons (`malformed_json`, `missing_field`, ...). */
    readonly reason: QuarantineReason,
    /** What was wrong, naming the field: `missing "user"`. */
    readonly detail: string,
  ) {
    super(`line ${line} rejected (${reason}): ${detail}`);
  }
}
