import { NotExportableError } from '../../../model/errors/NotExportableError.ts';
import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../ExportTarget.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import { shapeParam, windowClauseConditions, windowClauseValues } from '../shapeParams.ts';
import { vendorCondition, vendorProxyField } from '../vendorCondition.ts';
import { splEval, splField, splSearch, splString } from './_internal/splCondition.ts';

/** A base search's parenthesised alternatives. */
const anyOf = (conditions: readonly RecordCondition[]) => `(${conditions.map((c) => `(${splSearch(c)})`).join(' OR ')})`;

/**
 * A detector's shape as an SPL search over the records of `sourcetype`, the parameter values written in. Each result
 * row is a finding: `_time` (when the detector decides), `entity` (the key's value) and `evidence` (the count
 * behind it). Sliding windows are `streamstats time_window=…` over events sorted ascending by `_time` (`sort 0`, no
 * row limit; streamstats' time window needs time order), tumbling buckets `bin _time span=…` and `stats … by _time`.
 *
 * @throws NotExportableError when a duration is not a whole number of seconds (what time_window and span take), or
 *   the log cannot say a filter.
 */
export function splOfShape(input: TargetInput, sourcetype: string): string {
  const { shape, fields, instance } = input;
  const { params } = instance;
  const where = (filter: EventFilter) => vendorCondition(input, filter, 'spl');
  const seconds = (name: string) => {
    const ms = shapeParam(params, name);
    if (ms % 1000 !== 0)
      throw new NotExportableError(instance.definition.id, 'spl', `time_window and span take whole seconds; ${name} is ${ms} ms`);
    return ms / 1000;
  };
  const search = (condition: string) => `search sourcetype=${splString(sourcetype)} ${condition}`;
  const entity = `entity=${splField(fields.key(shape.key))}`;
  const table = '| table _time entity evidence';
  switch (shape.kind) {
    case 'each':
      return [search(splSearch(where(shape.where))), `| eval ${entity}, evidence=1`, table].join('\n');
    case 'bucketCount': {
      const span = seconds(shape.bucketParam);
      return [
        search(splSearch(where(shape.where))),
        `| eval ${entity}`,
        `| bin _time span=${span}s`,
        '| stats count as evidence by _time entity',
        `| where evidence >= ${shapeParam(params, shape.thresholdParam)}`,
        `| eval _time=_time + ${span}`,
        table,
      ].join('\n');
    }
    case 'countBefore': {
      const trigger = where(shape.trigger);
      const counted = where(shape.counted);
      return [
        search(anyOf([trigger, counted])),
        `| eval ${entity}, is_trigger=if(${splEval(trigger)}, 1, 0), is_counted=if(${splEval(counted)}, 1, 0)`,
        '| sort 0 _time is_trigger',
        `| streamstats time_window=${seconds(shape.windowParam)}s sum(is_counted) as evidence by entity`,
        `| where is_trigger=1 AND evidence > ${shapeParam(params, shape.aboveParam)}`,
        table,
      ].join('\n');
    }
    case 'windowAt': {
      const key = fields.key(shape.key);
      const clauses = windowClauseValues(shape.anyOf, params);
      const proxy = clauses.some((c) => c.anyProxy) ? splField(vendorProxyField(input, 'spl')) : undefined;
      const conditions = windowClauseConditions(clauses, { and: 'AND', equals: '=' });
      const flags = proxy === undefined ? '' : `, is_proxy=if(${proxy}=="true", 1, 0)`;
      const proxies = proxy === undefined ? '' : ' max(is_proxy) as proxies';
      return [
        search(`${splSearch(where(shape.where))} ${key}=*`),
        `| eval ${entity}, login=${splField(fields.user)}${flags}`,
        '| sort 0 _time',
        `| streamstats time_window=${seconds(shape.windowParam)}s count as events dc(login) as users${proxies} by entity`,
        `| stats max(events) as events max(users) as users${proxy === undefined ? '' : ' max(proxies) as proxies'} by _time entity`,
        `| where ${conditions.join(' OR ') || '1=0'}`,
        '| eval evidence=events',
        table,
      ].join('\n');
    }
    case 'runUntil': {
      const counted = where(shape.counted);
      const until = shape.until.map(where);
      const order = fields.id === undefined ? '_time' : `_time str(${fields.id})`;
      return [
        search(anyOf([counted, ...until])),
        `| eval ${entity}, is_counted=if(${splEval(counted)}, 1, 0), is_until=if(${until.map((c) => `(${splEval(c)})`).join(' OR ')}, 1, 0)`,
        `| sort 0 ${order}`,
        '| streamstats sum(is_until) as segment by entity',
        '| where is_counted=1',
        `| streamstats time_window=${seconds(shape.windowParam)}s count as evidence by entity segment`,
        `| where evidence >= ${shapeParam(params, shape.runsParam)}`,
        table,
      ].join('\n');
    }
  }
}
