import { Worker } from 'node:worker_threads';
import { PushstormError } from '../../engine/model/errors/PushstormError.ts';
import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { assembleResult } from './_internal/assembleResult.ts';
import { BatchMerger } from './_internal/BatchMerger.ts';
import type { PartitionWorkerData, RecordBatch } from './_internal/partitionWorker.ts';
import type { PartitionRun } from './_internal/runPartition.ts';
import type { SimulationProgress, SimulationResult } from './SimulationResult.ts';

/** Options of {@link simulateParallel}. */
export interface SimulateParallelOptions {
  /** Worker threads, each running every `workers`-th user's cell (default 2). */
  workers?: number;
  onProgress?: (progress: SimulationProgress) => void;
  progressEvery?: number;
  /** Records per message from a worker (default 16,384). */
  batchSize?: number;
}

/** A worker failed: carries what it reported (the actor and virtual time for a simulation error). */
export class WorkerFailedError extends PushstormError {
  override name = 'WorkerFailedError';
  constructor(
    readonly part: number,
    readonly detail: { name?: string; message?: string; actorId?: string; virtualTime?: number; stack?: string },
  ) {
    super(`simulation worker ${part} failed: ${detail.name ?? 'Error'}: ${detail.message ?? 'unknown error'}`);
  }
}

/**
 * The worker's entry. Compiled (`dist/`), this module is JavaScript and so is its worker, `partitionWorker.js`. From
 * the TypeScript sources (vitest, tsx) a worker cannot start on a `.ts` file on Node 20, so it starts on the bootstrap
 * `partitionWorker.mjs`, which registers tsx in the new thread first.
 */
const partitionWorkerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './_internal/partitionWorker.mjs' : './_internal/partitionWorker.js',
  import.meta.url,
);

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
 * Runs a scenario on several worker threads and writes exactly the bytes {@link simulate} would: users' cells share
 * no state, so each worker runs every `workers`-th cell, and the main thread merges their sorted streams by
 * (time, cell, seq). `writeLine` receives each event as its JSON text (no newline), in order.
 */
export async function simulateParallel(
  scenario: ResolvedScenario,
  writeLine: (line: string) => void,
  options: SimulateParallelOptions = {},
): Promise<SimulationResult> {
  const parts = Math.max(1, Math.floor(options.workers ?? 2));
  const progressEvery = options.progressEvery ?? 6 * 3_600_000;
  const feeds: Feed[] = [];
  const merger = new BatchMerger(parts);
  const workers: Worker[] = [];
  let failure: WorkerFailedError | undefined;

  const wakeAll = () => {
    for (const feed of feeds) {
      const wake = feed.wake;
      feed.wake = undefined;
      wake?.();
    }
  };
  const end = (part: number, detail?: WorkerFailedError['detail']) => {
    if (detail) failure ??= new WorkerFailedError(part, detail);
    feeds[part].done = true;
    merger.finish(part);
    wakeAll();
  };
  for (let part = 0; part < parts; part++) {
    const feed: Feed = { done: false, virtualTime: scenario.startMs, records: 0 };
    feeds.push(feed);
    const workerData: PartitionWorkerData = { scenario, part, parts, batchSize: options.batchSize ?? 16_384, progressEvery };
    const worker = new Worker(partitionWorkerUrl, { workerData });
    workers.push(worker);
    worker.on('message', (msg: WorkerMessage) => {
      switch (msg.type) {
        case 'batch':
          merger.push(part, msg);
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
          return end(part);
        case 'error':
          return end(part, msg);
      }
    });
    worker.on('error', (err) => end(part, { name: err.name, message: err.message, stack: err.stack }));
    worker.on('exit', (code) => {
      if (!feed.done) end(part, { message: `exited with code ${code} before finishing` });
    });
  }

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
  return assembleResult(
    scenario,
    feeds.map((f) => f.run!),
    merger.labels,
  );
}
