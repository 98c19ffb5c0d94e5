/** A pending event-time timer; `live` is cleared when it is replaced or cancelled (lazy deletion). */
export interface Timer<T> {
  at: number;
  seq: number;
  target: T;
  live: boolean;
}

const before = <T>(a: Timer<T>, b: Timer<T>) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Min-heap of timers by (time, creation order). */
export class TimerHeap<T> {
  private heap: Timer<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: number, target: T): Timer<T> {
    const timer: Timer<T> = { at, seq: this.seq++, target, live: true };
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent], timer)) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = timer;
    return timer;
  }

  /** The earliest live timer due strictly before `limit`, removed from the heap; undefined if none. */
  popBefore(limit: number): Timer<T> | undefined {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0];
      if (top.live && top.at >= limit) return undefined;
      this.removeTop();
      if (top.live) return top;
    }
    return undefined;
  }

  private removeTop(): void {
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
