import { InvalidArgumentError } from 'commander';

/**
 * A commander argument parser accepting whole numbers in `[min, max]`. On anything else it throws commander's
 * `InvalidArgumentError`, which commander prints naming the option
 * (`error: option '--seed <n>' argument 'abc' is invalid. expected a whole number from 0 to 4294967295`),
 * and the CLI exits with code 2.
 *
 * @example
 * ```ts
 * command.option('--users <n>', 'population size', integerOption(1, 10_000_000));
 * ```
 */
export function integerOption(min: number, max: number = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const expected = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return (value: string) => {
    const trimmed = value.trim();
    const parsed = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`expected ${expected}`);
    return parsed;
  };
}
