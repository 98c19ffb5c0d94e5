/**
 * A string as a SQL literal: single-quoted, quotes doubled (standard SQL; DuckDB and PostgreSQL read it alike). A file
 * name or a value is never pasted into SQL raw.
 *
 * @example sqlString("O'Brien") // "'O''Brien'"
 */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
