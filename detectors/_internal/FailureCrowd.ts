import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { ParamSpec } from '../../engine/runtime/DetectorDefinition.ts';

/** The `outageUsers` parameter of the detectors that tell a push outage from an attack (one spec for all of them). */
export const outageUsersParam: ParamSpec = {
  default: 5,
  min: 2,
  max: 1000,
  step: 1,
  unit: 'count',
  description: 'users whose pushes fail or go unanswered together, from two networks or more, that make it a push outage, not an alert',
};

const failed = new Set(['denied', 'timeout', 'fraud', 'wrong_number']);

/** A push result the user did not accept — denied, unanswered, reported, wrong number — not a muted (unsent) one. */
export const isFailedResult = (e: CanonicalEvent): boolean =>
  (e.type === 'mfa.result' || e.type === 'mac.mfa.result') &&
  e.outcome === 'failure' &&
  e.reason !== 'muted' &&
  e.challenge?.result !== undefined &&
  failed.has(e.challenge.result);

/** The network a failed result came from: its ASN, its address without one, or the Mac that logged it. */
const networkOf = (e: CanonicalEvent): string =>
  e.origin !== undefined ? (e.origin.asn !== undefined ? `AS${e.origin.asn}` : e.origin.ip) : `mac:${e.device?.id ?? ''}`;

/**
 * Population context for a detector run: whose pushes are failing right now. It holds the recent failed push results of
 * every user (in time order) and says when a crowd failed together — at least `users` distinct users, from at least
 * two networks, within a span — which is a push outage (users retrying while pushes do not arrive), not an attack on
 * each of them. A spray fails many users too, but from its own one network; an attack on a few users at once stays
 * under the count.
 *
 * One instance lives in a detector's `create` closure: the runtime creates the logic once per run and hands it every
 * key's events in time order, so it sees every user's results. It keeps `keepMs` of them.
 */
export class FailureCrowd {
  private readonly recent: Array<{ time: number; user: string; network: string }> = [];

  constructor(
    private readonly users: number,
    private readonly keepMs: number,
  ) {}

  /** Records a failed push result (events in time order). */
  note(e: CanonicalEvent): void {
    let old = 0;
    while (old < this.recent.length && this.recent[old].time < e.time - this.keepMs) old++;
    if (old > 0) this.recent.splice(0, old);
    this.recent.push({ time: e.time, user: e.user, network: networkOf(e) });
  }

  /** Whether at least `users` distinct users, from two networks or more, had a push fail in `[from, to]`. */
  crowded(from: number, to: number): boolean {
    const users = new Set<string>();
    const networks = new Set<string>();
    for (const r of this.recent) {
      if (r.time < from || r.time > to) continue;
      users.add(r.user);
      networks.add(r.network);
    }
    return users.size >= this.users && networks.size >= 2;
  }
}
