import { openDuckDb } from '../openDuckDb.ts';
import { sqlString } from '../../model/text/sqlString.ts';

/**
 * The events of an `events.parquet` file ({@link writeEventsParquet}) as their NDJSON lines, in file order — the
 * `event` column, read by DuckDB a chunk at a time, so a file of any size streams in constant memory.
 *
 * @example
 * ```ts
 * for await (const line of readParquetEventLines('out/run/events.parquet')) handle(JSON.parse(line));
 * ```
 */
export async function* readParquetEventLines(path: string): AsyncGenerator<string, void, undefined> {
  const instance = await openDuckDb();
  const connection = await instance.connect();
  try {
    const result = await connection.stream(`SELECT event FROM read_parquet(${sqlString(path)})`);
    for await (const rows of result.yieldRows()) for (const [event] of rows) yield event as string;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
