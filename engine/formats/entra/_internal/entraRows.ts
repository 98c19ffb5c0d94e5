import type { CanonicalEvent } from '../../../model/generated/event.ts';

/**
 * Which canonical IdP events one Entra sign-in row stands for. Entra writes a row per sign-in request, not per
 * step: a push that was sent and then answered (or not) is one row — 500121 with the "MFA denied; …" text, or 0 when
 * approved — and the approved row is also the sign-in that opens the session. So the challenge waits for its result,
 * and an approval for the session it opens (same transaction, same time); everything else is a row of its own.
 * @module
 */

/** The events of one row. */
export type RowGroup =
  | { kind: 'single'; event: CanonicalEvent }
  | { kind: 'push'; challenge: CanonicalEvent | undefined; result: CanonicalEvent; session: CanonicalEvent | undefined };

/** Groups a stream of canonical events into rows, in the order the rows are written. Not reusable across files. */
export interface RowGrouper {
  /** The rows complete once `e` is seen (rows held back for a later event are written before `e`'s). */
  push(e: CanonicalEvent): RowGroup[];
  /** The rows still held at the end of the file: approvals whose session never came. Unanswered pushes have no row. */
  end(): RowGroup[];
}

/** The attempt an event belongs to: its transaction, else its challenge id, else its own id. */
const keyOf = (e: CanonicalEvent): string => e.transaction || e.challenge?.id || e.id;

/** A grouper for one file. */
export function createRowGrouper(): RowGrouper {
  const challenges = new Map<string, CanonicalEvent>();
  const approvals = new Map<string, { challenge: CanonicalEvent | undefined; result: CanonicalEvent }>();
  const flush = (before: number): RowGroup[] => {
    const out: RowGroup[] = [];
    for (const [key, a] of approvals) {
      if (a.result.time >= before) continue;
      approvals.delete(key);
      out.push({ kind: 'push', ...a, session: undefined });
    }
    return out;
  };
  return {
    push(e) {
      if (e.source !== 'idp') return [];
      const out = flush(e.time);
      const key = keyOf(e);
      switch (e.type) {
        case 'mfa.challenge':
          challenges.set(key, e);
          break;
        case 'mfa.result': {
          const challenge = challenges.get(key);
          challenges.delete(key);
          const approved = (e.challenge?.result ?? (e.outcome === 'failure' ? 'denied' : 'approved')) === 'approved';
          if (approved) approvals.set(key, { challenge, result: e });
          else out.push({ kind: 'push', challenge, result: e, session: undefined });
          break;
        }
        case 'session.start': {
          const approval = approvals.get(key);
          if (approval !== undefined && e.outcome !== 'failure') {
            approvals.delete(key);
            out.push({ kind: 'push', ...approval, session: e });
          } else out.push({ kind: 'single', event: e });
          break;
        }
        default:
          out.push({ kind: 'single', event: e });
      }
      return out;
    },
    end: () => flush(Number.POSITIVE_INFINITY),
  };
}
