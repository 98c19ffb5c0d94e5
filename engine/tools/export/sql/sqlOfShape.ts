import { eventColumns } from '../../../formats/canonical/eventColumns.ts';
import type { DetectorShape, EventFilter, ShapeKey, WindowClause } from '../../../runtime/DetectorShape.ts';
import { sqlString } from '../../../model/text/sqlString.ts';
import { type SqlDialect, type SqlDialectId, sqlDialects } from './SqlDialect.ts';

/** How a query is written: the engine's dialect and the relation it reads. */
export interface SqlWriting {
  /** The engine's spellings: one of {@link sqlDialects} by id (default `duckdb`), or a dialect of your own. */
  dialect?: SqlDialectId | SqlDialect;
  /** The relation of canonical events the query reads (default `events`). */
  from?: string;
}

/** The dialect and relation of a {@link SqlWriting}, defaults filled in. */
export function writingOf({ dialect = 'duckdb', from = 'events' }: SqlWriting = {}): { d: SqlDialect; from: string } {
  return { d: typeof dialect === 'string' ? sqlDialects[dialect] : dialect, from };
}

/** The `WHERE` condition of a filter over the `events` relation ({@link canonicalEventsView}). */
export function condition(where: EventFilter, d: SqlDialect = sqlDialects.duckdb): string {
  const parts = [`${d.quote('type')} IN (${where.types.map(d.string).join(', ')})`];
  if (where.outcome !== undefined) parts.push(`outcome = ${d.string(where.outcome)}`);
  if (where.outcomeNot !== undefined) parts.push(`(outcome IS NULL OR outcome <> ${d.string(where.outcomeNot)})`);
  if (where.results !== undefined) parts.push(`result IN (${where.results.map(d.string).join(', ')})`);
  return parts.join(' AND ');
}

/** The column a shape's key reads. */
export const keyColumn = (key: ShapeKey, d: SqlDialect = sqlDialects.duckdb) => (key === 'user' ? d.quote('user') : 'ip');

/** The SQL expressions a `windowAt` clause is judged on: the window's events, distinct users, proxied events. */
export interface WindowAggregates {
  events: string;
  users: string;
  proxies: string;
}

/** The condition of one clause of a `windowAt` shape over the window's aggregates. */
export function clauseCondition(
  clause: WindowClause,
  params: SqlParams,
  of: WindowAggregates = { events: 'events', users: 'users', proxies: 'proxies' },
): string {
  const parts: string[] = [];
  if (clause.singleUser) parts.push(`${of.users} = 1`);
  if (clause.eventsAbove !== undefined) parts.push(`${of.events} > ${param(params, clause.eventsAbove)}`);
  if (clause.usersAbove !== undefined) parts.push(`${of.users} > ${param(params, clause.usersAbove)}`);
  if (clause.anyProxyWhen !== undefined) parts.push(`${param(params, clause.anyProxyWhen)} >= 1 AND ${of.proxies} > 0`);
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}

/**
 * A parameter as the query writes it: its value, checked to be a whole number (every count and duration of a shape
 * is), or the placeholder `:name` when the query is a template ({@link SqlParams}).
 */
export function param(params: SqlParams, name: string): string {
  if (params === 'placeholders') return `:${name}`;
  const value = params[name];
  if (!Number.isSafeInteger(value)) throw new RangeError(`parameter ${name} must be a whole number, got ${value}`);
  return String(value);
}

/**
 * The parameter values a query is written with, or `'placeholders'` for a template with `:name` placeholders (the
 * body of a SQL detector, `pushstorm export --to sql --as-detector`).
 */
export type SqlParams = Readonly<Record<string, number>> | 'placeholders';

