import type { DetectorShape, EventFilter } from '../../../runtime/DetectorShape.ts';
import { clauseCondition, condition, keyColumn, param, type SqlParams, type SqlWriting, sqlOfShape, writingOf } from './sqlOfShape.ts';

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
 * Rows as {@link sqlOfShape}'s: `entity`, `decision_time` (the bucket's end), `evidence` (the bucket's events' ids),
 * in the dialect `writing` names (default DuckDB's). `pushstorm … --windowing tumbling` scores these variants, so a
 * user sees what a bucketed export really catches.
 */
export function tumblingSqlOfShape(shape: DetectorShape, params: SqlParams, writing: SqlWriting = {}): string {
  if (shape.kind === 'each' || shape.kind === 'bucketCount') return sqlOfShape(shape, params, writing);
  const { d, from } = writingOf(writing);
  const [user, time] = [d.quote('user'), d.quote('time')];
  const where = (f: EventFilter) => condition(f, d);
  const window = param(params, shape.windowParam);
  const bucketEnd = `CAST((floor(${time} / ${window}) + 1) * ${window} AS BIGINT) AS decision_time`;
  const head = `-- tumbling buckets of ${window} ms aligned to the epoch, each judged at its end over its events in no order`;
  switch (shape.kind) {
    case 'windowAt': {
      const key = keyColumn(shape.key, d);
      const bucket = { events: 'count(*)', users: `count(DISTINCT ${user})`, proxies: 'count(*) FILTER (WHERE proxy)' };
      const having = shape.anyOf.map((c) => clauseCondition(c, params, bucket)).join(' OR ');
      return [
        head,
        `SELECT ${key} AS entity, ${bucketEnd}, ${d.orderedIds('')} AS evidence`,
        `FROM ${from}`,
        `WHERE ${where(shape.where)} AND ${key} IS NOT NULL`,
        `GROUP BY ${key}, floor(${time} / ${window})`,
        `HAVING ${having}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'countBefore': {
      const above = param(params, shape.aboveParam);
      return [
        head,
        'WITH marked AS (',
        `  SELECT id, ${user}, ${time}, (${where(shape.trigger)}) AS is_trigger, (${where(shape.counted)}) AS is_counted`,
        `  FROM ${from}`,
        `  WHERE (${where(shape.trigger)}) OR (${where(shape.counted)})`,
        ')',
        `SELECT ${user} AS entity, ${bucketEnd}, ${d.orderedIds('')} AS evidence`,
        'FROM marked',
        `GROUP BY ${user}, floor(${time} / ${window})`,
        `HAVING count(*) FILTER (WHERE is_trigger) > 0 AND count(*) FILTER (WHERE is_counted) > ${above}`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
    case 'runUntil': {
      const runs = param(params, shape.runsParam);
      const until = shape.until.map((f) => `(${where(f)})`).join(' OR ');
      return [
        head,
        'WITH marked AS (',
        `  SELECT id, ${user}, ${time}, (${where(shape.counted)}) AS is_counted, (${until}) AS is_until`,
        `  FROM ${from}`,
        `  WHERE (${where(shape.counted)}) OR ${until}`,
        ')',
        `SELECT ${user} AS entity, ${bucketEnd}, ${d.orderedIds('', 'is_counted')} AS evidence`,
        'FROM marked',
        `GROUP BY ${user}, floor(${time} / ${window})`,
        `HAVING count(*) FILTER (WHERE is_counted) >= ${runs} AND count(*) FILTER (WHERE is_until) = 0`,
        'ORDER BY decision_time, entity',
      ].join('\n');
    }
  }
}
