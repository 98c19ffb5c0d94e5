import type { DetectorShape, EventFilter } from '../../runtime/DetectorShape.ts';

/** A SQL string literal. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The `WHERE` condition of a filter over the `events` relation ({@link canonicalEventsView}). */
function condition(where: EventFilter): string {
  const parts = [`"type" IN (${where.types.map(literal).join(', ')})`];
  if (where.outcome !== undefined) parts.push(`outcome = ${literal(where.outcome)}`);
  if (where.results !== undefined) parts.push(`result IN (${where.results.map(literal).join(', ')})`);
  return parts.join(' AND ');
}

/** A parameter's value, checked to be a whole number (every count and duration of a shape is). */
function param(params: Readonly<Record<string, number>>, name: string): number {
  const value = params[name];
  if (!Number.isSafeInteger(value)) throw new RangeError(`parameter ${name} must be a whole number, got ${value}`);
  return value;
}

/**
 * A detector's shape as one SQL query (DuckDB's dialect; standard SQL but for `floor`'s spelling) over a relation
 * `events` with the canonical event's columns (`id`, `time` as epoch milliseconds, `type`, `user`, `outcome`,
 * `reason`, `result` for the challenge's result), with the given parameter values written in. It returns one row per
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
  }
}

/**
 * The DuckDB view that makes a canonical NDJSON file (`pushstorm simulate`'s `events.ndjson`) the `events` relation
 * {@link sqlOfShape}'s queries read.
 */
export function canonicalEventsView(file: string): string {
  const columns = `{id: 'VARCHAR', "time": 'BIGINT', "type": 'VARCHAR', "user": 'VARCHAR', outcome: 'VARCHAR', reason: 'VARCHAR', challenge: 'STRUCT(id VARCHAR, factor VARCHAR, result VARCHAR)'}`;
  return `CREATE OR REPLACE VIEW events AS SELECT id, "time", "type", "user", outcome, reason, challenge.result AS result FROM read_json(${literal(file)}, format = 'newline_delimited', columns = ${columns})`;
}
