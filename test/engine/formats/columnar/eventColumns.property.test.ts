/**
 * Events written as Arrow columns and read back are the events written: deep-equal, and the same JSON byte for byte
 * (key order included), over schema-valid events from the schema's own arbitraries, keys shuffled, any batch size,
 * non-ASCII text, and a simulated library world. What the columns cannot hold is refused, never silently changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventColumnsWriter } from '../../../../engine/formats/columnar/EventColumnsWriter.ts';
import { readEventColumns } from '../../../../engine/formats/columnar/readEventColumns.ts';
import { FormatError } from '../../../../engine/model/errors/FormatError.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { simulate } from '../../../../generators/world/simulate.ts';
import { validEvent } from '../reader/eventArbitraries.ts';

function roundTrip(events: readonly CanonicalEvent[], batchRows?: number): { read: CanonicalEvent[]; count: number; bytes: Uint8Array } {
  const chunks: Buffer[] = [];
  const writer = new EventColumnsWriter((bytes) => chunks.push(Buffer.from(bytes)), { batchRows });
  for (const event of events) writer.write(event);
  writer.close();
  const bytes = Buffer.concat(chunks);
  const read: CanonicalEvent[] = [];
  const count = readEventColumns(bytes, (event) => read.push(event));
  return { read, count, bytes };
}

/** Same JSON (bytes, so key order too), deep-equal (-0 is not 0), and the same `time` by Object.is. */
function expectSame(read: readonly CanonicalEvent[], events: readonly CanonicalEvent[]): void {
  expect(read.map((e) => JSON.stringify(e))).toEqual(events.map((e) => JSON.stringify(e)));
  expect(read).toEqual(events);
  expect(read.every((e, i) => Object.is(e.time, events[i].time))).toBe(true);
}

/** The object with its keys rotated by `n` (nested objects too): key orders the simulator never makes. */
function rotated(value: Record<string, unknown>, n: number): Record<string, unknown> {
  const entries = Object.entries(value).map(([k, v]): [string, unknown] => [
    k,
    typeof v === 'object' && v !== null ? rotated(v as Record<string, unknown>, n + 1) : v,
  ]);
  const at = entries.length === 0 ? 0 : n % entries.length;
  return Object.fromEntries([...entries.slice(at), ...entries.slice(0, at)]);
}

const events = fc.array(validEvent, { maxLength: 40 }) as unknown as fc.Arbitrary<CanonicalEvent[]>;

describe('EventColumnsWriter → readEventColumns', () => {
  it('gives back schema-valid events exactly, in order, whatever the batch size', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 9 }), (written, batchRows) => {
        const { read, count } = roundTrip(written, batchRows);
        expect(count).toBe(written.length);
        expectSame(read, written);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps each event’s key order, nested objects included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(validEvent, fc.nat(20)), { maxLength: 20 }), (pairs) => {
        const written = pairs.map(([e, n]) => rotated(e, n) as unknown as CanonicalEvent);
        expectSame(roundTrip(written, 4).read, written);
      }),
      { numRuns: 60 },
    );
  });

  it('gives back any well-formed text, ASCII or not, and -0, huge and fractional numbers', () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 });
    const event = fc.record({
      id: text,
      time: fc.constantFrom(0, -0, 1e300, 2 ** 53 + 2, 2 ** 53 - 1, 1772412196247),
      source: fc.constant('idp' as const),
      type: fc.constant('auth.attempt' as const),
      user: text,
      origin: fc.record(
        { ip: text, asn: fc.integer(), lat: fc.double({ noNaN: true, noDefaultInfinity: true }), proxy: fc.boolean() },
        { requiredKeys: ['ip'] },
      ),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (written, batchRows) => {
        expectSame(roundTrip(written as CanonicalEvent[], batchRows).read, written as CanonicalEvent[]);
      }),
      { numRuns: 100 },
    );
  });

  it('gives back a simulated library world byte for byte, in less than half the bytes of its NDJSON', async () => {
    const scenario = await loadScenarioFile('scenarios/uber-burst.yaml', { seed: 3, users: 40, days: 2 });
    const world: CanonicalEvent[] = [];
    simulate(scenario, (event) => world.push(event));
    expect(world.length).toBeGreaterThan(1000);
    const { read, bytes } = roundTrip(world, 500);
    expectSame(read, world);
    // What the NDJSON cache gave back: the simulator's keys set to undefined are absent, as in JSON.
    expect(read).toStrictEqual(world.map((e) => JSON.parse(JSON.stringify(e))));
    const ndjsonBytes = world.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)) + 1, 0);
    expect(bytes.length).toBeLessThan(ndjsonBytes / 2);
  });

  it('hands events over batch by batch, before the whole file is decoded', () => {
    const written = Array.from(
      { length: 10 },
      (_, i) => ({ id: `e${i}`, time: i, source: 'idp', type: 'auth.attempt', user: 'u' }) as const,
    );
    const { bytes } = roundTrip(written, 3);
    const seen: string[] = [];
    expect(() =>
      readEventColumns(bytes, (event) => {
        seen.push(event.id);
        if (seen.length === 4) throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3']);
  });

  it.each([
    ['a field the schema does not know', { note: 'x' }],
    ['a string field holding a number', { user: 7 }],
    ['a number field holding a string', { time: '2026-03-02T10:00:00Z' }],
    ['a nested object that is an array', { origin: [] }],
    ['a lone surrogate', { user: 'a\ud800' }],
    ['NaN', { time: Number.NaN }],
  ])('refuses %s with a FormatError', (_, change) => {
    const writer = new EventColumnsWriter(() => {});
    const event = { id: 'e', time: 1, source: 'idp', type: 'auth.attempt', user: 'u', ...change } as unknown as CanonicalEvent;
    expect(() => writer.write(event)).toThrow(FormatError);
    expect(() => writer.write({ id: 'f', time: 1, source: 'idp', type: 'auth.attempt', user: 'u' })).toThrow(/refused/);
  });

  it('refuses bytes that are not an events file', () => {
    expect(() => readEventColumns(Buffer.from('{"id":"e"}\n'), () => {})).toThrow(FormatError);
  });
});
