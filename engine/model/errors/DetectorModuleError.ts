import { PushstormError } from './PushstormError.ts';

/** One problem with a detector module: where in it (an export, a definition's field), and what is wrong. */
export interface DetectorModuleIssue {
  /** `default`, `default[1]`, a named export, or one of those with a field: `default.params.threshold.step`; empty for the whole module. */
  path: string;
  message: string;
}

/**
 * A `--detectors-from` module cannot be used: not found, throws on import, exports no detector definition, a
 * definition that is not one (missing id, params or logic, a bad parameter spec), or an id that clashes with a
 * built-in detector or another module's. Every problem of the module at once; bad input, exit code 2.
 *
 * ```text
 * detectors from ./my-detectors.ts: 2 problems
 *   default.create: must be a function (params) => logic
 *   default.params.threshold: default 0 is below min 1
 * ```
 */
export class DetectorModuleError extends PushstormError {
  override name = 'DetectorModuleError';
  override readonly exitCode = 2;

  constructor(
    /** The module as the user named it. */
    readonly file: string,
    readonly issues: DetectorModuleIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      issues.length === 1 && issues[0].path === ''
        ? `detectors from ${file}: ${issues[0].message}`
        : `detectors from ${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n` +
            issues.map((i) => `  ${i.path === '' ? '' : `${i.path}: `}${i.message}`).join('\n'),
      options,
    );
  }
}
