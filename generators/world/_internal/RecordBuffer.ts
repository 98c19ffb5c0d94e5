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
 *
 * Actors write at the clock's time, which never goes back, so almost every record sorts after the one pushed before
 * it: those are appended to a queue in order, and only the others (a lower cell at the same instant, a record dated
 * ahead) go to a heap. Draining merges the two.
 */
export class RecordBuffer {
  /** Records in order, from `head` on. */
  private readonly queue: Entry[] = [];
  private head = 0;
  /** Records that arrived out of order. */
  private readonly heap = new BinaryHeap<Entry>(before);

  get size(): number {
    return this.queue.length - this.head + this.heap.size;
  }

  push(time: number, cell: number, seq: number, event: CanonicalEvent, label: string | undefined): void {
    const entry: Entry = { time, cell, seq, event, label };
    const queue = this.queue;
    if (queue.length === this.head || before(queue[queue.length - 1], entry)) queue.push(entry);
    else this.heap.push(entry);
  }

  /** Hands every record with time < `until` to `sink`, in order. */
  drainBefore(until: number, sink: RecordSink): void {
    this.drain(until, sink);
  }

  /** Hands every record to `sink`, in order. */
  drainAll(sink: RecordSink): void {
    this.drain(Number.POSITIVE_INFINITY, sink);
  }

  private drain(until: number, sink: RecordSink): void {
    const { queue, heap } = this;
    let head = this.head;
    for (;;) {
      const a = head < queue.length ? queue[head] : undefined;
      const b = heap.peek();
      let e: Entry;
      if (a !== undefined && (b === undefined || before(a, b))) {
        if (!(a.time < until)) break;
        e = a;
        queue[head++] = undefined as never;
      } else if (b !== undefined) {
        if (!(b.time < until)) break;
        e = heap.pop()!;
      } else {
        break;
      }
      sink(e.event, e.label, e.cell, e.seq);
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.copyWithin(0, head);
      queue.length -= head;
      head = 0;
    }
    this.head = head;
  }
}
