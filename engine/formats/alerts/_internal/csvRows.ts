import { FileContentError, type FileContentIssue } from '../../../model/errors/FileContentError.ts';
import type { ForeignAlertRow, ForeignColumn } from '../ForeignAlertRow.ts';
import { columnNames } from './columnNames.ts';
import { csvRecords } from './csvRecords.ts';
import { MAX_ISSUES, rowOf } from './rowOf.ts';

const kind = 'CSV file of alert rows';

/**
 * The rows of CSV text with a header line ({@link csvRecords}); every cell is text, read as `rowOf` reads text. Row
 * numbers count data rows (the header is not one); issues name the line a row starts on too.
 *
 * @throws FileContentError when there is no header, a column is missing, or rows are bad — a quote left open, a
 * field too many or too few, a bad cell (up to {@link MAX_ISSUES} problems): no row is dropped silently.
 */
export function csvRows(
  text: string,
  path: string,
  mapping: Readonly<Partial<Record<ForeignColumn, string>>>,
  delimiter = ',',
): ForeignAlertRow[] {
  const records = csvRecords(text, delimiter);
  const header = records.next();
  if (header.done) throw new FileContentError(path, kind, [{ path: '', message: 'empty: a CSV of alert rows starts with a header line' }]);
  if ('problem' in header.value)
    throw new FileContentError(path, kind, [{ line: header.value.line, path: '', message: `header: ${header.value.problem}` }]);
  const present = header.value.fields.map((name) => name.trim());
  const names = columnNames(mapping, present);
  if (Array.isArray(names)) throw new FileContentError(path, kind, names);
  const index = new Map(present.map((name, i) => [name, i]));
  const rows: ForeignAlertRow[] = [];
  const issues: FileContentIssue[] = [];
  let row = 0;
  for (const record of records) {
    row++;
    const at = { row, line: record.line, path: '' };
    if ('problem' in record) issues.push({ ...at, message: record.problem });
    else if (record.fields.length !== present.length)
      issues.push({ ...at, message: `${record.fields.length} fields, the header has ${present.length}` });
    else {
      const read = rowOf(row, names, (name) => {
        const i = index.get(name);
        return i === undefined ? undefined : record.fields[i];
      });
      if (Array.isArray(read)) issues.push(...read.map((p) => ({ ...at, column: p.column, message: p.message })));
      else rows.push(read);
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  if (issues.length > 0) throw new FileContentError(path, kind, issues.slice(0, MAX_ISSUES));
  return rows;
}
