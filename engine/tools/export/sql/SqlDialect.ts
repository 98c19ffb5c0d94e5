import { OptionError } from '../../../model/errors/OptionError.ts';
import { sqlString } from '../../../model/text/sqlString.ts';

/** The SQL engines `pushstorm export --to sql --dialect` writes for. */
export const sqlDialectIds = ['duckdb', 'postgres', 'spark', 'trino'] as const;

/** One of {@link sqlDialectIds}; `duckdb` when none is given. */
export type SqlDialectId = (typeof sqlDialectIds)[number];

/** Where a query reads the events: a script's first statement (a view), if any, and the relation its `FROM` names. */
interface EventsRelation {
  /** A statement to run first (DuckDB's view over a file), without its `;`. */
  view?: string;
  /** The relation the query reads: `events`, a table, Spark's ``parquet.`path` ``. */
  from: string;
}

/**
 * The points at which the engines' SQL differs, for one query structure written once (`sqlOfShape`). Everything
 * else — `WITH`, `RANGE BETWEEN n PRECEDING AND CURRENT ROW` over the epoch-millisecond `BIGINT` time (a numeric
 * offset over a numeric sort key, which all four accept), `count(… ) FILTER (WHERE …)`, `floor(time / n)` — is
 * written the same for all.
 */
export interface SqlDialect {
  readonly id: SqlDialectId;
  /** The engine, as the header names it. */
  readonly title: string;
  /** A column name quoted: `user`, `time` and `type` are keywords somewhere. */
  quote(column: string): string;
  /** A string literal. */
  string(text: string): string;
  /** A one-element array. */
  arrayOf(value: string): string;
  /**
   * The ids of a group's events as an array in the runtime's order (by time, then id), of the events `filter` holds
   * for; `of` is the table alias the columns are read from (`a.`), or empty.
   */
  orderedIds(of: string, filter?: string): string;
  /** The aggregate collecting `value` over a window frame into an array (the `OVER (…)` follows). */
  frameArray(value: string): string;
  /**
   * The relation the query reads, given `--events` or not.
   *
   * @throws OptionError when `--events` names something the engine cannot read as written.
   */
  relation(events: string | undefined, view: (file: string) => string): EventsRelation;
  /** What the header says of this dialect: what differs from the DuckDB text, and how far it is verified. */
  readonly notes: readonly string[];
}

/** The functions that order a group's ids where an aggregate takes no `ORDER BY`: collect, sort, map, and a pair. */
export interface SortedIdsSpelling {
  /** The aggregate collecting values into an array (`collect_list`). */
  collect: string;
  /** Sorts an array ascending; structs by their fields in order (`array_sort`). */
  sort: string;
  /** Maps an array through a lambda (`transform`). */
  transform: string;
  /** A struct of a time and an id, in that order, with a field named `id`. */
  pair: (time: string, id: string) => string;
}

/**
 * {@link SqlDialect.orderedIds} for an engine whose aggregates take no `ORDER BY` (Spark SQL): collect (time, id)
 * structs, sort them — by time, then id — and keep the ids. Written once, so that the same construct in DuckDB's
 * function names (`list`, `array_sort`, `array_transform`, `struct_pack`) can be run and held to `array_agg(id ORDER
 * BY "time", id)`.
 */
export function sortedIds(spelling: SortedIdsSpelling, quote: SqlDialect['quote']): SqlDialect['orderedIds'] {
  const { collect, sort, transform, pair } = spelling;
  return (of, filter) =>
    `${transform}(${sort}(${collect}(${pair(`${of}${quote('time')}`, `${of}id`)})${
      filter === undefined ? '' : ` FILTER (WHERE ${filter})`
    }), e -> e.id)`;
}

/** A table name as Spark, Trino and PostgreSQL read it bare: `events`, `schema.events`, `catalog.schema.events`. */
const tableName = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;

const eventsIssue = (events: string, message: string) => new OptionError('export', [{ option: '--events', value: events, message }]);

