import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';

interface Entry {
  time: number;
  cell: number;
  seq: number;
  event: CanonicalEvent;
  label: string | undefined;
}

/** Receives each record in order, with its truth label and its (cell, seq) sort key. */
export type RecordSink = (event: CanonicalEvent, label: string | undefined, cell: number, seq: number) => void;

const before = (a: Entry, b: Entry) =>
  a.time < b.time || (a.time === b.time && (a.cell < b.cell || (a.cell === b.cell && a.seq < b.seq)));

/**
 * Min-heap of records by (time, cell, emission sequence). Records are never emitted before the clock's time, so
 * everything strictly before it can be written; the order is total and independent of how actors interleave.
 */
export class RecordBuffer {
  private heap: Entry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(time: number, cell: number, seq: number, event: CanonicalEvent, label: string | undefined): void {
    const heap = this.heap;
    const entry: Entry = { time, cell, seq, event, label };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent], entry)) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  /** Hands every record with time < `until` to `sink`, in order. */
  drainBefore(until: number, sink: RecordSink): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0].time < until) {
      const e = this.pop();
      sink(e.event, e.label, e.cell, e.seq);
    }
  }

  /** Hands every record to `sink`, in order. */
  drainAll(sink: RecordSink): void {
    while (this.heap.length > 0) {
      const e = this.pop();
      sink(e.event, e.label, e.cell, e.seq);
    }
  }

  private pop(): Entry {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
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
