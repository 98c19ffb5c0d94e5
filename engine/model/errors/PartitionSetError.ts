import { PushstormError } from './PushstormError.ts';

/** One reason a set of partitions is not one whole world. */
export interface PartitionSetIssue {
  /** The partition as the caller named it (its folder), or absent for the set as a whole (`partition 3/4`, missing). */
  source?: string;
  /** What is wrong: `partition 2/4 of scenario tiny (hash 1a2b3c4d5e6f), seed 7; the others are seed 8`. */
  message: string;
}

/**
 * Partitions given to be merged are not the `N` partitions of one world: one is missing or given twice, they cut the
 * world into different counts, or they come from different scenarios, seeds or pushstorm versions. Every problem at
 * once; exit code 2, nothing written.
 *
 * ```text
 * the partitions are not one whole world: 2 problems
 *   out/p2: partition 2/3 of seed 8; out/p1 is of seed 7
 *   partition 3/3 is missing
 * ```
 */
export class PartitionSetError extends PushstormError {
  override name = 'PartitionSetError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(readonly issues: readonly PartitionSetIssue[]) {
    super(
      [
        `the partitions are not one whole world: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`,
        ...issues.map((i) => `  ${i.source === undefined ? '' : `${i.source}: `}${i.message}`),
      ].join('\n'),
    );
  }
}
