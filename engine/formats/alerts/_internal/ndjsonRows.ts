import { FileContentError, type FileContentIssue } from '../../../model/errors/FileContentError.ts';
import { jsonLines } from '../../_internal/jsonLines.ts';
import type { ForeignAlertRow, ForeignColumn } from '../ForeignAlertRow.ts';
import { mappedNames, missingColumn } from './columnNames.ts';
import { MAX_ISSUES, rowOf } from './rowOf.ts';

/**
 * The rows of NDJSON text: one JSON object a line, blank lines skipped, row numbers being line numbers. A field that
 * is absent or null is an empty cell.
 *
 * @throws FileContentError listing the bad lines (up to {@link MAX_ISSUES} problems): not JSON, not an object, a
 * required field missing, a bad value — no line is dropped silently.
 */
export function ndjsonRows(text: string, path: string, mapping: Readonly<Partial<Record<ForeignColumn, string>>>): ForeignAlertRow[] {
  const names = mappedNames(mapping);
  const rows: ForeignAlertRow[] = [];
  const issues: FileContentIssue[] = [];
  for (const { line, value } of jsonLines(text, issues, MAX_ISSUES)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      issues.push({ line, path: '', message: 'not a JSON object: a row is one object of columns' });
      continue;
    }
    const fields = value as Record<string, unknown>;
    const missing = (['entity', 'decision_time'] as const).filter((role) => !Object.hasOwn(fields, names[role]));
    if (missing.length > 0) {
      for (const role of missing)
        issues.push({ line, path: '', column: names[role], message: missingColumn(role, names[role], Object.keys(fields)) });
      continue;
    }
    const read = rowOf(line, names, (name) => (Object.hasOwn(fields, name) ? fields[name] : undefined));
    if (Array.isArray(read)) issues.push(...read.map((p) => ({ line, path: '', column: p.column, message: p.message })));
    else rows.push(read);
  }
  if (issues.length > 0) throw new FileContentError(path, 'NDJSON file of alert rows', issues.slice(0, MAX_ISSUES));
  return rows;
}
