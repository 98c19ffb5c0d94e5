/** A timer handle returned by {@link VirtualClock.setTimeout}; pass it back to cancel. */
export interface TimerHandle {
  /** Virtual time the callback is due, epoch ms. */
  readonly due: number;
  /** Insertion sequence: breaks ties between timers due at the same instant (first scheduled runs first). */
  readonly seq: number;
}

/** Something a timer can hand a message to: an xstate actor ref, or anything with `send`. */
interface Receiver<E> {
  send(event: E): void;
}

/** A timer: a callback, or a message for a receiver (no closure per message). `live` is false once run or cancelled. */
interface Entry extends TimerHandle {
  live: boolean;
  fn: (() => void) | undefined;
  to: Receiver<unknown> | undefined;
  event: unknown;
}

/** Due first; among timers due at one instant, the one scheduled first. */
const before = (a: Entry, b: Entry) => a.due < b.due || (a.due === b.due && a.seq < b.seq);

/**
 * The world's discrete-event clock: a binary heap of callbacks ordered by (due time, insertion sequence).
 *
 * It is passed to every xstate actor as its `clock`, so `after` delays and delayed sends run on virtual time.
 * Unlike xstate's `SimulatedClock`, advancing runs callbacks one at a time with `now()` set to each one's due time,
 * and a timer scheduled by a callback inside the window still runs in order.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2026, 2, 2));
 * clock.setTimeout(() => console.log(clock.now()), 1000);
 * clock.runUntil(clock.now() + 5000);
 */
export class VirtualClock {
  /** A binary min-heap by (due, seq), written out here rather than shared: it is the world's innermost loop. */
  private readonly heap: Entry[] = [];
  private seq = 0;
  private time: number;
  private live = 0;
  private fired = 0;

  constructor(startMs: number) {
    this.time = startMs;
  }

  /** Current virtual time, epoch ms. */
  now(): number {
    return this.time;
  }

  /** Timers scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.live;
  }

  /** Callbacks run so far. */
  get firedCount(): number {
    return this.fired;
  }

  /**
   * Schedules `fn` after `delayMs` of virtual time. Delays are rounded to whole milliseconds (event times are integer
   * epoch ms); negative or NaN delays count as 0.
   */
  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.add(Math.round(this.time + (delayMs > 0 ? Math.round(delayMs) : 0)), fn, undefined, undefined);
  }

  /**
   * Sends `event` to `to` after `delayMs` of virtual time, like `setTimeout(() => to.send(event), delayMs)` (same
   * rounding, same place in the order) without a closure per message: the world's message delivery.
   */
  sendAfter<E>(to: Receiver<E>, event: E, delayMs: number): TimerHandle {
    return this.add(Math.round(this.time + (delayMs > 0 ? Math.round(delayMs) : 0)), undefined, to as Receiver<unknown>, event);
  }

  /** Schedules `fn` at absolute virtual time `at` (rounded to whole ms, clamped to now). */
  schedule(at: number, fn: () => void): TimerHandle {
    return this.add(Math.round(at), fn, undefined, undefined);
  }

  /** Cancels a timer; cancelling one that ran or was cancelled already does nothing. */
  clearTimeout(handle: TimerHandle | undefined): void {
    const entry = handle as Entry | undefined;
    if (entry?.live) {
      entry.live = false;
      entry.fn = undefined;
      entry.to = undefined;
      entry.event = undefined;
      this.live--;
    }
  }

  /** Due time of the next live timer, or `undefined` when none is left. */
  peek(): number | undefined {
    const heap = this.heap;
    while (heap.length > 0 && !heap[0].live) this.pop();
    return heap[0]?.due;
  }

  /**
   * Runs every timer due at or before `until`, in (due, seq) order, including timers those callbacks schedule inside
   * the window; then sets the time to `until` (never backwards). Returns the number of callbacks run.
   */
  runUntil(until: number): number {
    let ran = 0;
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0];
      if (!top.live) {
        this.pop();
        continue;
      }
      if (top.due > until) break;
      this.pop();
      const { fn, to, event } = top;
      top.live = false;
      top.fn = undefined;
      top.to = undefined;
      top.event = undefined;
      this.live--;
      this.time = top.due;
      ran++;
      if (fn) fn();
      else to!.send(event);
    }
    this.fired += ran;
    if (until > this.time) this.time = until;
    return ran;
  }

  private add(at: number, fn: (() => void) | undefined, to: Receiver<unknown> | undefined, event: unknown): Entry {
    const entry: Entry = { due: Math.max(at, this.time), seq: this.seq++, live: true, fn, to, event };
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (before(p, entry)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
    this.live++;
    return entry;
  }

  /** Removes the top of the heap (the caller has read it). */
  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r], heap[l]) ? r : l;
      if (before(last, heap[c])) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }
}
