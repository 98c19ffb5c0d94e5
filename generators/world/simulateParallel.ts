import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { assembleResult } from './_internal/assembleResult.ts';
import { runWorkers } from './_internal/runWorkers.ts';
import type { SimulationProgress, SimulationResult } from './SimulationResult.ts';

export { WorkerFailedError } from './WorkerFailedError.ts';

/** Options of {@link simulateParallel}. */
export interface SimulateParallelOptions {
  /** Worker threads, each running every `workers`-th user's cell (default 2). */
  workers?: number;
  onProgress?: (progress: SimulationProgress) => void;
  progressEvery?: number;
  /** Records per message from a worker (default 16,384). */
  batchSize?: number;
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
  const shares = Array.from({ length: parts }, (_, part) => ({ part, parts }));
  const { runs, labels } = await runWorkers(scenario, writeLine, shares, options);
  return assembleResult(scenario, runs, labels);
}
