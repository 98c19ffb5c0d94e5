import { PushstormError } from './PushstormError.ts';

/** One command-line option whose value cannot be used. */
export interface OptionIssue {
  /** The option as typed: `--speed`, `--token-env`. */
  option: string;
  /** The value given, as typed (absent when the problem is the option's absence or a combination). */
  value?: string;
  /** What is wrong, phrased to follow the option and its value: `environment variable NOPE is not set`. */
  message: string;
}

/**
 * A command's options cannot be used as given: a pace that is not a pace, an environment variable that is not set, a
 * duration that is not a duration. Every problem at once, headed by the command, so a user fixes the command line in
 * one go; exit code 2, nothing read or written. (Problems with detectors and their parameters are a `ParamsError`.)
 *
 * ```text
 * replay options: 2 problems
 *   --speed 0x: must be max or a positive Nx, e.g. 60x
 *   --token-env NOPE: environment variable NOPE is not set
 * ```
 */
export class OptionError extends PushstormError {
  override name = 'OptionError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(
    /** The command whose options these are (`replay`), as the heading names it. */
    readonly command: string,
    /** Every problem found, in the order of the command's options. */
    readonly issues: readonly OptionIssue[],
  ) {
    super(
      [
        `${command} options: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`,
        ...issues.map((i) => `  ${i.option}${i.value === undefined ? '' : ` ${showValue(i.value)}`}: ${i.message}`),
      ].join('\n'),
    );
  }
}

/** A value as the user would retype it: bare, or JSON-quoted when it is empty or holds spaces or quotes. */
function showValue(value: string): string {
  return value === '' || /[\s"'\\]/.test(value) ? JSON.stringify(value) : value;
}
