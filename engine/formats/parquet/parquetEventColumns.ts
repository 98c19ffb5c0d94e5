import { eventColumns } from '../canonical/eventColumns.ts';

/** DuckDB's expression for a field of the canonical event held as JSON in `json`. */
function fromJson(field: string, type: string): string {
  const text = `json->>'$.${field}'`;
  if (type === 'VARCHAR') return text;
  if (type === 'BOOLEAN') return `coalesce(CAST(${text} AS BOOLEAN), FALSE)`;
  return `CAST(${text} AS ${type})`;
}

/**
 * The columns of an `events.parquet` file, in order, as DuckDB computes them from one canonical event `json`: the
 * flat columns of the events relation ({@link eventColumns}: what the exported SQL and SQL detectors read, the same
 * names, types and nulls), then `event`, the event's whole JSON text — exactly its line in `events.ndjson`.
 *
 * The whole event is kept as text rather than as nested structs: events of different types carry different fields,
 * so a struct column would be the union of every field, null where absent, and reading a row back could not tell an
 * absent field from a null one, nor keep the field order; the text is the NDJSON line byte for byte, which any
 * engine reads with its JSON functions (DuckDB `event->>'$.device.id'`, Spark `get_json_object`, Trino
 * `json_extract_scalar`). The flat columns are what queries filter and group on, so they are the ones Parquet's
 * statistics and column pruning speed up.
 */
export const PARQUET_EVENT_COLUMNS: ReadonlyArray<{ name: string; type: string; sql: string; description: string }> = [
  ...eventColumns.map((c) => ({ name: c.name, type: c.type, sql: fromJson(c.field, c.type), description: c.field })),
  { name: 'event', type: 'VARCHAR', sql: 'CAST(json AS VARCHAR)', description: 'the whole event, its NDJSON line' },
];
