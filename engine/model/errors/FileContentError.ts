import { PushstormError } from './PushstormError.ts';

/** One problem found in a file's content. */
export interface FileContentIssue {
  /** 1-based line, for line-oriented files (NDJSON) and syntax errors. */
  line?: number;
  /** 1-based data row, for tables (CSV, Parquet): the header is not a row. */
  row?: number;
  /** JSON pointer into the document or the line's object (`"/incidents/0/start"`, `""` for the whole). */
  path: string;
  /** The column of a table or the field of an NDJSON row, when the problem is in one. */
  column?: string;
  /** What is wrong, phrased to follow the path: `must be integer (got "x")`. */
  message: string;
}

/**
 * A file pushstorm reads back — a truth file, an alerts file, a gate file — is not what it should be: not JSON, or
 * not matching its schema. Carries every problem found (up to a limit), so the user sees them all at once:
 *
 * ```text
 * out/alerts.ndjson: 2 problems
 *   line 3: not JSON (Unexpected token } in JSON at position 10)
 *   line 9 /alertTime: must be integer (got "soon")
 * ```
 *
 * Rows of a table name their column: `row 4 (line 5), column decision_time: not a time (got "soon")`.
 */
export class FileContentError extends PushstormError {
  override name = 'FileContentError';
  /** Bad input: a CLI exits with 2. */
  override readonly exitCode = 2;

  constructor(
    /** The file as the caller named it. */
    readonly path: string,
    /** What kind of file it should have been ("truth file", "alerts file"). */
    readonly kind: string,
    /** The problems, in file order. */
    readonly issues: FileContentIssue[],
  ) {
    super(
      [
        `${path}: not a valid ${kind}, ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`,
        ...issues.map((i) => `  ${where(i)}: ${i.message}`),
      ].join('\n'),
    );
  }
}

/**
 * Where an issue is: `line 9 /alertTime`, `(root)`, or for a row of a table `row 4 (line 5), column decision_time`
 * (a CSV row's line differs from its number by the header, and more when a quoted field spans lines).
 */
function where(i: FileContentIssue): string {
  if (i.row !== undefined || i.column !== undefined)
    return [
      i.row !== undefined ? `row ${i.row}${i.line !== undefined ? ` (line ${i.line})` : ''}` : i.line !== undefined ? `line ${i.line}` : '',
      i.column !== undefined ? `column ${i.column}` : '',
    ]
      .filter((part) => part !== '')
      .join(', ');
  return `${i.line !== undefined ? `line ${i.line}` : ''}${i.line !== undefined && i.path !== '' ? ' ' : ''}${i.path !== '' || i.line === undefined ? i.path || '(root)' : ''}`;
}
