import type { CanonicalEvent } from '../../model/generated/event.ts';

const before = (a: CanonicalEvent, b: CanonicalEvent) => a.time < b.time || (a.time === b.time && a.id < b.id);

/**
 * Min-heap of events by (time, id): the reorder buffer. Ordering ties by id (not arrival) makes the processing
 * order — and so every alert — independent of how events were shuffled within the allowed lateness.
 */
export class EventHeap {
  private heap: CanonicalEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): CanonicalEvent | undefined {
    return this.heap[0];
  }

  push(event: CanonicalEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent], event)) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = event;
  }

  pop(): CanonicalEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    const n = heap.length;
    if (n > 0 && last) {
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
    return top;
  }
}
