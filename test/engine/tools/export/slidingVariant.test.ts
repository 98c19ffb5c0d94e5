import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { shapeParams, shapeStream } from './_fixtures/shapeStreams.ts';
import { baselineSplunkFailedMfa } from '../../../../detectors/baselineSplunkFailedMfa.ts';
import { detectors } from '../../../../detectors/index.ts';
import { MINUTE } from '../../../../engine/model/duration/timeUnits.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import type { AnyDetectorDefinition } from '../../../../engine/runtime/DetectorDefinition.ts';
import type { DetectorShape } from '../../../../engine/runtime/DetectorShape.ts';
import { canonicalCondition, recordMatches, slidingVariant, withWindowing } from '../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { streamingFindings as findings } from '../../../_fixtures/streamingFindings.ts';
import { firingExample } from '../../../_fixtures/firingExample.ts';

/**
 * The sliding-window variant of a fixed-bucket count (what an EQL `sequence … with runs` export catches) finds what its
 * definition says — held to a plain reference over generated streams — and, on a library world, differs from the
 * tumbling detector where it should: sooner, and on bursts that straddle a bucket edge.
 */

/**
 * The definition in plain code: each accepted event at `t` is a finding when at least `threshold` accepted events of
 * its user, itself and those before it in (time, id) order, lie in `[t − span, t]`.
 */
function reference(
  shape: Extract<DetectorShape, { kind: 'bucketCount' }>,
  params: Record<string, number>,
  events: readonly CanonicalEvent[],
) {
  const accepted = events.filter((e) => recordMatches(canonicalCondition(shape.where), e));
  const found = accepted.flatMap((e, i) => {
    const count = accepted.slice(0, i + 1).filter((x) => x.user === e.user && x.time >= e.time - params[shape.bucketParam]).length;
    return count >= params[shape.thresholdParam] ? [`${e.user} ${e.time}`] : [];
  });
  return [...new Set(found)].sort();
}

const bucketCounts = detectors.filter((d) => d.shape?.kind === 'bucketCount');
const T0 = Date.UTC(2026, 2, 2, 9);
const failure = (id: string, at: number): CanonicalEvent => ({
  id,
  time: T0 + at,
  source: 'idp',
  type: 'mfa.result',
  user: 'ann',
  outcome: 'failure',
  challenge: { id: `c-${id}`, factor: 'push', result: 'denied' },
});

describe('sliding-window variants', () => {
  it('leave every detector without fixed buckets as it is, and rename the others', () => {
    for (const d of detectors) {
      if (d.shape?.kind === 'bucketCount') expect(slidingVariant(d).title).toBe(`${d.title} (sliding windows)`);
      else expect(slidingVariant(d)).toBe(d);
    }
    expect(bucketCounts.map((d) => d.id)).toEqual([baselineSplunkFailedMfa.id]);
  });

  it.each(bucketCounts.map((d) => [d.id, d] as const))('%s: the variant finds what its definition says (property)', (_id, definition) => {
    const variant = slidingVariant(definition);
    const shape = definition.shape as Extract<DetectorShape, { kind: 'bucketCount' }>;
    const [streams, params] = [shapeStream(40), shapeParams(definition, 10)];
    const example = firingExample(fc.tuple(streams, params), ([events, p]) => reference(shape, p, events).length > 0);
    let fired = 0;
    fc.assert(
      fc.property(streams, params, (events, params) => {
        const expected = reference(shape, params, events);
        fired += expected.length;
        expect(findings(variant, params, events)).toEqual(expected);
      }),
      { numRuns: 150, examples: [example] },
    );
    expect(fired, 'the streams make it fire').toBeGreaterThan(0);
  });

  it('counts a span of exactly the bucket length (both ends in, as EQL maxspan), not a millisecond more', () => {
    const params = { threshold: 3, bucketMs: 5 * MINUTE };
    const variant = slidingVariant(baselineSplunkFailedMfa);
    const burst = [failure('a', 0), failure('b', 4 * MINUTE), failure('c', 5 * MINUTE)];
    // Three failures 0–5 min: one window of exactly 5 minutes holds them; the buckets [0, 5m) and [5m, 10m) hold 2 and 1.
    expect(findings(variant, params, burst)).toEqual([`ann ${T0 + 5 * MINUTE}`]);
    expect(findings(baselineSplunkFailedMfa, params, burst)).toEqual([]);
    expect(findings(variant, params, [...burst.slice(0, 2), failure('c', 5 * MINUTE + 1)])).toEqual([]);
    // Inside one bucket both find it: the variant at the third failure, the detector at the bucket's end.
    const inside = [failure('a', 0), failure('b', MINUTE), failure('c', 2 * MINUTE)];
    expect(findings(variant, params, inside)).toEqual([`ann ${T0 + 2 * MINUTE}`]);
    expect(findings(baselineSplunkFailedMfa, params, inside)).toEqual([`ann ${T0 + 5 * MINUTE}`]);
  });

  describe('on a library world (outage-retries, 200 users, 3 days; threshold 3 in 5 minutes)', () => {
    const params = { threshold: 3, bucketMs: 5 * MINUTE };
    let tumbling: string[];
    let sliding: string[];
    beforeAll(async () => {
      const { events } = runWorld(await loadScenarioFile('scenarios/outage-retries.yaml', { users: 200, days: 3 }));
      const registry = new Map([[baselineSplunkFailedMfa.id, baselineSplunkFailedMfa as AnyDetectorDefinition]]);
      tumbling = findings(baselineSplunkFailedMfa, params, events);
      sliding = findings(withWindowing(registry, 'sliding').get(baselineSplunkFailedMfa.id)!, params, events);
    }, 60_000);
    const parse = (f: string) => ({ user: f.split(' ')[0], time: Number(f.split(' ')[1]) });
    const bucketOf = (time: number) => Math.floor(time / params.bucketMs);

    it('finds every bucket the detector finds, inside that bucket and sooner than its end', () => {
      expect(tumbling.length).toBeGreaterThan(0);
      for (const bucket of tumbling.map(parse)) {
        const end = bucket.time;
        const inside = sliding.map(parse).filter((f) => f.user === bucket.user && f.time >= end - params.bucketMs && f.time < end);
        expect(inside.length, `${bucket.user} at ${end}`).toBeGreaterThan(0);
      }
    });

    it('also finds bursts that straddle a bucket edge, which no bucket holds', () => {
      const decided = new Set(tumbling.map(parse).map((f) => `${f.user} ${bucketOf(f.time - 1)}`));
      const straddling = sliding.map(parse).filter((f) => !decided.has(`${f.user} ${bucketOf(f.time)}`));
      expect(straddling.length).toBeGreaterThan(0);
    });
  });
});
