import type { CanonicalEvent } from '../../model/generated/event.ts';
import { BinaryHeap } from '../../model/BinaryHeap.ts';

/**
 * (time, id) order. Ordering ties by id (not arrival) makes the processing order — and so every alert — independent
 * of how events were shuffled within the allowed lateness.
 */
const byTimeThenId = (a: CanonicalEvent, b: CanonicalEvent) => a.time < b.time || (a.time === b.time && a.id < b.id);

/**
 * The reorder buffer: hands events back in (time, id) order. Most streams arrive nearly in order, so events that
 * extend the in-order run go to a plain queue (its times kept in a number array, so ordering reads no event
 * objects), and only stragglers pay for a heap. Releasing takes the smaller head of the two.
 */
export class ReorderBuffer {
  private run: CanonicalEvent[] = [];
  private runTimes: number[] = [];
  private head = 0;
  private readonly stragglers = new BinaryHeap<CanonicalEvent>(byTimeThenId);

  get size(): number {
    return this.run.length - this.head + this.stragglers.size;
  }

  /** Buffers `event`, whose time is `time`. */
  push(event: CanonicalEvent, time: number): void {
    const n = this.run.length;
    if (n === this.head) {
      this.run.length = 0;
      this.runTimes.length = 0;
      this.head = 0;
      this.run.push(event);
      this.runTimes.push(time);
      return;
    }
    const last = this.runTimes[n - 1];
    if (time > last || (time === last && event.id > this.run[n - 1].id)) {
      this.run.push(event);
      this.runTimes.push(time);
    } else {
      this.stragglers.push(event);
    }
  }

  /** The earliest buffered event in (time, id) order if its time is before `limit`, removed; otherwise undefined. */
  popBefore(limit: number): CanonicalEvent | undefined {
    const h = this.head;
    const straggler = this.stragglers.peek();
    if (h < this.run.length) {
      const t = this.runTimes[h];
      if (straggler === undefined || t < straggler.time || (t === straggler.time && this.run[h].id < straggler.id)) {
        if (t >= limit) return undefined;
        const event = this.run[h];
        this.head = h + 1;
        if (this.head >= 4096 && 2 * this.head >= this.run.length) this.compact();
        return event;
      }
    }
    if (straggler === undefined || straggler.time >= limit) return undefined;
    return this.stragglers.pop();
  }

  private compact(): void {
    this.run = this.run.slice(this.head);
    this.runTimes = this.runTimes.slice(this.head);
    this.head = 0;
  }
}
