import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../ExportTarget.ts';
import { durationParts, shapeParam, windowClauseValues } from '../shapeParams.ts';
import { vendorCondition, vendorProxyField } from '../vendorCondition.ts';
import { eqlCondition, eqlField } from './_internal/eqlCondition.ts';
import { whyEqlCannot } from './_internal/whyEqlCannot.ts';

/** An EQL `maxspan` of a duration in milliseconds (`5m`, `1h`, `90s`, `1500ms`). */
const maxspan = (ms: number) => {
  const { amount, unit } = durationParts(ms);
  return `${amount}${unit}`;
};

/**
 * "At least `runs` accepted records of one key within `span`", as EQL says it: a sequence of one stage repeated, which
 * completes at the record that makes the count (a sliding window, both ends included). A count of one is every
 * record, written as a single-record query (a sequence needs two stages).
 */
function atLeast(input: TargetInput, filter: EventFilter, runs: number, span: number): string {
  const by = eqlField(input.fields.key(input.shape.key));
  const condition = eqlCondition(vendorCondition(input, filter, 'eql'));
  if (runs <= 1) return `any where ${condition} and ${by} != null`;
  return [`sequence by ${by} with maxspan=${maxspan(span)}`, `  [any where ${condition}] with runs=${runs}`].join('\n');
}

/**
 * A detector's shape as an EQL query, the parameter values written in: single-event rules as `any where …` (the
 * records carry no `event.category` to name); counts as `sequence by <key> with maxspan=…` with a repeated stage
 * (`with runs=N`) — `countBefore` followed by its trigger, `runUntil` with an `until` stage, `bucketCount` as its
 * sliding variant (at least the threshold within the bucket length), a `windowAt` clause of "more than N events" as
 * N + 1 runs within the window; a `windowAt` proxy clause as a single-record query on the proxy flag. What EQL cannot
 * say (a distinct count, several clauses, runs above 100) the target's `cannot` tells.
 *
 * @throws RangeError for a shape {@link whyEqlCannot} refuses; NotExportableError when the log cannot say a filter or
 *   has no proxy flag.
 */
export function eqlOfShape(input: TargetInput): string {
  const { shape, fields, instance } = input;
  const { params } = instance;
  const why = whyEqlCannot(shape, params);
  if (why !== undefined) throw new RangeError(why);
  const where = (filter: EventFilter) => `any where ${eqlCondition(vendorCondition(input, filter, 'eql'))}`;
  const by = eqlField(fields.key(shape.key));
  switch (shape.kind) {
    case 'each':
      return where(shape.where);
    case 'bucketCount':
      return atLeast(input, shape.where, shapeParam(params, shape.thresholdParam), shapeParam(params, shape.bucketParam));
    case 'windowAt': {
      const [clause] = windowClauseValues(shape.anyOf, params);
      if (clause.eventsAbove !== undefined)
        return atLeast(input, shape.where, clause.eventsAbove + 1, shapeParam(params, shape.windowParam));
      const proxy = eqlField(vendorProxyField(input, 'eql'));
      return `${where(shape.where)} and ${proxy} == true and ${by} != null`;
    }
    case 'countBefore':
      return [
        `sequence by ${by} with maxspan=${maxspan(shapeParam(params, shape.windowParam))}`,
        `  [${where(shape.counted)}] with runs=${shapeParam(params, shape.aboveParam) + 1}`,
        `  [${where(shape.trigger)}]`,
      ].join('\n');
    case 'runUntil': {
      const until = shape.until.map((f) => `(${eqlCondition(vendorCondition(input, f, 'eql'))})`).join(' or ');
      return [
        `sequence by ${by} with maxspan=${maxspan(shapeParam(params, shape.windowParam))}`,
        `  [${where(shape.counted)}] with runs=${shapeParam(params, shape.runsParam)}`,
        `until [any where ${until}]`,
      ].join('\n');
    }
  }
}
