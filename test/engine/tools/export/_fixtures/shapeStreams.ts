import fc from 'fast-check';
import type { CanonicalEvent } from '../../../../../engine/model/generated/event.ts';
import type { AnyDetectorDefinition } from '../../../../../engine/runtime/DetectorDefinition.ts';

/**
 * Short IdP streams that every shape's filters tell apart: three users, push results of every kind and sign-ins with
 * every outcome, two source addresses (some proxied, some events with none), on whole minutes over `minutes` with a
 * jitter of 0, 1 ms or a minute less 1 ms — so bucket and window edges and same-millisecond ties come up often.
 * Sorted by time, then id, as the runtime orders them.
 */
export function shapeStream(minutes: number): fc.Arbitrary<CanonicalEvent[]> {
  const T0 = Date.UTC(2026, 2, 2, 9);
  const event = fc.record({
    user: fc.constantFrom('ann', 'bob', 'cy'),
    at: fc.integer({ min: 0, max: minutes }).map((m) => m * 60_000),
    jitter: fc.constantFrom(0, 1, 59_999),
    type: fc.constantFrom('mfa.result' as const, 'mfa.result' as const, 'mfa.result' as const, 'session.start' as const),
    outcome: fc.constantFrom('failure' as const, 'success' as const, undefined),
    result: fc.constantFrom('denied', 'timeout', 'fraud', 'approved'),
    origin: fc.option(
      fc.record({ ip: fc.constantFrom('198.51.100.7', '203.0.113.9'), proxy: fc.constantFrom(undefined, false, false, false, true) }),
      { nil: undefined, freq: 4 },
    ),
  });
  return fc.array(event, { minLength: 10, maxLength: 60 }).map((drawn) =>
    drawn
      .map(
        (d, i): CanonicalEvent => ({
          id: `e${String(i).padStart(3, '0')}`,
          time: T0 + d.at + d.jitter,
          source: 'idp',
          type: d.type,
          user: d.user,
          transaction: `t${i}`,
          ...(d.origin === undefined ? {} : { origin: d.origin.proxy === undefined ? { ip: d.origin.ip } : d.origin }),
          ...(d.type === 'mfa.result' ? { challenge: { id: `c${i}`, factor: 'push' as const, result: d.result as 'denied' } } : {}),
          ...(d.outcome === undefined ? {} : { outcome: d.outcome }),
        }),
      )
      .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1)),
  );
}

/**
 * Any parameter values such a stream can tell apart: counts from their minimum to 4 (switches such as Okta's proxy
 * clause take 0 and 1), durations on their step from their minimum up to `maxSteps` steps.
 */
export function shapeParams(definition: AnyDetectorDefinition, maxSteps = Number.MAX_SAFE_INTEGER): fc.Arbitrary<Record<string, number>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(definition.params).map(([name, spec]) => [
        name,
        spec.unit === 'count'
          ? fc.integer({ min: spec.min, max: Math.min(spec.max, 4) })
          : fc
              .integer({ min: Math.ceil(spec.min / spec.step), max: Math.min(Math.floor(spec.max / spec.step), maxSteps) })
              .map((k) => k * spec.step),
      ]),
    ),
  );
}
