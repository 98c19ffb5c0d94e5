import { PushstormError } from './PushstormError.ts';

/**
 * A world larger than a command simulates unasked: its population would take gigabytes of memory for minutes before
 * anything is written, so it runs only with `--yes` (exit 2 otherwise, nothing done).
 *
 * ```text
 * simulate: big.yaml has 100,000 users: about 6.0 GB of memory (60 KB a user) while it runs; add --yes to simulate it anyway
 * simulate: partition 1/2 of big.yaml has 50,001 users: about 3.0 GB of memory (60 KB a user) while it runs; add --yes …
 * ```
 */
export class LargeWorldError extends PushstormError {
  override name = 'LargeWorldError';
  override readonly exitCode = 2;

  constructor(
    readonly command: string,
    readonly scenario: string,
    readonly users: number,
    readonly bytesEstimate: number,
    /** The slice simulated (`--partition K/N`), when only a slice is. */
    readonly partition?: { index: number; count: number },
  ) {
    const what = partition ? `partition ${partition.index}/${partition.count} of ${scenario}` : scenario;
    super(
      `${command}: ${what} has ${users.toLocaleString('en-US')} users: about ${(bytesEstimate / 1e9).toFixed(1)} GB of memory (60 KB a user) while it runs; add --yes to simulate it anyway`,
    );
  }
}
