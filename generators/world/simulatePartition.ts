import type { ResolvedScenario } from '../scenario/ResolvedScenario.ts';
import { assembleResult } from './_internal/assembleResult.ts';
import type { PartitionRun } from './_internal/runPartition.ts';
import { partitionSteps } from './_internal/runPartition.ts';
import { runWorkers } from './_internal/runWorkers.ts';
import { checkPartition, type Partition } from './Partition.ts';
import type { SimulateOptions } from './simulate.ts';
import type { SimulationResult } from './SimulationResult.ts';

/** Options of {@link simulatePartition}. */
export interface SimulatePartitionOptions extends SimulateOptions {
  /** Worker threads sharing the partition's cells (default 1). The output is the same for any count. */
  workers?: number;
  /** Records per message from a worker (default 16,384). */
  batchSize?: number;
}

/**
 * One partition's run: its truth (the world's facts, the incidents aimed at its users, the labels of its events), its
 * counts, and what {@link mergePartitions} needs besides to rebuild the whole world's truth.
 */
export interface PartitionResult extends SimulationResult {
  partition: Partition;
  /**
   * Each incident of this partition's truth, by id, with its place among the whole world's incidents (the attack
   * plan's order, which the truth keeps): partitions' incidents interleave, and nothing in an incident says where.
   */
  incidentOrder: Record<string, number>;
}

/**
 * Simulates one partition of a world ({@link Partition}): the users with index `i % count === index - 1` and the
 * attackers aimed at them, every event as its JSON text to `writeLine` in the order the whole world writes them.
 * The `count` partitions of a world, run anywhere and in any order, are together exactly the whole world:
 * {@link mergePartitions} interleaves their lines into the bytes {@link simulate} writes, and their truths into its
 * truth. Each partition still draws the whole population (attacks pick targets among everyone), so it costs less
 * than the world by the actors it leaves out, not by the identities.
 *
 * With `workers` > 1 the partition's cells are shared among worker threads like {@link simulateParallel}'s: the
 * output is the same bytes.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const part = await simulatePartition(scenario, { index: 2, count: 4 }, (line) => lines.push(line));
 * ```
 */
export async function simulatePartition(
  scenario: ResolvedScenario,
  partition: Partition,
  writeLine: (line: string) => void,
  options: SimulatePartitionOptions = {},
): Promise<PartitionResult> {
  checkPartition(partition);
  const { index, count } = partition;
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  let runs: PartitionRun[];
  let labels: Record<string, string>;
  if (workers > 1) {
    // Worker w runs the cells ≡ index - 1 + count·w (mod count·workers): together, those ≡ index - 1 (mod count).
    const parts = count * workers;
    const shares = Array.from({ length: workers }, (_, w) => ({ part: index - 1 + count * w, parts }));
    ({ runs, labels } = await runWorkers(scenario, writeLine, shares, options));
  } else {
    labels = {};
    const steps = partitionSteps(
      scenario,
      (event, label) => {
        if (label !== undefined) labels[event.id] = label;
        writeLine(JSON.stringify(event));
      },
      { part: index - 1, parts: count, onProgress: options.onProgress, progressEvery: options.progressEvery },
    );
    for (;;) {
      const next = steps.next();
      if (next.done) {
        runs = [next.value];
        break;
      }
      // A turn of the event loop per progress step, as simulateAsync gives: a signal handler or a progress bar runs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const incidentOrder = Object.fromEntries(
    runs
      .flatMap((r) => r.incidents)
      .sort((a, b) => a.order - b.order)
      .map((i) => [i.incident.id, i.order]),
  );
  return { ...assembleResult(scenario, runs, labels), partition: { index, count }, incidentOrder };
}
