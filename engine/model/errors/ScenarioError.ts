import { PushstormError } from './PushstormError.ts';

/** One problem found in a scenario file or in the overrides applied to it. */
export interface ScenarioIssue {
  /**
   * Where in the scenario, as a user reads it: the keys from the root after `/`, each as written in the file
   * (`"/attacks/0/strategy"`, `"/population/timeZones/Europe/London"`, never JSON-pointer escaped as `Europe~1London`;
   * `""` for the root), or the command-line option an override came from (`"--users"`).
   */
  path: string;
  /** What is wrong, phrased to follow the path: `must be >= 1 (got 0)`. */
  message: string;
  /** The values or property names that would have been accepted, when the problem is a closed choice. */
  allowed?: readonly unknown[];
  /** 1-based line in the file, for syntax errors. */
  line?: number;
  /** 1-based column in the file, for syntax errors. */
  column?: number;
}

/**
 * A scenario could not be read, validated or resolved. It carries every problem found, not only the first, so a
 * user fixes the file in one go; the message lists them one per line:
 *
 * ```text
 * scenarios/x.yaml: 2 problems
 *   /attacks/0/strategy: must be one of "burst", "low-and-slow", "night", "spray", "login-window", "script" (got "brust")
 *   /population/users: must be >= 1 (got 0)
 * ```
 */
export class ScenarioError extends PushstormError {
  override name = 'ScenarioError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(
    /** The scenario file as the caller named it; undefined for a scenario given as a value. */
    readonly file: string | undefined,
    /** Every problem found: schema violations in schema order, then cross-field problems, then overrides. */
    readonly issues: ScenarioIssue[],
  ) {
    super(formatScenarioIssues(file, issues));
  }
}

/** The {@link ScenarioError} message: a header naming the file and the count, then one indented line per issue. */
function formatScenarioIssues(file: string | undefined, issues: readonly ScenarioIssue[]): string {
  const header = `${file ?? 'scenario'}: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`;
  return [header, ...issues.map((issue) => `  ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`)].join('\n');
}
