import type { CanonicalEvent, NetworkOrigin } from '../../engine/model/generated/event.ts';

/** A push the IdP sent to `user`'s phone for a sign-in from `origin` (transaction `t-<id>` unless given). */
export function pushSent(id: string, time: number, user: string, origin: NetworkOrigin, transaction = `t-${id}`): CanonicalEvent {
  return {
    id,
    time,
    source: 'idp',
    type: 'mfa.challenge',
    user,
    origin,
    transaction,
    challenge: { id: `c-${id}`, factor: 'push' },
    outcome: 'success',
  };
}

/** A successful IdP sign-in of `user` from `origin` (transaction `s-<id>` unless given). */
export function signedIn(id: string, time: number, user: string, origin: NetworkOrigin, transaction = `s-${id}`): CanonicalEvent {
  return { id, time, source: 'idp', type: 'session.start', user, origin, transaction, session: `s-${id}`, outcome: 'success' };
}

/** The IdP's result of a push (`transaction` the push's): refused or timed out, a failure; approved, a success. */
export function pushResult(
  id: string,
  time: number,
  user: string,
  origin: NetworkOrigin,
  transaction: string,
  result: 'timeout' | 'denied' | 'approved',
): CanonicalEvent {
  const outcome = result === 'approved' ? 'success' : 'failure';
  return {
    id,
    time,
    source: 'idp',
    type: 'mfa.result',
    user,
    origin,
    transaction,
    challenge: { id: `c-${id}`, factor: 'push', result },
    outcome,
    reason: result,
  };
}
