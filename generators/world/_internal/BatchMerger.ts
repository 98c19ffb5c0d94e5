import { BinaryHeap } from '../../../engine/model/BinaryHeap.ts';
import type { RecordBatch } from './partitionWorker.ts';

/**
 * Merges the sorted record streams of several partitions by (time, cell, seq) — the order a single-thread run
 * writes — batch by batch, and rebuilds the truth labels in output order. The feeds with records queued wait in a
 * heap by their next record, so each record costs O(log feeds).
 */
export class BatchMerger {
  private readonly queues: RecordBatch[][];
  private readonly at: number[];
  private readonly labelAt: number[];
  private readonly done: boolean[];
  /** Feeds with a batch queued, by their next record. */
  private readonly ready = new BinaryHeap<number>((k, m) => this.before(k, m));
  /** Feeds with nothing queued that have not finished: nothing can be written until they send. */
  private starving: number;
  readonly labels: Record<string, string> = {};

  constructor(readonly feeds: number) {
    this.queues = Array.from({ length: feeds }, () => []);
    this.at = new Array(feeds).fill(0);
    this.labelAt = new Array(feeds).fill(0);
    this.done = new Array(feeds).fill(false);
    this.starving = feeds;
  }

  /** Queues a batch from `feed` (batches of one feed arrive in order). */
  push(feed: number, batch: RecordBatch): void {
    if (batch.ends.length === 0) return;
    const queue = this.queues[feed];
    queue.push(batch);
    if (queue.length === 1) {
      if (!this.done[feed]) this.starving--;
      this.ready.push(feed);
    }
  }

  /** Marks `feed` as finished: it sends nothing more. */
  finish(feed: number): void {
    if (!this.done[feed] && this.queues[feed].length === 0) this.starving--;
    this.done[feed] = true;
  }

  /**
   * Writes records while the next one is known; returns the feed it must hear from before it can go on, or
   * `undefined` when every feed is finished and drained.
   */
  drain(writeLine: (line: string) => void): number | undefined {
    const { queues, at, ready } = this;
    for (;;) {
      if (this.starving > 0) return queues.findIndex((queue, k) => queue.length === 0 && !this.done[k]);
      const best = ready.pop();
      if (best === undefined) return undefined;
      const batch = queues[best][0];
      const i = at[best];
      writeLine(batch.text.slice(i === 0 ? 0 : batch.ends[i - 1] + 1, batch.ends[i]));
      const l = this.labelAt[best];
      if (l < batch.labels.length && batch.labels[l][0] === i) {
        this.labels[batch.labels[l][1]] = batch.labels[l][2];
        this.labelAt[best] = l + 1;
      }
      if (i + 1 === batch.ends.length) {
        queues[best].shift();
        at[best] = 0;
        this.labelAt[best] = 0;
      } else {
        at[best] = i + 1;
      }
      if (queues[best].length > 0) ready.push(best);
      else if (!this.done[best]) this.starving++;
    }
  }

  private before(k: number, m: number): boolean {
    const a = this.queues[k][0];
    const b = this.queues[m][0];
    const i = this.at[k];
    const j = this.at[m];
    if (a.times[i] !== b.times[j]) return a.times[i] < b.times[j];
    if (a.cells[i] !== b.cells[j]) return a.cells[i] < b.cells[j];
    if (a.seqs[i] !== b.seqs[j]) return a.seqs[i] < b.seqs[j];
    return k < m;
  }
}
