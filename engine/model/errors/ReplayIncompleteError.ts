import { PushstormError } from './PushstormError.ts';

/**
 * A replay finished but the endpoint did not take every event: the summary has been printed and the refused events
 * written with their reasons; this makes the CLI exit 1.
 *
 * ```text
 * replay: 12 of 3,400 events were not accepted (see replay-failed.ndjson)
 * ```
 */
export class ReplayIncompleteError extends PushstormError {
  override name = 'ReplayIncompleteError';
  override readonly exitCode = 1;

  constructor(
    readonly failed: number,
    readonly events: number,
    readonly failedFile: string,
  ) {
    super(`replay: ${failed.toLocaleString('en-US')} of ${events.toLocaleString('en-US')} events were not accepted (see ${failedFile})`);
  }
}
