import type { EventType } from '../../../../model/generated/event.ts';
import type { EventFilter } from '../../../../runtime/DetectorShape.ts';
import type { RecordCondition } from '../../RecordCondition.ts';
import { kindName, kindsAccepted } from './eventKinds.ts';
import { simplified } from './simplified.ts';

/**
 * Which of a vendor log's records stand for which kinds of events (see `eventKinds.ts`), as a tree: each node's
 * condition holds for exactly the records of the kinds below it, among all the log's records. A filter's condition
 * is then the nodes whose kinds it accepts all of, so the common filters read as a person would write them
 * (`outcome.result` FAILURE or UNANSWERED rather than five result conditions).
 */
export type RecordNode =
  /** The records of one kind (`mfa.result/denied`). */
  | { kind: string; where: RecordCondition }
  /** The records of several kinds, split further. */
  | { where: RecordCondition; parts: readonly RecordNode[] };

/** A vendor log's records of the kinds pushstorm writes, and the event types it has no record of. */
export interface RecordTable {
  /** The log's name, for refusals ("Okta System Log"). */
  title: string;
  /** Event types the log has no record of, and why. */
  missing: Partial<Record<EventType, string>>;
  /** The records of every other type. */
  records: readonly RecordNode[];
}

/** One kind's records. */
export const kind = (name: string, where: RecordCondition): RecordNode => ({ kind: name, where });

/** Several kinds' records: the node's own condition, and its parts. */
export const kinds = (where: RecordCondition, ...parts: RecordNode[]): RecordNode => ({ where, parts });

function kindsUnder(node: RecordNode): string[] {
  return 'kind' in node ? [node.kind] : node.parts.flatMap(kindsUnder);
}

/** The condition for the accepted kinds under `node`, or undefined when it has none of them. */
function render(node: RecordNode, accepted: ReadonlySet<string>): RecordCondition | undefined {
  const under = kindsUnder(node);
  if (under.every((k) => accepted.has(k))) return node.where;
  if (!under.some((k) => accepted.has(k)) || 'kind' in node) return undefined;
  const parts = node.parts.flatMap((p) => render(p, accepted) ?? []);
  return { any: parts };
}

/** A compact rendering of a filter for refusals: `mfa.result, outcome failure, results denied|timeout`. */
function describe(filter: EventFilter): string {
  return [
    filter.types.join('|'),
    filter.outcome !== undefined ? `outcome ${filter.outcome}` : undefined,
    filter.outcomeNot !== undefined ? `outcome not ${filter.outcomeNot}` : undefined,
    filter.results !== undefined ? `results ${filter.results.join('|')}` : undefined,
  ]
    .filter((s) => s !== undefined)
    .join(', ');
}

/** The refusal of a filter no event pushstorm writes passes: a query for it would never match. */
export function passesNothing(filter: EventFilter): { cannot: string } {
  return { cannot: `no event pushstorm writes passes this filter (${describe(filter)}), so a query for it would never match` };
}

/**
 * The condition on `table`'s records for the events `filter` accepts, or why there is none: the filter accepts
 * events of a type the log has no record of, or no event pushstorm writes at all (a query for it would never match).
 */
export function whereInTable(table: RecordTable, filter: EventFilter): RecordCondition | { cannot: string } {
  const accepted = kindsAccepted(filter);
  if (accepted.length === 0) return passesNothing(filter);
  const gap = accepted.find((k) => table.missing[k.type] !== undefined);
  if (gap !== undefined) return { cannot: `the ${table.title} has no record of ${gap.type}: ${table.missing[gap.type]}` };
  const names = new Set(accepted.map(kindName));
  return simplified({ any: table.records.flatMap((node) => render(node, names) ?? []) });
}
