/** A string as a DuckDB SQL literal: single-quoted, quotes doubled (a file name is never pasted into SQL raw). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
