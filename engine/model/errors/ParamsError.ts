import { PushstormError } from './PushstormError.ts';

/** One problem in a detector selection or parameter file. */
export interface ParamsIssue {
  /** Where: `--detectors`, or a JSON pointer into the parameter file (`/0/params/threshold`). */
  path: string;
  message: string;
}

/** Bad `--detectors` or `--params`: every problem at once, exit code 2, nothing processed. */
export class ParamsError extends PushstormError {
  override name = 'ParamsError';
  override readonly exitCode = 2;
  constructor(
    readonly file: string | undefined,
    readonly issues: ParamsIssue[],
  ) {
    super(
      `${file ?? 'detector parameters'}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n` +
        issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
    );
  }
}
