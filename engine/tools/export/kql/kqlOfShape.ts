import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../ExportTarget.ts';
import { durationParts, shapeParam, windowClauseConditions, windowClauseValues } from '../shapeParams.ts';
import { vendorCondition, vendorProxyField } from '../vendorCondition.ts';
import { kqlCondition, kqlPath } from './_internal/kqlCondition.ts';

/** A KQL timespan literal of a duration in milliseconds (`5m`, `1h`, `90s`, `1500ms`). */
function kqlTimespan(ms: number): string {
  const { amount, unit } = durationParts(ms);
  return `${amount}${unit}`;
}

const order = '| order by decision_time asc, entity asc';

/**
 * A detector's shape as a KQL query over `table` (a Log Analytics / Sentinel table whose columns are the record's
 * top-level fields, `TimeGenerated` its time), the parameter values written in. Each result row is a finding:
 * `decision_time` (when the detector decides), `entity` (the key's value) and `evidence` (the count behind it).
 * Tumbling buckets are `summarize … by bin_at(TimeGenerated, …, datetime(1970-01-01))`; sliding windows a self-join
 * of each key's records on the key, kept where the other record lies in the window — exact, and quadratic in a
 * key's records.
 *
 * @throws NotExportableError when the log cannot say a filter or has no proxy flag a clause reads.
 */
export function kqlOfShape(input: TargetInput, table: string): string {
  const { shape, fields, instance } = input;
  const { params } = instance;
  const where = (filter: EventFilter) => kqlCondition(vendorCondition(input, filter, 'kql'));
  const key = `tostring(${kqlPath(fields.key(shape.key))})`;
  const span = (name: string) => kqlTimespan(shapeParam(params, name));
  switch (shape.kind) {
    case 'each':
      return [table, `| where ${where(shape.where)}`, `| project decision_time = TimeGenerated, entity = ${key}, evidence = 1`, order].join(
        '\n',
      );
    case 'bucketCount': {
      const bucket = span(shape.bucketParam);
      return [
        table,
        `| where ${where(shape.where)}`,
        `| summarize evidence = count() by entity = ${key}, bucket = bin_at(TimeGenerated, ${bucket}, datetime(1970-01-01))`,
        `| where evidence >= ${shapeParam(params, shape.thresholdParam)}`,
        `| project decision_time = bucket + ${bucket}, entity, evidence`,
        order,
      ].join('\n');
    }
    case 'countBefore':
      return [
        `let counted = ${table}`,
        `| where ${where(shape.counted)}`,
        `| project entity = ${key}, counted_time = TimeGenerated;`,
        table,
        `| where ${where(shape.trigger)}`,
        `| summarize by entity = ${key}, decision_time = TimeGenerated`,
        '| join kind=inner counted on entity',
        `| where counted_time between ((decision_time - ${span(shape.windowParam)}) .. decision_time)`,
        '| summarize evidence = count() by entity, decision_time',
        `| where evidence > ${shapeParam(params, shape.aboveParam)}`,
        order,
      ].join('\n');
    case 'windowAt': {
      const clauses = windowClauseValues(shape.anyOf, params);
      const proxy = clauses.some((c) => c.anyProxy) ? kqlPath(vendorProxyField(input, 'kql')) : undefined;
      const conditions = windowClauseConditions(clauses, { and: 'and', equals: '==' });
      return [
        `let accepted = ${table}`,
        `| where ${where(shape.where)} and isnotempty(${key})`,
        `| project entity = ${key}, event_time = TimeGenerated, login = tostring(${kqlPath(fields.user)})${
          proxy === undefined ? '' : `, is_proxy = tobool(${proxy})`
        };`,
        'accepted',
        '| summarize by entity, decision_time = event_time',
        '| join kind=inner accepted on entity',
        `| where event_time between ((decision_time - ${span(shape.windowParam)}) .. decision_time)`,
        `| summarize events = count(), users = array_length(make_set(login))${
          proxy === undefined ? '' : ', proxies = countif(is_proxy == true)'
        } by entity, decision_time`,
        `| where ${conditions.join(' or ') || 'false'}`,
        '| project decision_time, entity, evidence = events',
        order,
      ].join('\n');
    }
    case 'runUntil': {
      const counted = where(shape.counted);
      const until = shape.until.map((f) => `(${where(f)})`).join(' or ');
      const id = fields.id === undefined ? '' : `, tostring(${kqlPath(fields.id)}) asc`;
      return [
        `let marked = ${table}`,
        `| where (${counted}) or ${until}`,
        `| extend entity = ${key}, is_counted = ${counted}, is_until = ${until}`,
        `| order by entity asc, TimeGenerated asc${id}`,
        '| extend segment = row_cumsum(iff(is_until, 1, 0), entity != prev(entity)), seq = row_number()',
        '| where is_counted',
        '| project entity, segment, seq, event_time = TimeGenerated;',
        'marked',
        '| join kind=inner (marked | project entity, segment, earlier_seq = seq, earlier_time = event_time) on entity, segment',
        `| where earlier_seq <= seq and earlier_time >= event_time - ${span(shape.windowParam)}`,
        '| summarize evidence = count() by entity, seq, decision_time = event_time',
        `| where evidence >= ${shapeParam(params, shape.runsParam)}`,
        '| project decision_time, entity, evidence',
        order,
      ].join('\n');
    }
  }
}
