import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { describeFsError } from '../../model/errors/describeFsError.ts';
import { FormatError } from '../../model/errors/FormatError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import type { Alert } from '../../model/generated/alert.ts';
import { alertsOfText } from '../canonical/alertsOfText.ts';
import type { AlertsFormat } from './AlertsFormat.ts';
import type { ForeignAlertRow, ForeignColumn } from './ForeignAlertRow.ts';
import { ndjsonRows } from './_internal/ndjsonRows.ts';
import { csvRows } from './_internal/csvRows.ts';
import { readParquetRows } from './_internal/readParquetRows.ts';

/** Options of {@link readAlertsInput}. */
export interface ReadAlertsOptions {
  /** How the file is written; default: told from its extension and, for NDJSON, from its first line. */
  format?: AlertsFormat;
  /** The file's column for a role, where it is not the role's own name (`{ entity: 'user_name' }`). */
  columns?: Readonly<Partial<Record<ForeignColumn, string>>>;
}

/** What {@link readAlertsInput} read: pushstorm's own alert lines, or another engine's rows. */
export type AlertsInput =
  | { format: 'pushstorm'; alerts: Alert[] }
  | { format: Exclude<AlertsFormat, 'pushstorm'>; rows: ForeignAlertRow[] };

const byExtension: Record<string, AlertsFormat | 'json'> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.parquet': 'parquet',
  '.ndjson': 'json',
  '.jsonl': 'json',
  '.json': 'json',
};

/**
 * Reads an alerts file in any {@link AlertsFormat}. Without `format`, the extension tells it — `.csv` (and `.tsv`),
 * `.parquet`, or NDJSON (`.ndjson`, `.jsonl`, `.json`, and `-`, standard input) — and an NDJSON file holds rows when
 * its first line looks like one (an `entity` that is a name, or a `decision_time`), pushstorm's alerts when it looks
 * like an alert line, even a broken one (an `id`, `status`, `detector`…).
 *
 * CSV is comma-separated (tab-separated for `.tsv`) with a header line, RFC 4180 quoting; Parquet is read with DuckDB.
 *
 * @throws FormatError when the extension tells nothing (pass `format`), or Parquet is asked of standard input;
 * InputError when the file cannot be read; FileContentError naming the line or row and the column of each bad one.
 */
export async function readAlertsInput(path: string, options: ReadAlertsOptions = {}): Promise<AlertsInput> {
  const told = options.format ?? (path === '-' ? 'json' : byExtension[extname(path).toLowerCase()]);
  if (told === undefined)
    throw new FormatError(
      `cannot tell the format of alerts file ${path} from its extension: name it .csv, .parquet, .ndjson or .jsonl, or pass --alerts-format (pushstorm, csv, parquet, ndjson)`,
      undefined,
      path,
    );
  const columns = options.columns ?? {};
  if (told === 'parquet') {
    if (path === '-') throw new FormatError('Parquet cannot be read from standard input; write the rows to a file', told, path);
    return { format: told, rows: await readParquetRows(path, columns) };
  }
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  }
  if (told === 'csv') return { format: told, rows: csvRows(text, path, columns, extname(path).toLowerCase() === '.tsv' ? '\t' : ',') };
  const format = told === 'json' ? (holdsRows(text, columns) ? 'ndjson' : 'pushstorm') : told;
  return format === 'pushstorm' ? { format, alerts: alertsOfText(text, path) } : { format, rows: ndjsonRows(text, path, columns) };
}

/** Fields only an alert line has among its first ones: a first line with one of them is a (maybe broken) alert. */
const alertFields = ['id', 'status', 'update', 'detector', 'alertTime'];

/**
 * Whether NDJSON text holds rows rather than pushstorm's alerts, from its first non-blank line: a JSON object with an
 * entity column that is a name rather than an object, or a decision-time column, is a row; one with a field of an
 * alert line (`id`, `status`, `detector`…) is an alert, if a broken one — the alerts reader then says what is wrong
 * with it; any other object is a row that lacks its columns, and the rows reader says which. Text whose first line is
 * not a JSON object is left to the alerts reader.
 */
function holdsRows(text: string, columns: Readonly<Partial<Record<ForeignColumn, string>>>): boolean {
  const first = /[^\s][^\n]*/.exec(text)?.[0];
  if (first === undefined) return false;
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    return false;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  const entity = fields[columns.entity ?? 'entity'];
  if (
    (entity !== undefined && (entity === null || typeof entity !== 'object')) ||
    Object.hasOwn(fields, columns.decision_time ?? 'decision_time')
  )
    return true;
  return !alertFields.some((field) => Object.hasOwn(fields, field)) && !Object.hasOwn(fields, 'entity');
}
