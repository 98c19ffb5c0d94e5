import { BinaryHeap } from '../../engine/model/BinaryHeap.ts';

/** A timer handle returned by {@link VirtualClock.setTimeout}; pass it back to cancel. */
export interface TimerHandle {
  /** Virtual time the callback is due, epoch ms. */
  readonly due: number;
  /** Insertion sequence: breaks ties between timers due at the same instant (first scheduled runs first). */
  readonly seq: number;
}

interface Entry extends TimerHandle {
  fn: (() => void) | null;
}

/** Due first; among timers due at one instant, the one scheduled first. */
const byDueThenSeq = (a: Entry, b: Entry) => a.due < b.due || (a.due === b.due && a.seq < b.seq);

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
  private readonly heap = new BinaryHeap<Entry>(byDueThenSeq);
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
    return this.schedule(this.time + (delayMs > 0 ? Math.round(delayMs) : 0), fn);
  }

  /** Schedules `fn` at absolute virtual time `at` (rounded to whole ms, clamped to now). */
  schedule(at: number, fn: () => void): TimerHandle {
    const due = Math.round(at);
    const entry: Entry = { due: Math.max(due, this.time), seq: this.seq++, fn };
    this.heap.push(entry);
    this.live++;
    return entry;
  }

  /** Cancels a timer; cancelling one that ran or was cancelled already does nothing. */
  clearTimeout(handle: TimerHandle | undefined): void {
    const entry = handle as Entry | undefined;
    if (entry && entry.fn !== null) {
      entry.fn = null;
      this.live--;
    }
  }

  /** Due time of the next live timer, or `undefined` when none is left. */
  peek(): number | undefined {
    this.dropCancelled();
    return this.heap.peek()?.due;
  }

  /**
   * Runs every timer due at or before `until`, in (due, seq) order, including timers those callbacks schedule inside
   * the window; then sets the time to `until` (never backwards). Returns the number of callbacks run.
   */
  runUntil(until: number): number {
    let ran = 0;
    const heap = this.heap;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      if (top.fn === null) {
        heap.pop();
        continue;
      }
      if (top.due > until) break;
      heap.pop();
      const fn = top.fn;
      top.fn = null;
      this.live--;
      this.time = top.due;
      ran++;
      fn();
    }
    this.fired += ran;
    if (until > this.time) this.time = until;
    return ran;
  }

  private dropCancelled(): void {
    while (this.heap.peek()?.fn === null) this.heap.pop();
  }
}
