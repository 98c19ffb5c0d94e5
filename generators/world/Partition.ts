/**
 * A deterministic slice of a world's population: partition `index` of `count` (1-based, as `--partition K/N` reads)
 * simulates the users whose index `i` has `i % count === index - 1`, and the attackers aimed at them. Users' cells
 * share no state, so each cell's events are the same in every partition that could run it, and the `count`
 * partitions together are the whole world ({@link mergePartitions}).
 */
export interface Partition {
  /** 1-based: 1 ≤ index ≤ count. */
  index: number;
  /** How many partitions the world is cut into (≥ 1). */
  count: number;
}

/** Whether user cell `cell` belongs to `partition`. */
export function inPartition(partition: Partition, cell: number): boolean {
  return cell % partition.count === partition.index - 1;
}

/** Throws a RangeError unless `partition` is whole numbers with 1 ≤ index ≤ count (a caller's mistake, not input's). */
export function checkPartition(partition: Partition): void {
  const { index, count } = partition;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    throw new RangeError(`a partition is K/N with whole numbers 1 ≤ K ≤ N (got ${index}/${count})`);
}

/** How many of a population of `users` fall in `partition` ({@link inPartition}): ⌈(users − index + 1) / count⌉, or 0. */
export function partitionUsers(partition: Partition, users: number): number {
  return users < partition.index ? 0 : Math.floor((users - partition.index) / partition.count) + 1;
}
