import type { RecordBatch } from './partitionWorker.ts';

/**
 * Merges the sorted record streams of several partitions by (time, cell, seq) — the order a single-thread run
 * writes — batch by batch, and rebuilds the truth labels in output order.
 */
export class BatchMerger {
  private readonly queues: RecordBatch[][];
  private readonly at: number[];
  private readonly labelAt: number[];
  private readonly done: boolean[];
  readonly labels: Record<string, string> = {};

  constructor(readonly feeds: number) {
    this.queues = Array.from({ length: feeds }, () => []);
    this.at = new Array(feeds).fill(0);
    this.labelAt = new Array(feeds).fill(0);
    this.done = new Array(feeds).fill(false);
  }

  /** Queues a batch from `feed` (batches of one feed arrive in order). */
  push(feed: number, batch: RecordBatch): void {
    if (batch.ends.length > 0) this.queues[feed].push(batch);
  }

  /** Marks `feed` as finished: it sends nothing more. */
  finish(feed: number): void {
    this.done[feed] = true;
  }

  /**
   * Writes records while the next one is known; returns the feed it must hear from before it can go on, or
   * `undefined` when every feed is finished and drained.
   */
  drain(writeLine: (line: string) => void): number | undefined {
    const { queues, at } = this;
    for (;;) {
      let best = -1;
      for (let k = 0; k < queues.length; k++) {
        if (queues[k].length === 0) {
          if (!this.done[k]) return k;
          continue;
        }
        if (best < 0 || this.before(k, best)) best = k;
      }
      if (best < 0) return undefined;
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
    }
  }

  private before(k: number, m: number): boolean {
    const a = this.queues[k][0];
    const b = this.queues[m][0];
    const i = this.at[k];
    const j = this.at[m];
    if (a.times[i] !== b.times[j]) return a.times[i] < b.times[j];
    if (a.cells[i] !== b.cells[j]) return a.cells[i] < b.cells[j];
    return a.seqs[i] < b.seqs[j];
  }
}
