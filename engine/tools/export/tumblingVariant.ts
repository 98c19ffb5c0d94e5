import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { noStreamingLogic } from '../../runtime/SqlQuery.ts';
import { tumblingSqlOfShape } from './sql/tumblingSqlOfShape.ts';

/**
 * A detector's tumbling-window variant ({@link tumblingSqlOfShape}) as a SQL detector of the same id, parameters and
 * shape — what a bucketed export of it (ES|QL, KQL `bin()`) really catches, to be scored, tuned and gated like the
 * detector itself. Its title says "(tumbling windows)". A detector with no sliding window (no shape, a single-event
 * rule, fixed buckets already) is returned as it is.
 */
export function tumblingVariant(definition: AnyDetectorDefinition): AnyDetectorDefinition {
  const shape = definition.shape;
  if (shape === undefined || shape.kind === 'each' || shape.kind === 'bucketCount') return definition;
  return {
    ...definition,
    title: `${definition.title} (tumbling windows)`,
    keyOf: () => undefined,
    create: noStreamingLogic,
    sql: { text: tumblingSqlOfShape(shape, 'placeholders'), keyColumn: 'entity', timeColumn: 'decision_time', evidenceColumn: 'evidence' },
  };
}
