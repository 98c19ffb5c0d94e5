import type { UnansweredPush } from './PendingPushes.ts';

/** The network of a push's requester: its ASN, or its address without one. */
const networkOf = (push: UnansweredPush): string => {
  const origin = push.records.find((r) => r.origin !== undefined)?.origin;
  return origin?.asn !== undefined ? `AS${origin.asn}` : (origin?.ip ?? '');
};

/**
 * Population context for a detector run: a push outage, told by many users' pushes going unanswered at once from
 * ordinary networks. It holds the recent pushes requested from non-anonymising addresses (`origin.proxy` not true), and
 * says a push fell in an outage when, among the pushes sent from `windowMs` before it until now, at least `users`
 * distinct users had one still unanswered, from at least two networks; at least two of those users from an address
 * familiar to them (their own, or the organisation's); and the unanswered outnumber the answered. An outage strikes
 * people where they always are; a spray comes from addresses new to every target — one network (a residential pool
 * in one ISP) or anonymising ones (not held here) — while everyone else's pushes go on being answered.
 *
 * One instance lives in a detector's `create` closure (the runtime creates the logic once per run and hands it every
 * key's events in time order). Pushes are the same objects the users' states hold, so a sign-in that answers one
 * answers it here too.
 */
export class OutageWatch {
  private readonly recent: UnansweredPush[] = [];

  /**
   * @param users - distinct users with unanswered pushes that make an outage
   * @param windowMs - how far before a push the others may have been sent
   * @param graceMs - how long after it is sent a push is judged (the detector's grace)
   */
  constructor(
    private readonly users: number,
    private readonly windowMs: number,
    private readonly graceMs: number,
  ) {}

  /** Holds a push just sent (in time order), unless an anonymising network requested it. */
  sent(push: UnansweredPush): void {
    // A push sent now is judged by `now + grace`, on pushes sent from `window` before it: nothing older is asked for.
    let old = 0;
    while (old < this.recent.length && this.recent[old].time < push.time - this.graceMs - this.windowMs) old++;
    if (old > 0) this.recent.splice(0, old);
    if (push.records[0].origin?.proxy === true) return;
    this.recent.push(push);
  }

  /** Whether `push`, judged unanswered at `now`, fell in an outage. */
  outage(push: UnansweredPush, now: number): boolean {
    const from = push.time - this.windowMs;
    const users = new Set<string>();
    const networks = new Set<string>();
    const familiarUsers = new Set<string>();
    let answered = 0;
    let unanswered = 0;
    for (const q of this.recent) {
      if (q.time < from || q.time > now) continue;
      if (q.answered) {
        answered++;
        continue;
      }
      unanswered++;
      users.add(q.user);
      networks.add(networkOf(q));
      if (q.familiar) familiarUsers.add(q.user);
    }
    return users.size >= this.users && networks.size >= 2 && familiarUsers.size >= 2 && unanswered > answered;
  }
}
