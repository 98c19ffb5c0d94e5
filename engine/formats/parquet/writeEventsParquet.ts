import { renameSync, rmSync } from 'node:fs';
import { outputTarget } from '../files/outputTarget.ts';
import { trackTemporaryFile, untrackTemporaryFile } from '../files/temporaryFiles.ts';
import { PARQUET_EVENT_COLUMNS } from './parquetEventColumns.ts';
import { openDuckDb } from '../openDuckDb.ts';
import { sqlString } from '../../model/text/sqlString.ts';

/**
 * Writes the canonical events of an NDJSON file (`events.ndjson` as a simulation writes it) as a Parquet file, one
 * row per line in line order, with the columns of {@link PARQUET_EVENT_COLUMNS} (zstd-compressed). DuckDB reads and
 * writes it: the lines are never parsed in JavaScript. The same input gives the same bytes. The file appears under
 * its name only once complete (`<path>.tmp` renamed, removed on failure or Ctrl-C). Returns the rows written.
 *
 * @example
 * ```ts
 * await writeEventsParquet('out/run/events.ndjson', 'out/run/events.parquet');
 * // duckdb: SELECT type, count(*) FROM 'out/run/events.parquet' GROUP BY type
 * ```
 */
export async function writeEventsParquet(ndjsonPath: string, parquetPath: string): Promise<number> {
  const target = outputTarget(parquetPath);
  const writing = target.atomic ? `${target.path}.tmp` : target.path;
  const instance = await openDuckDb();
  const connection = await instance.connect();
  if (writing !== target.path) trackTemporaryFile(writing);
  try {
    const columns = PARQUET_EVENT_COLUMNS.map((c) => `${c.sql} AS "${c.name}"`).join(', ');
    const source = `read_json_objects(${sqlString(ndjsonPath)}, format = 'newline_delimited')`;
    const result = await connection.run(
      `COPY (SELECT ${columns} FROM ${source}) TO ${sqlString(writing)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    if (writing !== target.path) renameSync(writing, target.path);
    return result.rowsChanged;
  } catch (error) {
    if (writing !== target.path) rmSync(writing, { force: true });
    throw error;
  } finally {
    untrackTemporaryFile(writing);
    connection.closeSync();
    instance.closeSync();
  }
}
