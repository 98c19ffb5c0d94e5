import { BinaryHeap } from '../../model/BinaryHeap.ts';

/** A pending event-time timer; `live` is cleared when it is replaced or cancelled (lazy deletion). */
export interface Timer<T> {
  at: number;
  seq: number;
  target: T;
  live: boolean;
}

/** Due first, and among timers due at one time the one set first. */
const byDueThenSeq = <T>(a: Timer<T>, b: Timer<T>) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** The runtime's event-time timers by (time, creation order), cancelled ones dropped as they surface. */
export class TimerHeap<T> {
  private readonly heap = new BinaryHeap<Timer<T>>(byDueThenSeq);
  private seq = 0;

  get size(): number {
    return this.heap.size;
  }

  add(at: number, target: T): Timer<T> {
    const timer: Timer<T> = { at, seq: this.seq++, target, live: true };
    this.heap.push(timer);
    return timer;
  }

  /** The earliest live timer due strictly before `limit`, removed from the heap; undefined if none. */
  popBefore(limit: number): Timer<T> | undefined {
    const heap = this.heap;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      if (top.live && top.at >= limit) return undefined;
      heap.pop();
      if (top.live) return top;
    }
    return undefined;
  }
}
