import type { DetectorShape, EventFilter, ShapeKey, WindowClause } from '../../../runtime/DetectorShape.ts';

/** A SQL string literal. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The `WHERE` condition of a filter over the `events` relation ({@link canonicalEventsView}). */
function condition(where: EventFilter): string {
  const parts = [`"type" IN (${where.types.map(literal).join(', ')})`];
  if (where.outcome !== undefined) parts.push(`outcome = ${literal(where.outcome)}`);
  if (where.outcomeNot !== undefined) parts.push(`outcome IS DISTINCT FROM ${literal(where.outcomeNot)}`);
  if (where.results !== undefined) parts.push(`result IN (${where.results.map(literal).join(', ')})`);
  return parts.join(' AND ');
}

/** The column a shape's key reads. */
const keyColumn = (key: ShapeKey) => (key === 'user' ? '"user"' : 'ip');

/** The condition of one clause of a `windowAt` shape over the window's aggregates `events`, `users`, `proxies`. */
function clauseCondition(clause: WindowClause, params: Readonly<Record<string, number>>): string {
  const parts: string[] = [];
  if (clause.singleUser) parts.push('users = 1');
  if (clause.eventsAbove !== undefined) parts.push(`events > ${param(params, clause.eventsAbove)}`);
  if (clause.usersAbove !== undefined) parts.push(`users > ${param(params, clause.usersAbove)}`);
  if (clause.anyProxyWhen !== undefined) parts.push(param(params, clause.anyProxyWhen) >= 1 ? 'proxies > 0' : 'FALSE');
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}

/** A parameter's value, checked to be a whole number (every count and duration of a shape is). */
function param(params: Readonly<Record<string, number>>, name: string): number {
  const value = params[name];
  if (!Number.isSafeInteger(value)) throw new RangeError(`parameter ${name} must be a whole number, got ${value}`);
  return value;
}

/**
 * A detector's shape as one SQL query (DuckDB's dialect: standard window functions, `count(*) FILTER`, and `count(DISTINCT …)` over a range frame, which not every engine has) over a relation
 * `events` with the canonical event's columns (`id`, `time` as epoch milliseconds, `type`, `user`, `ip`, `asn` and
 * `proxy` of its origin — `proxy` false when not given —, `outcome`, `reason`, `result` for the challenge's result), with the given parameter values written in. It returns one row per
 * finding — `entity` (the key), `decision_time` (epoch milliseconds: when the streaming detector decides) and
 * `evidence` (the events behind it) — ordered by time and entity.
 *
 * @example sqlOfShape(baselineSplunkFailedMfa.shape!, { threshold: 10, bucketMs: 300_000 })
 */