/**
 * A detector's shape as one SQL query (standard SQL as DuckDB and PostgreSQL run it: window functions with `RANGE` frames over the time, `array_agg`, a self-join for distinct counts) over a relation
 * `events` with the canonical event's columns ({@link eventColumns}: `id`, `time` as epoch milliseconds, `type`, `user`,
 * `ip`, `asn` and `proxy` of its origin — `proxy` false when not given —, `outcome`, `reason`, `result` for the
 * challenge's result, …), with the given parameter values written in. It returns one row per
 * finding — `entity` (the key), `decision_time` (epoch milliseconds: when the streaming detector decides) and
 * `evidence` (the events behind it) — ordered by time and entity.
 *
 * The same structure is written in each engine's dialect ({@link SqlDialect}: Spark SQL's backticks, `array(…)` and
 * sorted `collect_list`; a table for Trino and PostgreSQL), the spellings differing only where the engines do.
 *
 * @example sqlOfShape(baselineSplunkFailedMfa.shape!, { threshold: 10, bucketMs: 300_000 })
 * @example sqlOfShape(baselineSplunkFailedMfa.shape!, { threshold: 10, bucketMs: 300_000 }, { dialect: 'spark' })
 */
export function sqlOfShape(shape: DetectorShape, params: SqlParams, writing: SqlWriting = {}): string {
  const { d, from } = writingOf(writing);
  const [user, time] = [d.quote('user'), d.quote('time')];
  const where = (f: EventFilter) => condition(f, d);
  switch (shape.kind) {
    case 'each':
      return [
        `SELECT ${user} AS entity, ${time} AS decision_time, ${d.arrayOf('id')} AS evidence`,
        `FROM ${from}`,
        `WHERE ${where(shape.where)}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    case 'bucketCount': {
      const bucket = param(params, shape.bucketParam);
      const threshold = param(params, shape.thresholdParam);
      return [
        `-- tumbling buckets of ${bucket} ms aligned to the epoch; a finding at each bucket's end with >= ${threshold} events`,
        `SELECT ${user} AS entity, CAST((floor(${time} / ${bucket}) + 1) * ${bucket} AS BIGINT) AS decision_time, ${d.orderedIds('')} AS evidence`,
        `FROM ${from}`,
        `WHERE ${where(shape.where)}`,
        `GROUP BY ${user}, floor(${time} / ${bucket})`,
        `HAVING count(*) >= ${threshold}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'countBefore': {
      const window = param(params, shape.windowParam);
      const above = param(params, shape.aboveParam);
      const frame = `OVER (PARTITION BY ${user} ORDER BY ${time} RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW)`;
      return [
        `-- at each trigger event, the counted events of its key in the ${window} ms up to it (same millisecond included); a finding when more than ${above}`,
        'WITH marked AS (',
        `  SELECT id, ${user}, ${time}, (${where(shape.trigger)}) AS is_trigger, (${where(shape.counted)}) AS is_counted`,
        `  FROM ${from}`,
        `  WHERE (${where(shape.trigger)}) OR (${where(shape.counted)})`,
        '), counted AS (',
        `  SELECT id, ${user}, ${time}, is_trigger,`,
        `    count(CASE WHEN is_counted THEN 1 END) ${frame} AS before,`,
        `    ${d.frameArray('id')} ${frame} AS ids`,
        '  FROM marked',
        ')',
        `SELECT ${user} AS entity, ${time} AS decision_time, ids AS evidence`,
        'FROM counted',
        `WHERE is_trigger AND before > ${above}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'windowAt': {
      const window = param(params, shape.windowParam);
      const key = keyColumn(shape.key, d);
      // A self-join rather than window functions: count(DISTINCT …) over a frame is DuckDB's, not standard SQL.
      return [
        `-- a window of ${window} ms ending at each accepted event (same millisecond included), per ${shape.key}; a finding when any clause holds`,
        'WITH accepted AS (',
        `  SELECT ${key} AS entity, ${time}, id, ${user}, proxy`,
        `  FROM ${from}`,
        `  WHERE ${where(shape.where)} AND ${key} IS NOT NULL`,
        '), windowed AS (',
        `  SELECT w.entity, w.${time},`,
        '    count(*) AS events,',
        `    count(DISTINCT a.${user}) AS users,`,
        '    count(CASE WHEN a.proxy THEN 1 END) AS proxies,',
        `    ${d.orderedIds('a.')} AS ids`,
        `  FROM (SELECT DISTINCT entity, ${time} FROM accepted) w`,
        `  JOIN accepted a ON a.entity = w.entity AND a.${time} BETWEEN w.${time} - ${window} AND w.${time}`,
        `  GROUP BY w.entity, w.${time}`,
        ')',
        `SELECT entity, ${time} AS decision_time, ids AS evidence`,
        'FROM windowed',
        `WHERE ${shape.anyOf.map((c) => clauseCondition(c, params)).join(' OR ')}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'runUntil': {
      const window = param(params, shape.windowParam);
      const runs = param(params, shape.runsParam);
      const until = shape.until.map((f) => `(${where(f)})`).join(' OR ');
      const frame = `OVER (PARTITION BY ${user}, segment ORDER BY ${time} RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW)`;
      return [
        `-- sequences of ${runs} counted events at most ${window} ms from first to last, cut by any "until" event; a finding at each counted event that completes one`,
        'WITH marked AS (',
        `  SELECT ${user}, ${time}, id, (${where(shape.counted)}) AS is_counted, (${until}) AS is_until`,
        `  FROM ${from}`,
        `  WHERE (${where(shape.counted)}) OR ${until}`,
        '), segmented AS (',
        `  SELECT id, ${user}, ${time}, is_counted,`,
        `    count(CASE WHEN is_until THEN 1 END) OVER (PARTITION BY ${user} ORDER BY ${time}, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS segment`,
        '  FROM marked',
        '), counted AS (',
        `  SELECT ${user}, ${time},`,
        `    count(*) ${frame} AS run,`,
        `    ${d.frameArray('id')} ${frame} AS ids`,
        '  FROM segmented',
        '  WHERE is_counted',
        ')',
        `SELECT DISTINCT ${user} AS entity, ${time} AS decision_time, ids AS evidence`,
        'FROM counted',
        `WHERE run >= ${runs}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
  }
}

/**
 * The DuckDB view that makes a canonical NDJSON file (`pushstorm simulate`'s `events.ndjson`) the `events` relation
 * {@link sqlOfShape}'s queries read: the columns of {@link eventColumns}, the same a SQL detector's table has. A name
 * ending in `.parquet` is read as the Parquet that `simulate --out-format parquet` writes, whose flat columns are this
 * view's; a glob reads many files as one (the partitions of a world).
 */
export function canonicalEventsView(file: string): string {
  if (file.endsWith('.parquet'))
    return `CREATE OR REPLACE VIEW events AS SELECT ${eventColumns.map((c) => `"${c.name}"`).join(', ')} FROM read_parquet(${sqlString(file)})`;
  const nested = new Map<string, string[]>();
  const top: string[] = [];
  for (const column of eventColumns) {
    const [head, field] = column.field.split('.');
    if (field === undefined) top.push(`"${head}": '${column.type}'`);
    else nested.set(head, [...(nested.get(head) ?? []), `"${field}" ${column.type}`]);
  }
  const types = `{${[...top, ...[...nested].map(([head, fields]) => `"${head}": 'STRUCT(${fields.join(', ')})'`)].join(', ')}}`;
  const select = eventColumns.map((c) => {
    const path = c.field
      .split('.')
      .map((p) => `"${p}"`)
      .join('.');
    // A flag the event leaves out is false, as the runtime reads it.
    const value = c.type === 'BOOLEAN' ? `coalesce(${path}, FALSE)` : path;
    return `${value} AS "${c.name}"`;
  });
  return `CREATE OR REPLACE VIEW events AS SELECT ${select.join(', ')} FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = ${types})`;
}
