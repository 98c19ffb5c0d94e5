import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import type { ParamSpec, RunScope } from '../../engine/runtime/DetectorDefinition.ts';

/** The `orgUsers` parameter of the detectors that know the organisation's own addresses. */
export const orgUsersParam: ParamSpec = {
  default: 3,
  min: 2,
  max: 100,
  step: 1,
  unit: 'count',
  description: 'distinct users signed in from an address in the lookback that make it the organisation’s, familiar to all',
};

/** One user's latest sign-in from an address. */
interface Latest {
  user: string;
  time: number;
}

/**
 * Population context for a detector run: the addresses several distinct users signed in from lately — an office's
 * egress, a VPN concentrator, a conference venue's NAT — which are the organisation's own, not an attacker's. It keeps
 * the latest `users` distinct users of each address (a few entries, however many sign in there), so asking costs
 * O(`users`).
 *
 * It holds an entry for every address anyone signed in from in `keepMs`, and most are one user's (a home, a phone):
 * such an address is a slot number in a map and its user and time sit in two columns, not an object in a list (a
 * third of the bytes). Entries whose latest sign-in is more than `keepMs` older than the latest one seen are dropped
 * now and then (when the table doubled): no question asked with `since` at most `keepMs` back can need them.
 *
 * One instance lives in a detector's `create` closure: the runtime creates the logic once per run and hands it every
 * key's events in time order, so it sees every user's sign-ins.
 */
export class SharedAddresses {
  /** Address of one user so far → its slot in `slotUsers` and `slotTimes`. */
  private readonly slots = new Map<string, number>();
  private slotUsers: string[] = [];
  private slotTimes = new Float64Array(0);
  /** Slots given back (the address got a second user, or was dropped). */
  private readonly freeSlots: number[] = [];
  /**
   * Address of several users → its latest distinct users, oldest first, with their latest sign-in there. Made at the
   * first such address, and the columns at the first address.
   */
  private lists: Map<string, Latest[]> | undefined = undefined;
  private latestTime = -Infinity;
  /** The last sign-in recorded: the detectors sharing a table each feed it the same record, one after the other. */
  private lastAddress = '';
  private lastUser = '';
  private pruneAt: number;

  /**
   * @param users - distinct users that make an address shared
   * @param keepMs - how far back any `since` asked for reaches (the caller's lookback); default: forever
   * @param pruneFrom - the fewest addresses held before old ones are looked for (tests make it small)
   */
  constructor(
    private readonly users: number,
    private readonly keepMs = Infinity,
    private readonly pruneFrom = 1024,
  ) {
    this.pruneAt = pruneFrom;
  }

  /** Records a successful sign-in of `user` from `address` at `time` (times non-decreasing); the same one again is a no-op. */
  signedIn(address: string, user: string, time: number): void {
    if (time === this.latestTime && address === this.lastAddress && user === this.lastUser) return;
    this.latestTime = time;
    this.lastAddress = address;
    this.lastUser = user;
    const slot = this.slots.get(address);
    if (slot !== undefined && this.slotUsers[slot] === user) {
      this.slotTimes[slot] = time;
      return;
    }
    let latest = this.lists?.get(address);
    if (slot !== undefined) {
      latest = [{ user: this.slotUsers[slot], time: this.slotTimes[slot] }];
      this.release(address, slot);
      (this.lists ??= new Map()).set(address, latest);
    } else if (latest === undefined) {
      this.claim(address, user, time);
      return;
    }
    const at = latest.findIndex((u) => u.user === user);
    if (at >= 0) latest.splice(at, 1);
    latest.push({ user, time });
    if (latest.length > this.users) latest.shift();
  }

  /** Whether at least `users` distinct users signed in from `address` at or after `since`. */
  shared(address: string, since: number): boolean {
    const slot = this.slots.get(address);
    if (slot !== undefined) return this.users <= 1 && this.slotTimes[slot] >= since;
    const latest = this.lists?.get(address);
    return latest !== undefined && latest.length >= this.users && latest[0].time >= since;
  }

  /**
   * Whether `user` signed in from `address` at or after `since`, or {@link shared} says so of the address: past its
   * latest `users` users, a user's sign-in is only forgotten once that many others signed in there after it.
   */
  signedInSince(address: string, user: string, since: number): boolean {
    const slot = this.slots.get(address);
    if (slot !== undefined) return (this.slotUsers[slot] === user || this.users <= 1) && this.slotTimes[slot] >= since;
    const latest = this.lists?.get(address);
    if (latest === undefined) return false;
    const own = latest.find((u) => u.user === user);
    return (own !== undefined && own.time >= since) || (latest.length >= this.users && latest[0].time >= since);
  }

  private claim(address: string, user: string, time: number): void {
    if (this.held() >= this.pruneAt) this.prune();
    const slot = this.freeSlots.pop() ?? this.slotUsers.length;
    if (slot >= this.slotTimes.length) {
      const times = new Float64Array(Math.max(4, 2 * this.slotTimes.length));
      times.set(this.slotTimes);
      this.slotTimes = times;
    }
    this.slotUsers[slot] = user;
    this.slotTimes[slot] = time;
    this.slots.set(address, slot);
  }

  private release(address: string, slot: number): void {
    this.slots.delete(address);
    this.slotUsers[slot] = '';
    this.freeSlots.push(slot);
  }

  /** Drops the addresses whose latest sign-in is more than `keepMs` older than the latest seen. */
  private prune(): void {
    const before = this.latestTime - this.keepMs;
    for (const [address, slot] of this.slots) if (this.slotTimes[slot] < before) this.release(address, slot);
    if (this.lists !== undefined)
      for (const [address, latest] of this.lists) if (latest[latest.length - 1].time < before) this.lists.delete(address);
    this.pruneAt = Math.max(this.pruneFrom, 2 * this.held());
  }

  /** Addresses held. */
  private held(): number {
    return this.slots.size + (this.lists?.size ?? 0);
  }
}

/** What feeds {@link idpSignInAddresses}: a successful IdP session start with an origin. */
export const isIdpSession = (e: CanonicalEvent): boolean =>
  e.type === 'session.start' && e.outcome === 'success' && e.source === 'idp' && e.origin !== undefined;

/**
 * The addresses users signed in from, as IdP sessions show them — every detector asking for this table feeds it
 * exactly the events {@link isIdpSession} takes — kept `keepMs`, made once per run (`scope`) for each (`users`,
 * `keepMs`): the detectors and parameter sets that agree on both read and feed one table, not a copy each (a table
 * holds every address anyone signed in from, tens of bytes each). Feeding it one event twice changes nothing. Without
 * a scope, a table of its own.
 */
export function idpSignInAddresses(users: number, keepMs: number, scope: RunScope | undefined): SharedAddresses {
  const make = () => new SharedAddresses(users, keepMs);
  return scope === undefined ? make() : scope.share(`idp-sign-in-addresses:${users}:${keepMs}`, make);
}
