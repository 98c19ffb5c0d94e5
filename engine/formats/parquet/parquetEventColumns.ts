/**
 * The columns of an `events.parquet` file, in order, as DuckDB computes them from one canonical event `json`: the
 * flat columns the exported SQL reads (the relation `canonicalEventsView` makes of an NDJSON file, the same names,
 * types and nulls), then `event`, the event's whole JSON text — exactly its line in `events.ndjson`.
 *
 * The whole event is kept as text rather than as nested structs: events of different types carry different fields,
 * so a struct column would be the union of every field, null where absent, and reading a row back could not tell an
 * absent field from a null one, nor keep the field order; the text is the NDJSON line byte for byte, which any
 * engine reads with its JSON functions (DuckDB `event->>'$.device.id'`, Spark `get_json_object`, Trino
 * `json_extract_scalar`). The flat columns are what queries filter and group on, so they are the ones Parquet's
 * statistics and column pruning speed up.
 */
export const PARQUET_EVENT_COLUMNS: ReadonlyArray<{ name: string; type: string; sql: string; description: string }> = [
  { name: 'id', type: 'VARCHAR', sql: `json->>'$.id'`, description: 'the event id' },
  { name: 'time', type: 'BIGINT', sql: `CAST(json->>'$.time' AS BIGINT)`, description: 'UTC epoch ms' },
  { name: 'type', type: 'VARCHAR', sql: `json->>'$.type'`, description: 'the canonical event type (mfa.challenge…)' },
  { name: 'user', type: 'VARCHAR', sql: `json->>'$.user'`, description: 'the user’s login' },
  { name: 'ip', type: 'VARCHAR', sql: `json->>'$.origin.ip'`, description: 'origin.ip, null without an origin' },
  { name: 'asn', type: 'BIGINT', sql: `CAST(json->>'$.origin.asn' AS BIGINT)`, description: 'origin.asn' },
  {
    name: 'proxy',
    type: 'BOOLEAN',
    sql: `coalesce(CAST(json->>'$.origin.proxy' AS BOOLEAN), FALSE)`,
    description: 'origin.proxy, false when absent',
  },
  { name: 'outcome', type: 'VARCHAR', sql: `json->>'$.outcome'`, description: 'success, failure…' },
  { name: 'reason', type: 'VARCHAR', sql: `json->>'$.reason'`, description: 'the outcome’s reason' },
  { name: 'result', type: 'VARCHAR', sql: `json->>'$.challenge.result'`, description: 'challenge.result (approved, denied…)' },
  { name: 'event', type: 'VARCHAR', sql: 'CAST(json AS VARCHAR)', description: 'the whole event, its NDJSON line' },
];
