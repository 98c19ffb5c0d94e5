import { PushstormError } from './PushstormError.ts';

/** What a replay left undone, as {@link ReplayIncompleteError} reports it. */
export interface ReplayShortfall {
  /** Events read. */
  events: number;
  /** Events not proven taken (refused, unanswered, or never sent once the replay stopped). */
  failed: number;
  /** Where the failed events were written, with their reasons. */
  failedFile: string | null;
  /** Records that could not be read as events: not sent. */
  quarantined: number;
  /** Where the quarantined records were written, with their line and reason. */
  quarantineFile: string | null;
  /** Why the replay stopped before the end of its input (`interrupted`, `HTTP 401 …`), or null. */
  stopped: string | null;
  /** 130 or 143 when a signal stopped it, else 1. */
  exitCode: number;
}

/**
 * A replay ended without delivering everything it read: some events were not accepted, some records were
 * quarantined, or it stopped early (an interruption, 401/403, a redirect). The summary has been printed and every
 * event and record not sent written with its reason; this makes the CLI exit 1 (130/143 after Ctrl-C or `kill`).
 *
 * ```text
 * replay: 12 of 3,400 events were not accepted (see replay-failed.ndjson)
 * ```
 */
export class ReplayIncompleteError extends PushstormError {
  override name = 'ReplayIncompleteError';
  override readonly exitCode: number;
  readonly failed: number;
  readonly events: number;
  readonly failedFile: string | null;
  readonly quarantined: number;
  readonly quarantineFile: string | null;
  readonly stopped: string | null;

  constructor(shortfall: ReplayShortfall) {
    const count = (n: number) => n.toLocaleString('en-US');
    const parts: string[] = [];
    if (shortfall.stopped !== null) parts.push(`stopped (${shortfall.stopped}); the rest of the input was not read`);
    if (shortfall.failed > 0)
      parts.push(
        `${count(shortfall.failed)} of ${count(shortfall.events)} events were not accepted${shortfall.failedFile ? ` (see ${shortfall.failedFile})` : ''}`,
      );
    if (shortfall.quarantined > 0)
      parts.push(
        `${count(shortfall.quarantined)} records could not be read, not sent${shortfall.quarantineFile ? ` (see ${shortfall.quarantineFile})` : ''}`,
      );
    super(`replay: ${parts.join('; ')}`);
    this.exitCode = shortfall.exitCode;
    this.failed = shortfall.failed;
    this.events = shortfall.events;
    this.failedFile = shortfall.failedFile;
    this.quarantined = shortfall.quarantined;
    this.quarantineFile = shortfall.quarantineFile;
    this.stopped = shortfall.stopped;
  }
}
