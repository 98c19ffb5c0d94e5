import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import type { TargetInput } from '../ExportTarget.ts';
import { durationParts, shapeParam } from '../shapeParams.ts';
import { vendorCondition } from '../vendorCondition.ts';
import { eqlCondition, eqlField } from './_internal/eqlCondition.ts';

/** An EQL `maxspan` of a duration in milliseconds (`5m`, `1h`, `90s`, `1500ms`). */
const maxspan = (ms: number) => {
  const { amount, unit } = durationParts(ms);
  return `${amount}${unit}`;
};

/**
 * A detector's shape as an EQL query, the parameter values written in: single-event rules as `any where …` (the
 * records carry no `event.category` to name), `countBefore` and `runUntil` as `sequence by <key> with maxspan=…`
 * with a repeated stage (`with runs=N`) and, for `runUntil`, an `until` stage. The other shapes are counts EQL
 * cannot say (the target's `cannot` tells).
 *
 * @throws RangeError for a `bucketCount` or `windowAt` shape; NotExportableError when the log cannot say a filter.
 */
export function eqlOfShape(input: TargetInput): string {
  const { shape, fields, instance } = input;
  const { params } = instance;
  const where = (filter: EventFilter) => `any where ${eqlCondition(vendorCondition(input, filter, 'eql'))}`;
  const by = eqlField(fields.key(shape.key));
  switch (shape.kind) {
    case 'each':
      return where(shape.where);
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
    case 'bucketCount':
    case 'windowAt':
      throw new RangeError(`EQL cannot say a ${shape.kind} shape`);
  }
}
