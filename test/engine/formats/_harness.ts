import fc from 'fast-check';
import { expect } from 'vitest';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { decodeEventLine } from '../../../engine/formats/canonical/EventLineDecoder.ts';
import type { DecodeStep, FormatContext, LogFormat } from '../../../engine/formats/LogFormat.ts';
import { everyStrategy, tinyScenario } from '../../_fixtures/tinyScenario.ts';
import { runWorld } from '../../_fixtures/runWorld.ts';

/**
 * Shared checks every log format must pass: round trip over simulated worlds, decoders total over fuzzed input.
 * @module
 */

/** Encodes a stream of events with one encoder, end records included, as JSON round-tripped (what a file holds). */
export function encodeAll(format: LogFormat, events: readonly CanonicalEvent[], context?: FormatContext): unknown[] {
  const encoder = format.createEncoder(context);
  const records = events.flatMap((e) => encoder.encode(e));
  records.push(...encoder.end());
  return records.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}

/** What decoding a list of records gave: the events in order, and every step. */
export interface DecodedAll {
  events: CanonicalEvent[];
  steps: DecodeStep[];
}

/** Decodes records with one decoder. */
export function decodeAll(format: LogFormat, records: readonly unknown[], context?: FormatContext): DecodedAll {
  const decoder = format.createDecoder(context);
  const steps = records.map((r) => decoder.decode(r));
  return { steps, events: steps.flatMap((s) => (s.kind === 'events' ? s.events : [])) };
}

/** A small simulated world with every attack strategy, its scenario and its events; seed and options vary the world. */
export function worldOf(
  seed: number,
  options: { numberMatching?: boolean; users?: number } = {},
): { scenario: ResolvedScenario; events: CanonicalEvent[] } {
  const scenario = tinyScenario({
    seed,
    users: options.users ?? 12,
    days: 2,
    attacks: everyStrategy(),
    numberMatching: options.numberMatching,
  });
  return { scenario, events: runWorld(scenario).events };
}

/** Events of a small simulated world with every attack strategy; seed and options vary the world. */
export function worldEvents(seed: number, options: { numberMatching?: boolean; users?: number } = {}): CanonicalEvent[] {
  return worldOf(seed, options).events;
}

/** Asserts `decode(encode(events))` equals `format.held(events)`, event by event (for a readable first difference). */
export function expectRoundTrip(format: LogFormat, events: readonly CanonicalEvent[], context?: FormatContext): void {
  const records = encodeAll(format, events, context);
  const decoded = decodeAll(format, records, context);
  const rejected = decoded.steps.filter((s) => s.kind === 'rejected');
  expect(rejected).toEqual([]);
  const held = format.held(events, context);
  expect(decoded.events.length).toBe(held.length);
  for (let i = 0; i < held.length; i++) expect(decoded.events[i], `event ${i} (${held[i].id}, ${held[i].type})`).toEqual(held[i]);
}

/** Every decoded event must pass the canonical schema, exactly as `detect` would read it. */
export function expectValidEvents(events: readonly CanonicalEvent[]): void {
  for (const e of events) {
    const check = decodeEventLine(JSON.stringify(e));
    expect(check.ok ? 'ok' : `${check.reason}: ${check.detail} in ${JSON.stringify(e)}`).toBe('ok');
  }
}

/** Values that break a field: wrong types, edge numbers, huge strings and numbers. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', 'null', -1, 0, 0.5, 1e300, -1e300, 2 ** 53 + 2, true, [], {}, 'T', '2026-13-45T99:99:99Z', '\u0000'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);

type Json = Record<string, unknown>;

/** All objects inside a record (itself included), for mutation. */
function objectsIn(value: unknown, into: Json[] = []): Json[] {
  if (typeof value === 'object' && value !== null) {
    if (!Array.isArray(value)) into.push(value as Json);
    for (const v of Object.values(value)) objectsIn(v, into);
  }
  return into;
}

/** A copy of `record` with one to four keys deleted, replaced by weird values, or added. */
function mutated(record: unknown): fc.Arbitrary<unknown> {
  return fc
    .array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'set', 'add'), fc.nat(), weird, fc.string({ maxLength: 6 })), {
      minLength: 1,
      maxLength: 4,
    })
    .map((ops) => {
      const copy = structuredClone(record);
      for (const [target, op, pick, shared, key] of ops) {
        // A fresh copy each time: the constants are shared, and one inside itself would make a cycle.
        const value = structuredClone(shared);
        const objects = objectsIn(copy);
        if (objects.length === 0) return value;
        const o = objects[target % objects.length];
        const keys = Object.keys(o);
        if (op === 'add' || keys.length === 0)
          Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
        else if (op === 'delete') delete o[keys[pick % keys.length]];
        else o[keys[pick % keys.length]] = value;
      }
      return copy;
    });
}

/** Truncated JSON text of a record, parsed as far as it goes (a cut line is usually not JSON; when it is, use it). */
function truncated(record: unknown): fc.Arbitrary<unknown> {
  const text = JSON.stringify(record);
  return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => {
    try {
      return JSON.parse(text.slice(0, n)) as unknown;
    } catch {
      return text.slice(0, n);
    }
  });
}

/**
 * Fuzzes a decoder with random JSON, mutated and truncated real records of the format, and huge values: decoding
 * never throws, every step is events / skipped / rejected with a reason and a detail, and every event it gives is a
 * valid canonical event.
 */
export function expectDecoderTotal(format: LogFormat, samples: readonly unknown[], context?: FormatContext, numRuns = 400): void {
  const sample = fc.constantFrom(...samples);
  const input = fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 4, arbitrary: sample.chain(mutated) },
    { weight: 1, arbitrary: sample.chain(truncated) },
  );
  fc.assert(
    fc.property(fc.array(input, { minLength: 1, maxLength: 6 }), (records) => {
      const decoder = format.createDecoder(context);
      for (const record of records) {
        const step = decoder.decode(record);
        expect(['events', 'skipped', 'rejected']).toContain(step.kind);
        if (step.kind === 'rejected') {
          expect(['not_an_object', 'missing_field', 'wrong_type', 'unknown_kind', 'invalid']).toContain(step.reason);
          expect(step.detail.length).toBeGreaterThan(0);
          expect(step.detail.length).toBeLessThan(2000);
        }
        if (step.kind === 'skipped') expect(step.why.length).toBeGreaterThan(0);
        if (step.kind === 'events') expectValidEvents(step.events);
      }
    }),
    { numRuns },
  );
}
