import type { EventFilter } from '../../../runtime/DetectorShape.ts';
import type { RecordCondition } from '../RecordCondition.ts';
import type { VendorFields } from './VendorFields.ts';

/** A canonical event filter as a condition on the canonical event's own fields (the reference for every vendor). */
export function canonicalCondition(filter: EventFilter): RecordCondition {
  const all: RecordCondition[] = [{ field: 'type', oneOf: filter.types }];
  if (filter.outcome !== undefined) all.push({ field: 'outcome', oneOf: [filter.outcome] });
  if (filter.outcomeNot !== undefined) all.push({ field: 'outcome', notOneOf: [filter.outcomeNot] });
  if (filter.results !== undefined) all.push({ field: 'challenge.result', oneOf: filter.results });
  return all.length === 1 ? all[0] : { all };
}

/** The canonical events' own field names (`pushstorm simulate`'s `events.ndjson`). */
export const canonicalFields: VendorFields = {
  format: 'canonical',
  title: 'pushstorm canonical events',
  where: canonicalCondition,
  key: (key) => (key === 'user' ? 'user' : 'origin.ip'),
  user: 'user',
  time: 'time',
  id: 'id',
  proxy: 'origin.proxy',
};
