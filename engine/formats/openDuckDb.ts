import type { DuckDBInstance } from '@duckdb/node-api';

/**
 * A new in-memory DuckDB. The module (a native library) is loaded on first use, not when pushstorm loads: a run that
 * reads or writes no Parquet and runs no SQL detector never pays for it. Every user of DuckDB opens it here.
 */
export async function openDuckDb(): Promise<DuckDBInstance> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  return DuckDBInstance.create(':memory:');
}
