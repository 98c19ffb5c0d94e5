import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../ExportTarget.ts';
import { durationParts, shapeParam, windowClauseConditions, windowClauseValues } from '../shapeParams.ts';
import { vendorCondition, vendorProxyField } from '../vendorCondition.ts';
import { esqlCondition, esqlField } from './_internal/esqlCondition.ts';

const unitNames = { d: 'day', h: 'hour', m: 'minute', s: 'second', ms: 'millisecond' } as const;

/** An ES|QL time-duration literal of a duration in milliseconds (`5 minutes`, `1 hour`, `1500 milliseconds`). */
function esqlDuration(ms: number): string {
  const { amount, unit } = durationParts(ms);
  return `${amount} ${unitNames[unit]}${amount === 1 ? '' : 's'}`;
}

const tail = ['| KEEP decision_time, entity, evidence', '| SORT decision_time, entity'];

/**
 * A detector's shape as an ES|QL query over `index`, the parameter values written in. Each result row is a finding:
 * `decision_time`, `entity` (the key's value) and `evidence` (the count behind it). ES|QL has no sliding window:
 * every windowed shape is counted in tumbling buckets of the window's length aligned to the epoch
 * (`BUCKET(@timestamp, <duration>)`), a finding at a bucket's end.
 *
 * @throws NotExportableError when the log cannot say a filter or has no proxy flag a clause reads.
 */
export function esqlOfShape(input: TargetInput, index: string): string {
  const { shape, fields, instance } = input;
  const { params } = instance;
  const where = (filter: EventFilter) => esqlCondition(vendorCondition(input, filter, 'esql'));
  const key = esqlField(fields.key(shape.key));
  const bucketed = (name: string) => {
    const width = esqlDuration(shapeParam(params, name));
    return { by: `BY entity, bucket = BUCKET(@timestamp, ${width})`, end: `decision_time = bucket + ${width}` };
  };
  switch (shape.kind) {
    case 'each':
      return [
        `FROM ${index}`,
        `| WHERE ${where(shape.where)}`,
        `| EVAL decision_time = @timestamp, entity = ${key}, evidence = 1`,
        ...tail,
      ].join('\n');
    case 'bucketCount': {
      const bucket = bucketed(shape.bucketParam);
      return [
        `FROM ${index}`,
        `| WHERE ${where(shape.where)}`,
        `| EVAL entity = ${key}`,
        `| STATS evidence = COUNT(*) ${bucket.by}`,
        `| WHERE evidence >= ${shapeParam(params, shape.thresholdParam)}`,
        `| EVAL ${bucket.end}`,
        ...tail,
      ].join('\n');
    }
    case 'countBefore': {
      const bucket = bucketed(shape.windowParam);
      const trigger = where(shape.trigger);
      const counted = where(shape.counted);
      return [
        `FROM ${index}`,
        `| WHERE (${trigger}) OR (${counted})`,
        `| EVAL entity = ${key}, is_trigger = CASE(${trigger}, 1, 0), is_counted = CASE(${counted}, 1, 0)`,
        `| STATS triggers = SUM(is_trigger), evidence = SUM(is_counted) ${bucket.by}`,
        `| WHERE triggers > 0 AND evidence > ${shapeParam(params, shape.aboveParam)}`,
        `| EVAL ${bucket.end}`,
        ...tail,
      ].join('\n');
    }
    case 'windowAt': {
      const bucket = bucketed(shape.windowParam);
      const clauses = windowClauseValues(shape.anyOf, params);
      const proxy = clauses.some((c) => c.anyProxy) ? esqlField(vendorProxyField(input, 'esql')) : undefined;
      const conditions = windowClauseConditions(clauses, { and: 'AND', equals: '==' });
      return [
        `FROM ${index}`,
        `| WHERE ${where(shape.where)} AND ${key} IS NOT NULL`,
        `| EVAL entity = ${key}, login = ${esqlField(fields.user)}${proxy === undefined ? '' : `, is_proxy = CASE(${proxy} == true, 1, 0)`}`,
        `| STATS events = COUNT(*), users = COUNT_DISTINCT(login)${proxy === undefined ? '' : ', proxies = SUM(is_proxy)'} ${bucket.by}`,
        `| WHERE ${conditions.join(' OR ') || 'false'}`,
        `| EVAL ${bucket.end}, evidence = events`,
        ...tail,
      ].join('\n');
    }
    case 'runUntil': {
      const bucket = bucketed(shape.windowParam);
      const counted = where(shape.counted);
      const until = shape.until.map((f) => `(${where(f)})`).join(' OR ');
      return [
        `FROM ${index}`,
        `| WHERE (${counted}) OR ${until}`,
        `| EVAL entity = ${key}, is_counted = CASE(${counted}, 1, 0), is_until = CASE(${until}, 1, 0)`,
        `| STATS evidence = SUM(is_counted), untils = SUM(is_until) ${bucket.by}`,
        `| WHERE evidence >= ${shapeParam(params, shape.runsParam)} AND untils == 0`,
        `| EVAL ${bucket.end}`,
        ...tail,
      ].join('\n');
    }
  }
}
