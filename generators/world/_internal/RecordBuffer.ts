import { BinaryHeap } from '../../../engine/model/BinaryHeap.ts';
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

const before = (a: Entry, b: Entry) => a.time < b.time || (a.time === b.time && (a.cell < b.cell || (a.cell === b.cell && a.seq < b.seq)));

/**
 * Records ordered by (time, cell, emission sequence). Records are never emitted before the clock's time, so
 * everything strictly before it can be written; the order is total and independent of how actors interleave.
 */
export class RecordBuffer {
  private readonly heap = new BinaryHeap<Entry>(before);

  get size(): number {
    return this.heap.size;
  }

  push(time: number, cell: number, seq: number, event: CanonicalEvent, label: string | undefined): void {
    this.heap.push({ time, cell, seq, event, label });
  }

  /** Hands every record with time < `until` to `sink`, in order. */
  drainBefore(until: number, sink: RecordSink): void {
    const heap = this.heap;
    while (heap.size > 0 && heap.peek()!.time < until) {
      const e = heap.pop()!;
      sink(e.event, e.label, e.cell, e.seq);
    }
  }

  /** Hands every record to `sink`, in order. */
  drainAll(sink: RecordSink): void {
    const heap = this.heap;
    while (heap.size > 0) {
      const e = heap.pop()!;
      sink(e.event, e.label, e.cell, e.seq);
    }
  }
}
