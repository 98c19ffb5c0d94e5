/**
 * Worker-thread entry of {@link simulateParallel}: runs one partition and posts its records in batches, each record as
 * its JSON line with the (time, cell, seq) key the main thread merges by, and its truth label.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedScenario } from '../../scenario/ResolvedScenario.ts';
import { runPartition } from './runPartition.ts';

/** A batch of records from one partition, sorted by (time, cell, seq). */
export interface RecordBatch {
  type: 'batch';
  times: number[];
  cells: number[];
  seqs: number[];
  /** The records' JSON lines joined by "\n" (one string clones far faster than thousands). */
  text: string;
  /** End offset of each line in `text`. */
  ends: number[];
  /** [index in this batch, event id, label] for the labelled records. */
  labels: Array<[number, string, string]>;
}

/** What the worker is started with. */
export interface PartitionWorkerData {
  scenario: ResolvedScenario;
  part: number;
  parts: number;
  batchSize: number;
  progressEvery: number;
}

const data = workerData as PartitionWorkerData;
const port = parentPort!;

const empty = (): RecordBatch => ({ type: 'batch', times: [], cells: [], seqs: [], text: '', ends: [], labels: [] });
let batch = empty();
const flush = () => {
  if (batch.ends.length === 0) return;
  port.postMessage(batch);
  batch = empty();
};

try {
  const run = runPartition(
    data.scenario,
    (event, label, cell, seq) => {
      if (label !== undefined) batch.labels.push([batch.ends.length, event.id, label]);
      batch.times.push(event.time);
      batch.cells.push(cell);
      batch.seqs.push(seq);
      batch.text += batch.ends.length === 0 ? JSON.stringify(event) : `\n${JSON.stringify(event)}`;
      batch.ends.push(batch.text.length);
      if (batch.ends.length >= data.batchSize) flush();
    },
    {
      part: data.part,
      parts: data.parts,
      progressEvery: data.progressEvery,
      onProgress: (p) => port.postMessage({ type: 'progress', ...p }),
    },
  );
  flush();
  port.postMessage({ type: 'done', run });
} catch (error) {
  const e = error as { name?: string; message?: string; actorId?: string; virtualTime?: number; stack?: string };
  port.postMessage({ type: 'error', name: e.name, message: e.message, actorId: e.actorId, virtualTime: e.virtualTime, stack: e.stack });
}