/** A table `--events` names, checked, or the relation `events`. */
function table(events: string | undefined, engine: string): EventsRelation {
  if (events === undefined) return { from: 'events' };
  if (!tableName.test(events))
    throw eventsIssue(
      events,
      `${engine} reads a table here: give its name ([catalog.]schema.table, letters, digits and _), e.g. --events pushstorm.events`,
    );
  return { from: events };
}

const ansi = {
  quote: (column: string) => `"${column}"`,
  string: sqlString,
  arrayOf: (value: string) => `ARRAY[${value}]`,
  orderedIds: (of: string, filter?: string) =>
    `array_agg(${of}id ORDER BY ${of}"time", ${of}id)${filter === undefined ? '' : ` FILTER (WHERE ${filter})`}`,
  frameArray: (value: string) => `array_agg(${value})`,
};

const duckdb: SqlDialect = {
  id: 'duckdb',
  title: 'DuckDB',
  ...ansi,
  relation: (events, view) => (events === undefined ? { from: 'events' } : { view: view(events), from: 'events' }),
  notes: [],
};

const postgres: SqlDialect = {
  id: 'postgres',
  title: 'PostgreSQL',
  ...ansi,
  relation: (events) => table(events, 'PostgreSQL'),
  notes: [
    'dialect: PostgreSQL 11+. The DuckDB text as it is, over the table you name; a test runs it on PostgreSQL 15 and requires',
    'DuckDB’s findings.',
  ],
};

/** Spark's quoted name: backticks (double quotes make a string unless ANSI double-quoted identifiers are on). */
const sparkQuote = (column: string) => `\`${column}\``;

/** Spark's string literal: a backslash escapes (`\'`, `\\`); a doubled quote would be two literals run together. */
const sparkString = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const spark: SqlDialect = {
  id: 'spark',
  title: 'Spark SQL',
  quote: sparkQuote,
  string: sparkString,
  arrayOf: (value) => `array(${value})`,
  orderedIds: sortedIds(
    {
      collect: 'collect_list',
      sort: 'array_sort',
      transform: 'transform',
      pair: (time, id) => `named_struct('time', ${time}, 'id', ${id})`,
    },
    sparkQuote,
  ),
  frameArray: (value) => `collect_list(${value})`,
  relation(events) {
    if (events === undefined) return { from: 'events' };
    if (/\.parquet$/i.test(events)) return { from: `parquet.\`${events.replaceAll('`', '``')}\`` };
    if (tableName.test(events)) return { from: events };
    throw eventsIssue(
      events,
      'Spark SQL reads the Parquet of simulate --out-format parquet here (a .parquet file or glob) or a table name; ' +
        'canonical NDJSON nests origin and challenge, which Spark would infer file by file',
    );
  },
  notes: [
    'dialect: Spark SQL 3.0+. The DuckDB text in Spark’s spelling: identifiers in backticks (in Spark "…" is a string unless',
    'spark.sql.ansi.doubleQuotedIdentifiers is on), string literals escaped with \\, array(…) for ARRAY[…], collect_list for',
    'array_agg. Spark’s aggregates take no ORDER BY, so a group’s evidence is array_sort of (time, id) structs, then their ids:',
    'the order of DuckDB’s array_agg(id ORDER BY "time", id).',
    'verified: parsed by the ANTLR grammar of Spark SQL (dt-sql-parser), not run on Spark. The DuckDB text of this query is run',
    'and held to the streaming detector’s findings, and this ordering, in DuckDB’s function names, to DuckDB’s evidence order.',
  ],
};

const trino: SqlDialect = {
  id: 'trino',
  title: 'Trino',
  ...ansi,
  relation: (events) => table(events, 'Trino'),
  notes: [
    'dialect: Trino 346+ (RANGE frames with an offset). The DuckDB text as it is, over the table you name; "/" of BIGINTs',
    'truncates where DuckDB’s divides: the same floor for epoch times.',
    'verified: parsed by the ANTLR grammar of Trino (dt-sql-parser), not run on Trino; the DuckDB text of this query is run and',
    'held to the streaming detector’s findings.',
  ],
};

/** Each dialect by id. */
export const sqlDialects: Readonly<Record<SqlDialectId, SqlDialect>> = { duckdb, postgres, spark, trino };
