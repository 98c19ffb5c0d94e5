import type { Challenge, EventType } from '../../../../model/generated/event.ts';
import type { EventFilter } from '../../../../runtime/DetectorShape.ts';
import { recordMatches } from '../../RecordCondition.ts';
import { canonicalCondition } from '../canonicalFields.ts';

/**
 * The kinds of events pushstorm writes, as far as an {@link EventFilter} can tell them apart (type, outcome, result).
 * A vendor log writes only some of what a canonical event holds — an Okta or Duo record of an `mfa.result` has its
 * result and no outcome of its own — so a vendor's condition for a filter is exact for the events pushstorm writes,
 * which keep these rules (the simulator's IdP, `inject` and the tests' generators alike):
 *
 * - `auth.attempt` and `mfa.challenge` succeed or fail (a challenge fails when the IdP refused to send it);
 * - an `mfa.result` (and a Mac's `mac.mfa.result`) carries its challenge's result, and its outcome follows it:
 *   success exactly when approved;
 * - `session.start`, `account.lock`, `factor.enroll` and `factor.reset` succeed, `rate.limit` fails;
 * - no other event has a result.
 * @module
 */

/** One kind: an event type with the outcome and (for `mfa.result`) the result its events have. */
export interface EventKind {
  type: EventType;
  outcome?: 'success' | 'failure';
  result?: NonNullable<Challenge['result']>;
}

const results: readonly NonNullable<Challenge['result']>[] = ['approved', 'denied', 'timeout', 'fraud', 'wrong_number', 'error'];

/** The Mac event types: no IdP vendor log holds them. */
export const macTypes: readonly EventType[] = [
  'mac.login',
  'mac.mfa.request',
  'mac.mfa.result',
  'mac.session.start',
  'mac.session.lock',
  'mac.session.unlock',
  'mac.session.end',
  'mac.sleep',
  'mac.wake',
];

/** The kinds of a type whose events carry a result: one per result, succeeding exactly when approved. */
const byResult = (type: EventType): EventKind[] =>
  results.map((result) => ({ type, outcome: result === 'approved' ? 'success' : 'failure', result }));

/** Every kind of event pushstorm writes. Other Mac events are listed with any outcome: no IdP vendor log holds them. */
const eventKinds: readonly EventKind[] = [
  { type: 'auth.attempt', outcome: 'success' },
  { type: 'auth.attempt', outcome: 'failure' },
  { type: 'mfa.challenge', outcome: 'success' },
  { type: 'mfa.challenge', outcome: 'failure' },
  ...byResult('mfa.result'),
  { type: 'session.start', outcome: 'success' },
  { type: 'account.lock', outcome: 'success' },
  { type: 'factor.enroll', outcome: 'success' },
  { type: 'factor.reset', outcome: 'success' },
  { type: 'rate.limit', outcome: 'failure' },
  ...byResult('mac.mfa.result'),
  ...macTypes
    .filter((type) => type !== 'mac.mfa.result')
    .flatMap((type): EventKind[] => [{ type }, { type, outcome: 'success' }, { type, outcome: 'failure' }]),
];

/** A kind's name in a vendor's record table: `mfa.result/denied`, `auth.attempt/failure`, `session.start/success`. */
export function kindName(kind: EventKind): string {
  return `${kind.type}/${kind.result ?? kind.outcome ?? 'none'}`;
}

/** The kinds whose events `filter` accepts (by the canonical condition, the reference). */
export function kindsAccepted(filter: EventFilter): EventKind[] {
  const condition = canonicalCondition(filter);
  return eventKinds.filter((k) =>
    recordMatches(condition, {
      type: k.type,
      ...(k.outcome !== undefined ? { outcome: k.outcome } : {}),
      ...(k.result !== undefined ? { challenge: { result: k.result } } : {}),
    }),
  );
}
