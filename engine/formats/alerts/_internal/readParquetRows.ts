import { statSync } from 'node:fs';
import { describeFsError } from '../../../model/errors/describeFsError.ts';
import { FileContentError, type FileContentIssue } from '../../../model/errors/FileContentError.ts';
import { InputError } from '../../../model/errors/InputError.ts';
import type { ForeignAlertRow, ForeignColumn } from '../ForeignAlertRow.ts';
import { columnNames } from './columnNames.ts';
import { MAX_ISSUES, rowOf } from './rowOf.ts';
import { sqlString } from '../../../model/text/sqlString.ts';
import { openDuckDb } from '../../openDuckDb.ts';

/**
 * The rows of a Parquet file, cells as typed (integers, text, TIMESTAMP, lists), read with DuckDB in a private
 * in-memory database. Row numbers count rows in file order.
 *
 * @throws InputError when the file cannot be read; FileContentError when DuckDB cannot read it as Parquet, a column
 * is missing, or rows are bad (every bad cell, up to {@link MAX_ISSUES} problems) — no row is dropped silently.
 */
export async function readParquetRows(path: string, mapping: Readonly<Partial<Record<ForeignColumn, string>>>): Promise<ForeignAlertRow[]> {
  try {
    if (statSync(path).isDirectory()) throw new InputError(path, 'is a directory, not a file');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, describeFsError(error), { cause: error });
  }
  const kind = 'Parquet file of alert rows';
  const instance = await openDuckDb();
  const connection = await instance.connect();
  try {
    let result: Awaited<ReturnType<typeof connection.stream>>;
    try {
      result = await connection.stream(`SELECT * FROM read_parquet(${sqlString(path)})`);
    } catch (error) {
      throw new FileContentError(path, kind, [{ path: '', message: `DuckDB cannot read it: ${firstLine(error)}` }]);
    }
    const present = result.columnNames();
    const names = columnNames(mapping, present);
    if (Array.isArray(names)) throw new FileContentError(path, kind, names);
    const index = new Map(present.map((name, i) => [name, i]));
    const rows: ForeignAlertRow[] = [];
    const issues: FileContentIssue[] = [];
    let row = 0;
    try {
      for await (const chunk of result.yieldRowsJs()) {
        for (const values of chunk) {
          row++;
          const read = rowOf(row, names, (name) => {
            const i = index.get(name);
            return i === undefined ? undefined : values[i];
          });
          if (Array.isArray(read)) issues.push(...read.map((p) => ({ row, path: '', column: p.column, message: p.message })));
          else rows.push(read);
          if (issues.length >= MAX_ISSUES) throw new FileContentError(path, kind, issues.slice(0, MAX_ISSUES));
        }
      }
    } catch (error) {
      if (error instanceof FileContentError) throw error;
      throw new FileContentError(path, kind, [
        ...issues,
        { row: row + 1, path: '', message: `DuckDB cannot read it: ${firstLine(error)}` },
      ]);
    }
    if (issues.length > 0) throw new FileContentError(path, kind, issues);
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The first line of an error's message: DuckDB's go on with hints and the whole sniffer configuration. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