export function sqlOfShape(shape: DetectorShape, params: Readonly<Record<string, number>>): string {
  switch (shape.kind) {
    case 'each':
      return [
        'SELECT "user" AS entity, "time" AS decision_time, 1 AS evidence',
        'FROM events',
        `WHERE ${condition(shape.where)}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    case 'bucketCount': {
      const bucket = param(params, shape.bucketParam);
      const threshold = param(params, shape.thresholdParam);
      return [
        `-- tumbling buckets of ${bucket} ms aligned to the epoch; a finding at each bucket's end with >= ${threshold} events`,
        `SELECT "user" AS entity, CAST((floor("time" / ${bucket}) + 1) * ${bucket} AS BIGINT) AS decision_time, count(*) AS evidence`,
        'FROM events',
        `WHERE ${condition(shape.where)}`,
        `GROUP BY "user", floor("time" / ${bucket})`,
        `HAVING count(*) >= ${threshold}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'countBefore': {
      const window = param(params, shape.windowParam);
      const above = param(params, shape.aboveParam);
      return [
        `-- at each trigger event, the counted events of its key in the ${window} ms up to it (same millisecond included); a finding when more than ${above}`,
        'WITH marked AS (',
        `  SELECT "user", "time", (${condition(shape.trigger)}) AS is_trigger, (${condition(shape.counted)}) AS is_counted`,
        '  FROM events',
        `  WHERE (${condition(shape.trigger)}) OR (${condition(shape.counted)})`,
        '), counted AS (',
        '  SELECT "user", "time", is_trigger,',
        `    count(*) FILTER (WHERE is_counted) OVER (PARTITION BY "user" ORDER BY "time" RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW) AS before`,
        '  FROM marked',
        ')',
        'SELECT "user" AS entity, "time" AS decision_time, before AS evidence',
        'FROM counted',
        `WHERE is_trigger AND before > ${above}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'windowAt': {
      const window = param(params, shape.windowParam);
      const key = keyColumn(shape.key);
      const frame = `OVER (PARTITION BY ${key} ORDER BY "time" RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW)`;
      return [
        `-- a window of ${window} ms ending at each accepted event (same millisecond included), per ${shape.key}; a finding when any clause holds`,
        'WITH windowed AS (',
        `  SELECT ${key} AS entity, "time",`,
        `    count(*) ${frame} AS events,`,
        `    count(DISTINCT "user") ${frame} AS users,`,
        `    count(*) FILTER (WHERE proxy) ${frame} AS proxies`,
        '  FROM events',
        `  WHERE ${condition(shape.where)} AND ${key} IS NOT NULL`,
        ')',
        'SELECT DISTINCT entity, "time" AS decision_time, events AS evidence',
        'FROM windowed',
        `WHERE ${shape.anyOf.map((c) => clauseCondition(c, params)).join(' OR ')}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'runUntil': {
      const window = param(params, shape.windowParam);
      const runs = param(params, shape.runsParam);
      const until = shape.until.map((f) => `(${condition(f)})`).join(' OR ');
      return [
        `-- sequences of ${runs} counted events at most ${window} ms from first to last, cut by any "until" event; a finding at each counted event that completes one`,
        'WITH marked AS (',
        `  SELECT "user", "time", id, (${condition(shape.counted)}) AS is_counted, (${until}) AS is_until`,
        '  FROM events',
        `  WHERE (${condition(shape.counted)}) OR ${until}`,
        '), segmented AS (',
        '  SELECT "user", "time", is_counted,',
        '    count(*) FILTER (WHERE is_until) OVER (PARTITION BY "user" ORDER BY "time", id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS segment',
        '  FROM marked',
        '), counted AS (',
        '  SELECT "user", "time",',
        `    count(*) OVER (PARTITION BY "user", segment ORDER BY "time" RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW) AS run`,
        '  FROM segmented',
        '  WHERE is_counted',
        ')',
        'SELECT DISTINCT "user" AS entity, "time" AS decision_time, run AS evidence',
        'FROM counted',
        `WHERE run >= ${runs}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
  }
}

/**
 * The DuckDB view that makes a canonical NDJSON file (`pushstorm simulate`'s `events.ndjson`) the `events` relation
 * {@link sqlOfShape}'s queries read. A name ending in `.parquet` is read as the Parquet that `simulate --out-format
 * parquet` writes, whose flat columns are this view's; a glob reads many files as one (the partitions of a world).
 */
export function canonicalEventsView(file: string): string {
  if (file.endsWith('.parquet'))
    return `CREATE OR REPLACE VIEW events AS SELECT id, "time", "type", "user", ip, asn, proxy, outcome, reason, result FROM read_parquet(${literal(file)})`;
  const columns = `{id: 'VARCHAR', "time": 'BIGINT', "type": 'VARCHAR', "user": 'VARCHAR', origin: 'STRUCT(ip VARCHAR, asn BIGINT, proxy BOOLEAN)', outcome: 'VARCHAR', reason: 'VARCHAR', challenge: 'STRUCT(id VARCHAR, factor VARCHAR, result VARCHAR)'}`;
  return `CREATE OR REPLACE VIEW events AS SELECT id, "time", "type", "user", origin.ip AS ip, origin.asn AS asn, coalesce(origin.proxy, FALSE) AS proxy, outcome, reason, challenge.result AS result FROM read_json(${literal(file)}, format = 'newline_delimited', columns = ${columns})`;
}
