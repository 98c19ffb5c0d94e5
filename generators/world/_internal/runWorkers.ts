import { Worker } from 'node:worker_threads';
import type { ResolvedScenario } from '../../scenario/ResolvedScenario.ts';
import type { SimulationProgress } from '../SimulationResult.ts';
import { WorkerFailedError } from '../WorkerFailedError.ts';
import { BatchMerger } from './BatchMerger.ts';
import type { PartitionWorkerData, RecordBatch } from './partitionWorker.ts';
import type { PartitionRun } from './runPartition.ts';

/** Options of {@link runWorkers}. */
export interface RunWorkersOptions {
  onProgress?: (progress: SimulationProgress) => void;
  progressEvery?: number;
  /** Records per message from a worker (default 16,384). */
  batchSize?: number;
}

/** The cells one worker runs: those with `cell % parts === part`. */
export interface WorkerShare {
  part: number;
  parts: number;
}

/**
 * The worker's entry. Compiled (`dist/`), this module is JavaScript and so is its worker, `partitionWorker.js`. From
 * the TypeScript sources (vitest, tsx) a worker cannot start on a `.ts` file on Node 20, so it starts on the bootstrap
 * `partitionWorker.mjs`, which registers tsx in the new thread first.
 */
const partitionWorkerUrl = new URL(import.meta.url.endsWith('.ts') ? './partitionWorker.mjs' : './partitionWorker.js', import.meta.url);

type WorkerMessage =
  | RecordBatch
  | { type: 'progress'; virtualTime: number; records: number }
  | { type: 'done'; run: PartitionRun }
  | ({ type: 'error' } & WorkerFailedError['detail']);

interface Feed {
  done: boolean;
  run?: PartitionRun;
  wake?: () => void;
  virtualTime: number;
  records: number;
}

/**
 * Runs each share of cells on a worker thread of its own and merges their sorted streams by (time, cell, seq) into
 * `writeLine` (each event's JSON text, no newline). Returns every worker's run and the truth labels in output order.
 */
export async function runWorkers(
  scenario: ResolvedScenario,
  writeLine: (line: string) => void,
  shares: readonly WorkerShare[],
  options: RunWorkersOptions = {},
): Promise<{ runs: PartitionRun[]; labels: Record<string, string> }> {
  const progressEvery = options.progressEvery ?? 6 * 3_600_000;
  const feeds: Feed[] = [];
  const merger = new BatchMerger(shares.length);
  const workers: Worker[] = [];
  let failure: WorkerFailedError | undefined;

  const wakeAll = () => {
    for (const feed of feeds) {
      const wake = feed.wake;
      feed.wake = undefined;
      wake?.();
    }
  };
  const end = (feedIndex: number, detail?: WorkerFailedError['detail']) => {
    if (detail) failure ??= new WorkerFailedError(feedIndex, detail);
    feeds[feedIndex].done = true;
    merger.finish(feedIndex);
    wakeAll();
  };
  shares.forEach(({ part, parts }, feedIndex) => {
    const feed: Feed = { done: false, virtualTime: scenario.startMs, records: 0 };
    feeds.push(feed);
    const workerData: PartitionWorkerData = { scenario, part, parts, batchSize: options.batchSize ?? 16_384, progressEvery };
    const worker = new Worker(partitionWorkerUrl, { workerData });
    workers.push(worker);
    worker.on('message', (msg: WorkerMessage) => {
      switch (msg.type) {
        case 'batch':
          merger.push(feedIndex, msg);
          return wakeAll();
        case 'progress': {
          feed.virtualTime = msg.virtualTime;
          feed.records = msg.records;
          const slowest = Math.min(...feeds.map((f) => f.virtualTime));
          return options.onProgress?.({
            virtualTime: slowest,
            fraction: (slowest - scenario.startMs) / scenario.durationMs,
            records: feeds.reduce((n, f) => n + f.records, 0),
          });
        }
        case 'done':
          feed.run = msg.run;
          return end(feedIndex);
        case 'error':
          return end(feedIndex, msg);
      }
    });
    worker.on('error', (err) => end(feedIndex, { name: err.name, message: err.message, stack: err.stack }));
    worker.on('exit', (code) => {
      if (!feed.done) end(feedIndex, { message: `exited with code ${code} before finishing` });
    });
  });

  try {
    for (;;) {
      const waitFor = merger.drain(writeLine);
      if (failure) throw failure;
      if (waitFor === undefined) break;
      const feed = feeds[waitFor];
      await new Promise<void>((resolve) => (feed.wake = resolve));
      if (failure) throw failure;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return { runs: feeds.map((f) => f.run!), labels: merger.labels };
}
