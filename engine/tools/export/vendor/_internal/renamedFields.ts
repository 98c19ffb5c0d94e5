import type { EventFilter, ShapeKey } from '../../../../runtime/DetectorShape.ts';
import type { RecordCondition } from '../../RecordCondition.ts';
import type { ExportFormat, VendorFields } from '../VendorFields.ts';

/** A condition with each field path renamed (a path the table does not list is kept). */
function renamed(condition: RecordCondition, names: Readonly<Record<string, string>>): RecordCondition {
  if ('all' in condition) return { all: condition.all.map((c) => renamed(c, names)) };
  if ('any' in condition) return { any: condition.any.map((c) => renamed(c, names)) };
  if ('not' in condition) return { not: renamed(condition.not, names) };
  return { ...condition, field: names[condition.field] ?? condition.field };
}

/**
 * The field names of a log that holds another log's records under other names — the same records, the same
 * conditions, each path renamed by `names` (e.g. the Entra Graph envelope's `properties.ipAddress` as the `SigninLogs`
 * column `IPAddress`). Every path the base fields use must be in `names`.
 */
export function renamedFields(
  base: VendorFields,
  format: ExportFormat,
  title: string,
  names: Readonly<Record<string, string>>,
): VendorFields {
  const name = (path: string) => names[path] ?? path;
  return {
    format,
    title,
    where: (filter: EventFilter) => {
      const condition = base.where(filter);
      return 'cannot' in condition ? condition : renamed(condition, names);
    },
    key: (key: ShapeKey) => name(base.key(key)),
    user: name(base.user),
    time: name(base.time),
    ...(base.id === undefined ? {} : { id: name(base.id) }),
    ...(base.proxy === undefined ? {} : { proxy: name(base.proxy) }),
  };
}
