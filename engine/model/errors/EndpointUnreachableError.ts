import { PushstormError } from './PushstormError.ts';

/**
 * A replay could not reach its endpoint at all: the first request found no one listening, no such host, no route or
 * a certificate it cannot trust. Retrying such a failure only makes the user wait, so the replay stops at once with
 * exit code 1, nothing sent. (A failure after the endpoint has answered is retried with back-off instead.)
 *
 * ```text
 * replay: cannot reach http://127.0.0.1:8088/services/collector/event: connection refused (ECONNREFUSED); nothing was sent
 * ```
 */
export class EndpointUnreachableError extends PushstormError {
  override name = 'EndpointUnreachableError';
  /** Not the input's fault: exit code 1. */
  override readonly exitCode = 1;

  constructor(
    /** The endpoint, without any user name or password the URL held. */
    readonly url: string,
    /** The system's error code (`ECONNREFUSED`, `ENOTFOUND`…), when it gave one. */
    readonly code: string | undefined,
    /** What went wrong, in words: `connection refused (ECONNREFUSED)`. */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`replay: cannot reach ${url}: ${problem}; nothing was sent`, options);
  }
}
