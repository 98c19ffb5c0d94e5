import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { createEventsTable, eventColumns } from '../../formats/canonical/eventColumns.ts';
import { openDuckDb } from '../../formats/openDuckDb.ts';

/**
 * The events of one world as the `events` table of an in-memory DuckDB database ({@link eventColumns}), filled as the
 * events stream by (appending is synchronous, so a simulation's callback can feed it), then queried.
 */
export class SqlEventTable {
  private appender: DuckDBAppender | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    appender: DuckDBAppender,
  ) {
    this.appender = appender;
  }

  /** A new database with an empty `events` table (DuckDB loads here, on first use: {@link openDuckDb}). */
  static async create(): Promise<SqlEventTable> {
    const instance = await openDuckDb();
    const connection = await instance.connect();
    await connection.run(createEventsTable());
    return new SqlEventTable(instance, connection, await connection.createAppender('events'));
  }

  /** Adds one event as a row. */
  append(event: CanonicalEvent): void {
    const appender = this.appender;
    if (appender === undefined) throw new Error('SqlEventTable: append after the table was sealed by a query');
    for (const column of eventColumns) {
      const value = column.of(event);
      if (value === null) appender.appendNull();
      else if (column.type === 'VARCHAR') appender.appendVarchar(value as string);
      else if (column.type === 'BIGINT') appender.appendBigInt(BigInt(value as number));
      else appender.appendBoolean(value as boolean);
    }
    appender.endRow();
  }

  /** Runs a query (after the last append) and returns its rows as objects, column name → value. */
  async query(sql: string): Promise<Array<Record<string, unknown>>> {
    if (this.appender !== undefined) {
      this.appender.closeSync();
      this.appender = undefined;
    }
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
  }

  /** Frees the database. */
  close(): void {
    if (this.appender !== undefined) this.appender.closeSync();
    this.appender = undefined;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
