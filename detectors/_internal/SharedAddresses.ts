import type { ParamSpec } from '../../engine/runtime/DetectorDefinition.ts';

/** The `orgUsers` parameter of the detectors that know the organisation's own addresses. */
export const orgUsersParam: ParamSpec = {
  default: 3,
  min: 2,
  max: 100,
  step: 1,
  unit: 'count',
  description: 'distinct users signed in from an address in the lookback that make it the organisation’s, familiar to all',
};

/**
 * Population context for a detector run: the addresses several distinct users signed in from lately — an office's
 * egress, a VPN concentrator, a conference venue's NAT — which are the organisation's own, not an attacker's. It keeps
 * the latest `users` distinct users of each address (a few entries, however many sign in there), so asking costs
 * O(`users`).
 *
 * One instance lives in a detector's `create` closure: the runtime creates the logic once per run and hands it every
 * key's events in time order, so it sees every user's sign-ins.
 */
export class SharedAddresses {
  /** Address → its latest distinct users, oldest first, with their latest sign-in there. */
  private readonly byAddress = new Map<string, Array<{ user: string; time: number }>>();

  constructor(private readonly users: number) {}

  /** Records a successful sign-in of `user` from `address` at `time` (times non-decreasing). */
  signedIn(address: string, user: string, time: number): void {
    let latest = this.byAddress.get(address);
    if (latest === undefined) this.byAddress.set(address, (latest = []));
    const at = latest.findIndex((u) => u.user === user);
    if (at >= 0) latest.splice(at, 1);
    latest.push({ user, time });
    if (latest.length > this.users) latest.shift();
  }

  /** Whether at least `users` distinct users signed in from `address` at or after `since`. */
  shared(address: string, since: number): boolean {
    const latest = this.byAddress.get(address);
    return latest !== undefined && latest.length >= this.users && latest[0].time >= since;
  }
}
