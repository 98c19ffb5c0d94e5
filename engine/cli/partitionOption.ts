import { InvalidArgumentError } from 'commander';
import type { Partition } from '../../generators/world/Partition.ts';

/**
 * Commander's parser of `--partition K/N`: two whole numbers with 1 ≤ K ≤ N. On anything else (`0/3`, `4/3`, `a/b`)
 * it throws commander's `InvalidArgumentError`, which commander prints naming the option, and the CLI exits with 2.
 *
 * @example partitionOption('2/4') // { index: 2, count: 4 }
 */
export function partitionOption(value: string): Partition {
  const m = /^\s*(\d{1,15})\s*\/\s*(\d{1,15})\s*$/.exec(value);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count))
    throw new InvalidArgumentError('expected K/N: partition K of N, whole numbers with 1 ≤ K ≤ N (e.g. 2/4)');
  return { index, count };
}
