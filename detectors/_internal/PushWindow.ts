import type { CanonicalEvent } from '../../engine/model/generated/event.ts';

/**
 * The push an event belongs to: its transaction, else its challenge id, else its own id. One push can have several
 * records — a Mac login-window push is logged by the Mac and by the IdP with one transaction — and counts once.
 */
export const pushKey = (e: CanonicalEvent): string => e.transaction ?? e.challenge?.id ?? e.id;

/**
 * A sliding window of events, oldest first, that counts the distinct pushes ({@link pushKey}) among them: the
 * "at least N pushes within W" core of the burst detectors. Events must be added in time order (the runtime hands
 * a detector its events in (time, id) order); {@link evictBefore} drops those older than the window's start.
 *
 * With a `counts` test, only the events it accepts count for their push; the others ride along as evidence (a
 * storm's results beside its challenges).
 *
 * @example
 * const w = new PushWindow();
 * w.evictBefore(e.time - windowMs);
 * if (w.add(e) && w.distinct >= threshold) ctx.alert({ evidence: w.evidence() });
 */
export class PushWindow {
  private readonly events: CanonicalEvent[] = [];
  /** Records in the window per push. */
  private readonly perPush = new Map<string, number>();

  /** @param counts - which events count for their push (default: all); the others are evidence only. */
  constructor(private readonly counts?: (event: CanonicalEvent) => boolean) {}

  /** Distinct pushes with a record in the window. */
  get distinct(): number {
    return this.perPush.size;
  }

  /** Events in the window, counted or not. */
  get length(): number {
    return this.events.length;
  }

  /** Drops the events whose time is before `from` (an event at `from` stays: both ends of a window are inclusive). */
  evictBefore(from: number): void {
    const { events, perPush, counts } = this;
    let drop = 0;
    while (drop < events.length && events[drop].time < from) {
      const event = events[drop];
      if (counts === undefined || counts(event)) {
        const key = pushKey(event);
        const n = perPush.get(key)! - 1;
        if (n === 0) perPush.delete(key);
        else perPush.set(key, n);
      }
      drop++;
    }
    if (drop > 0) events.splice(0, drop);
  }

  /**
   * Adds an event; true when it counts and is its push's first record in the window (a new push), false for a repeat
   * or an event that does not count.
   */
  add(event: CanonicalEvent): boolean {
    this.events.push(event);
    if (this.counts !== undefined && !this.counts(event)) return false;
    const key = pushKey(event);
    const records = this.perPush.get(key) ?? 0;
    this.perPush.set(key, records + 1);
    return records === 0;
  }

  /** Whether a record of `event`'s push is in the window. */
  has(event: CanonicalEvent): boolean {
    return this.perPush.has(pushKey(event));
  }

  /** Whether any event in the window matches `predicate`. */
  some(predicate: (event: CanonicalEvent) => boolean): boolean {
    return this.events.some(predicate);
  }

  /** A copy of the window's events, oldest first: the evidence of a finding. */
  evidence(): CanonicalEvent[] {
    return this.events.slice();
  }
}
