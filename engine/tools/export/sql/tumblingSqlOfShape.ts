import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import { clauseCondition, condition, keyColumn, param, type SqlParams, sqlOfShape } from './sqlOfShape.ts';

/**
 * A shape's **tumbling-window variant** as one SQL query: what an engine that can only count in fixed buckets (ES|QL's
 * `BUCKET`, KQL's `bin()`) finds for it. Every window of the shape becomes a bucket of the same length aligned to the
 * epoch, per key; each bucket is judged once, at its end, over the events in it, in no order:
 *
 * - `each`, `bucketCount`: as they are (already single events and fixed buckets).
 * - `windowAt`: a bucket is a finding when any clause holds over its accepted events.
 * - `countBefore`: a bucket holding at least one trigger and more than `aboveParam` counted events (counted events
 *   after the trigger in the bucket count too).
 * - `runUntil`: a bucket holding at least `runsParam` counted events and none of the `until` events.
 *
 * Rows as {@link sqlOfShape}'s: `entity`, `decision_time` (the bucket's end), `evidence` (the bucket's events' ids).
 * `pushstorm … --windowing tumbling` scores these variants, so a user sees what a bucketed export really catches.
 */
export function tumblingSqlOfShape(shape: DetectorShape, params: SqlParams): string {
  if (shape.kind === 'each' || shape.kind === 'bucketCount') return sqlOfShape(shape, params);
  const window = param(params, shape.windowParam);
  const bucketEnd = `CAST((floor("time" / ${window}) + 1) * ${window} AS BIGINT) AS decision_time`;
  const head = `-- tumbling buckets of ${window} ms aligned to the epoch, each judged at its end over its events in no order`;
  switch (shape.kind) {
    case 'windowAt': {
      const key = keyColumn(shape.key);
      const bucket = { events: 'count(*)', users: 'count(DISTINCT "user")', proxies: 'count(*) FILTER (WHERE proxy)' };
      const having = shape.anyOf.map((c) => clauseCondition(c, params, bucket)).join(' OR ');
      return [
        head,
        `SELECT ${key} AS entity, ${bucketEnd}, array_agg(id ORDER BY "time", id) AS evidence`,
        'FROM events',
        `WHERE ${condition(shape.where)} AND ${key} IS NOT NULL`,
        `GROUP BY ${key}, floor("time" / ${window})`,
        `HAVING ${having}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'countBefore': {
      const above = param(params, shape.aboveParam);
      return [
        head,
        'WITH marked AS (',
        `  SELECT id, "user", "time", (${condition(shape.trigger)}) AS is_trigger, (${condition(shape.counted)}) AS is_counted`,
        '  FROM events',
        `  WHERE (${condition(shape.trigger)}) OR (${condition(shape.counted)})`,
        ')',
        `SELECT "user" AS entity, ${bucketEnd}, array_agg(id ORDER BY "time", id) AS evidence`,
        'FROM marked',
        `GROUP BY "user", floor("time" / ${window})`,
        `HAVING count(*) FILTER (WHERE is_trigger) > 0 AND count(*) FILTER (WHERE is_counted) > ${above}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'runUntil': {
      const runs = param(params, shape.runsParam);
      const until = shape.until.map((f) => `(${condition(f)})`).join(' OR ');
      return [
        head,
        'WITH marked AS (',
        `  SELECT id, "user", "time", (${condition(shape.counted)}) AS is_counted, (${until}) AS is_until`,
        '  FROM events',
        `  WHERE (${condition(shape.counted)}) OR ${until}`,
        ')',
        `SELECT "user" AS entity, ${bucketEnd}, array_agg(id ORDER BY "time", id) FILTER (WHERE is_counted) AS evidence`,
        'FROM marked',
        `GROUP BY "user", floor("time" / ${window})`,
        `HAVING count(*) FILTER (WHERE is_counted) >= ${runs} AND count(*) FILTER (WHERE is_until) = 0`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
  }
}
