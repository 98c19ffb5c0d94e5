import type { CanonicalEvent } from '../../../model/generated/event.ts';

/**
 * Which canonical IdP events one Entra sign-in row stands for. Entra writes a row per sign-in request, not per
 * step: a push that was sent and then answered (or not) is one row — 500121 with the "MFA denied; …" text, or 0 when
 * approved — and the approved row is also the sign-in that opens the session. So a challenge waits for its result,
 * and the `session.start` an approval opens (same transaction) has no row of its own; everything else is a row of
 * its own. Each row is complete when its last event is seen, so a stream's rows keep its order.
 * @module
 */

/** The events of one row. */
export type RowGroup =
  | { kind: 'single'; event: CanonicalEvent }
  | { kind: 'push'; challenge: CanonicalEvent | undefined; result: CanonicalEvent };

/** Groups a stream of canonical events into rows. Not reusable across files. */
export interface RowGrouper {
  /** The row `e` completes, if any. A push still unanswered at the end of a stream has no row. */
  push(e: CanonicalEvent): RowGroup | undefined;
}

/** The attempt an event belongs to: its transaction, else its challenge id, else its own id. */
const keyOf = (e: CanonicalEvent): string => e.transaction || e.challenge?.id || e.id;

/** Whether an `mfa.result` approves its push. */
const isApproval = (e: CanonicalEvent): boolean =>
  (e.challenge?.result ?? (e.outcome === 'failure' ? 'denied' : 'approved')) === 'approved';

/** A grouper for one file. */
export function createRowGrouper(): RowGrouper {
  const challenges = new Map<string, CanonicalEvent>();
  /** Attempts whose push was approved: their session is the approved row. */
  const approved = new Set<string>();
  return {
    push(e) {
      if (e.source !== 'idp') return undefined;
      const key = keyOf(e);
      switch (e.type) {
        case 'mfa.challenge':
          challenges.set(key, e);
          return undefined;
        case 'mfa.result': {
          const challenge = challenges.get(key);
          challenges.delete(key);
          if (isApproval(e)) approved.add(key);
          return { kind: 'push', challenge, result: e };
        }
        case 'session.start':
          if (e.outcome !== 'failure' && approved.delete(key)) return undefined;
          return { kind: 'single', event: e };
        default:
          return { kind: 'single', event: e };
      }
    },
  };
}
