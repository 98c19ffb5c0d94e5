import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequenceMatches } from './_fixtures/sequenceMatcherModel.ts';
import { baselineSplunkFailedMfa } from '../../../../../detectors/baselineSplunkFailedMfa.ts';
import type { CanonicalEvent } from '../../../../../engine/model/generated/event.ts';
import type { AnyDetectorDefinition } from '../../../../../engine/runtime/DetectorDefinition.ts';
import { DetectorRuntime } from '../../../../../engine/runtime/DetectorRuntime.ts';
import { eqlTarget } from '../../../../../engine/tools/export/eql/eqlTarget.ts';
import { canonicalCondition, canonicalFields, recordMatches, slidingVariant } from '../../../../../engine/tools/export/index.ts';
import { shapeParams, shapeStream } from '../_fixtures/shapeStreams.ts';
import { firingExample } from '../../../../_fixtures/firingExample.ts';

/**
 * The EQL a `bucketCount` detector exports, run on a model of Elasticsearch's sequence matcher (its runs and maxspan
 * read back from the exported text), completes at the keys and times the sliding variant finds — the variant
 * `--windowing sliding` scores is what the export says, as far as the model is Elasticsearch (no Elasticsearch runs
 * here).
 */
function findings(definition: AnyDetectorDefinition, params: Record<string, number>, events: readonly CanonicalEvent[]): string[] {
  const opened: string[] = [];
  const runtime = new DetectorRuntime(
    [{ definition, params }],
    (a) => a.status === 'open' && opened.push(`${a.entity.value} ${a.alertTime}`),
    {
      threadGapMs: 0,
    },
  );
  for (const e of events) runtime.push(e);
  runtime.finish();
  return [...new Set(opened)].sort();
}

const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

describe('EQL bucketCount export on a model of the sequence matcher', () => {
  it('completes where the sliding variant finds (property)', () => {
    const definition = baselineSplunkFailedMfa;
    const variant = slidingVariant(definition);
    const accepts = canonicalCondition(definition.shape!.kind === 'bucketCount' ? definition.shape!.where : { types: [] });
    const [streams, params] = [shapeStream(40), shapeParams(definition, 10)];
    const example = firingExample(fc.tuple(streams, params), ([events, p]) => findings(variant, p, events).length > 0);
    let fired = 0;
    fc.assert(
      fc.property(streams, params, (events, params) => {
        const text = eqlTarget.write({ instance: { definition, params }, shape: definition.shape!, fields: canonicalFields });
        const [, amount, u] = /with maxspan=(\d+)(ms|s|m|h|d)\n/.exec(text)!;
        const runs = Number(/with runs=(\d+)\n/.exec(text)![1]);
        const matched = sequenceMatches(
          events.filter((e) => recordMatches(accepts, e)),
          (e) => e.user,
          runs,
          Number(amount) * unit[u as keyof typeof unit],
        );
        fired += matched.length;
        expect(matched).toEqual(findings(variant, params, events));
      }),
      { numRuns: 150, examples: [example] },
    );
    expect(fired, 'the streams make it fire').toBeGreaterThan(0);
  });
});
