import { NotExportableError } from '../../model/errors/NotExportableError.ts';
import type { EventFilter } from '../../runtime/DetectorShape.ts';
import type { TargetInput } from './ExportTarget.ts';
import type { RecordCondition } from './RecordCondition.ts';

/**
 * The condition on the input's log records that stands for `filter`.
 *
 * @throws NotExportableError naming the detector and `target` when the log cannot say the filter (no record of
 *   that event type, say).
 */
export function vendorCondition({ instance, fields }: TargetInput, filter: EventFilter, target: string): RecordCondition {
  const condition = fields.where(filter);
  if ('cannot' in condition) throw new NotExportableError(instance.definition.id, target, `${fields.title}: ${condition.cannot}`);
  return condition;
}

/**
 * The field holding whether the source address is a proxy, for a `windowAt` clause that reads it.
 *
 * @throws NotExportableError when the log has no such field.
 */
export function vendorProxyField({ instance, fields }: TargetInput, target: string): string {
  if (fields.proxy === undefined)
    throw new NotExportableError(instance.definition.id, target, `${fields.title} has no proxy flag for the proxy clause (set it to 0)`);
  return fields.proxy;
}
