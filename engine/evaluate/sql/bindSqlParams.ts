/**
 * A `:name` placeholder: a colon not preceded by another colon (DuckDB's and PostgreSQL's `::type` casts) or a word
 * character, then a name.
 */
const placeholder = /(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g;

/** Text the placeholders are never looked for in: quoted strings and identifiers, and comments. */
const skipped = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;

/** Splits a query into the parts placeholders may sit in (even indexes) and the quoted or commented parts (odd). */
function parts(sql: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const m of sql.matchAll(skipped)) {
    out.push(sql.slice(at, m.index), m[0]);
    at = m.index + m[0].length;
  }
  out.push(sql.slice(at));
  return out;
}

/** The distinct `:name` placeholders of a query, in order of first use (none inside strings or comments). */
export function sqlPlaceholders(sql: string): string[] {
  const names = new Set<string>();
  parts(sql).forEach((part, i) => {
    if (i % 2 === 0) for (const m of part.matchAll(placeholder)) names.add(m[1]);
  });
  return [...names];
}

/**
 * The query with every `:name` placeholder replaced by its value, written as a number literal (parameters are counts
 * and milliseconds). Quoted text and comments are left as they are.
 *
 * @throws RangeError for a placeholder without a value (the detector's header check prevents it).
 */
export function bindSqlParams(sql: string, values: Readonly<Record<string, number>>): string {
  return parts(sql)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(placeholder, (_, name: string) => {
            const value = values[name];
            if (value === undefined) throw new RangeError(`no value for :${name}`);
            return String(value);
          }),
    )
    .join('');
}
