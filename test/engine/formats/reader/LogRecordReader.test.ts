import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../engine/model/errors/BadInputError.ts';
import { FormatError } from '../../../../engine/model/errors/FormatError.ts';
import { LogRecordReader } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { LogReadOptions, QuarantinedRecord } from '../../../../engine/formats/reader/LogRecordReader.ts';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { decodeAll, encodeAll, worldEvents } from '../_harness.ts';
import { NdjsonFileWriter } from '../../../../engine/formats/files/NdjsonFileWriter.ts';
import { QuarantineWriter } from '../../../../engine/formats/reader/QuarantineWriter.ts';
import { openEventInput } from '../../../../engine/formats/reader/readEventLines.ts';
import type { LineInput } from '../../../../engine/formats/reader/readEventLines.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { simulate } from '../../../../generators/world/index.ts';

const world = worldEvents(4).slice(0, 300);
const okta = encodeAll(oktaFormat, world);
const oktaEvents = oktaFormat.held(world);

async function read(text: string, options: LogReadOptions = {}, chunk = 977) {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunk) chunks.push(text.slice(i, i + chunk));
  const quarantined: QuarantinedRecord[] = [];
  const reader = new LogRecordReader(Readable.from(chunks), { ...options, onQuarantine: (q) => quarantined.push(q) });
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  return { events, reader, quarantined };
}

describe('LogRecordReader', () => {
  it.each([
    ['NDJSON', okta.map((r) => JSON.stringify(r)).join('\n'), 'ndjson'],
    ['a JSON array on one line', JSON.stringify(okta), 'json-array'],
    ['a pretty-printed JSON array', JSON.stringify(okta, null, 2), 'json-array'],
    ['API pages back to back', `${JSON.stringify(okta.slice(0, 100), null, 2)}\n${JSON.stringify(okta.slice(100))}\n`, 'pages'],
    [
      'Graph responses',
      `${JSON.stringify({ '@odata.context': 'x', value: okta.slice(0, 50), '@odata.nextLink': 'y' })}\n${JSON.stringify({ value: okta.slice(50) })}`,
      'graph-value',
    ],
    [
      'Duo responses',
      JSON.stringify({ stat: 'OK', response: { authlogs: okta, metadata: { next_offset: null } } }, null, 1),
      'duo-authlogs',
    ],
  ])('reads %s and detects the format', async (_, text, container) => {
    const { events, reader } = await read(text);
    expect(reader.detected).toMatchObject({ format: 'okta', how: 'sniffed', container });
    expect(reader.detected!.matched).toBe(reader.detected!.sampled);
    expect(events).toEqual(oktaEvents);
    const s = reader.stats;
    expect(s.records).toBe(okta.length);
    expect(s.records).toBe(s.accepted + s.skipped + s.quarantined);
  });

  it('reads canonical NDJSON exactly as the canonical reader does, bad lines included', async () => {
    const lines = world.map((e) => JSON.stringify(e));
    lines.splice(3, 0, '{"id": truncated', '', '42', JSON.stringify({ ...world[0], time: 'soon' }));
    const { events, reader, quarantined } = await read(lines.join('\n'));
    expect(reader.detected).toMatchObject({ format: 'canonical', container: 'ndjson' });
    expect(events).toEqual(world);
    expect(quarantined.map((q) => [q.line, q.reason])).toEqual([
      [4, 'malformed_json'],
      [5, 'empty_line'],
      [6, 'not_an_object'],
      [7, 'bad_timestamp'],
    ]);
  });

  it('reads NDJSON whose first line is broken as NDJSON', async () => {
    const { events, quarantined } = await read(['{"id": "x", "time"', ...world.slice(0, 5).map((e) => JSON.stringify(e))].join('\n'));
    expect(events).toEqual(world.slice(0, 5));
    expect(quarantined.map((q) => q.reason)).toEqual(['malformed_json']);
  });

  it('uses the given format without sniffing, and quarantines records of another', async () => {
    const text = [...okta.slice(0, 3), world[0]].map((r) => JSON.stringify(r)).join('\n');
    const { events, reader, quarantined } = await read(text, { format: 'okta' });
    expect(reader.detected).toMatchObject({ format: 'okta', how: 'given' });
    expect(events).toHaveLength(3);
    expect(quarantined).toMatchObject([{ line: 4, record: 4, reason: 'missing_field' }]);
  });

  it('counts skipped records by why', async () => {
    const policy = { ...(okta[0] as object), eventType: 'policy.evaluate_sign_on' };
    const { reader } = await read([okta[0], policy, policy].map((r) => JSON.stringify(r)).join('\n'));
    expect(reader.stats).toMatchObject({
      records: 3,
      accepted: 1,
      skipped: 2,
      skippedBy: [{ why: expect.stringContaining('policy.evaluate_sign_on'), count: 2 }],
    });
  });

  it('says it cannot tell the format of records it does not know', async () => {
    await expect(read('{"foo": 1}\n{"bar": 2}\n')).rejects.toThrow(FormatError);
    await expect(read('{"foo": 1}\n', { name: 'export.json' })).rejects.toThrow(/cannot tell the format of export\.json.*pass --format/);
  });

  it('names the line where a JSON document breaks', async () => {
    await expect(read('[\n  {"a": 1},\n  {"b": 2]\n')).rejects.toThrow(/line 3/);
  });

  it('stops at the first rejected record in strict mode', async () => {
    const text = [okta[0], { ...(okta[1] as object), published: 'x' }, okta[2]].map((r) => JSON.stringify(r)).join('\n');
    await expect(read(text, { strict: true })).rejects.toThrow(BadInputError);
  });

  it('refuses an unknown format id at once', () => {
    expect(() => new LogRecordReader(Readable.from([]), { format: 'splunk' as never })).toThrow(/unknown format "splunk"/);
  });

  it('accounts for every record however the input is chunked and broken', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...okta.slice(0, 40)), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 400 }),
        async (records, chunk) => {
          const text = [okta[0], ...records].map((r) => JSON.stringify(r)).join('\n');
          const { reader, events } = await read(text, {}, chunk);
          const s = reader.stats;
          expect(s.records).toBe(s.accepted + s.skipped + s.quarantined);
          expect(s.events).toBe(events.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-read-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function* chunksOf(...chunks: string[]) {
  yield* chunks;
}

const time = Date.UTC(2026, 2, 2, 9, 30);
const event = (n: number) => ({
  id: `e${n}`,
  time: time + n,
  source: 'idp',
  type: 'auth.attempt',
  user: 'ana@example.com',
});
const ok = (n: number) => JSON.stringify(event(n));

async function drain(reader: LogRecordReader): Promise<CanonicalEvent[]> {
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  return events;
}

/** The reader as `run`, `score` and `simulate --format` use it on pushstorm's own events. */
const canonicalReader = (input: LineInput, options: LogReadOptions = {}) => new LogRecordReader(input, { format: 'canonical', ...options });

describe('LogRecordReader on canonical NDJSON (format: canonical)', () => {
  it('reads simulated events back equal to what the simulator wrote', async () => {
    const scenario = await loadScenarioFile('scenarios/tiny.yaml');
    const file = join(dir, 'events.ndjson');
    const writer = new NdjsonFileWriter(file);
    const written: CanonicalEvent[] = [];
    simulate(scenario, (e) => {
      written.push(e);
      writer.write(e);
    });
    writer.close();

    const quarantined: QuarantinedRecord[] = [];
    const reader = canonicalReader(openEventInput(file), { onQuarantine: (q) => quarantined.push(q) });
    const events = await drain(reader);
    expect(events).toEqual(JSON.parse(JSON.stringify(written)));
    expect(quarantined).toEqual([]);
    expect(reader.stats).toMatchObject({ records: written.length, accepted: written.length, quarantined: 0 });
  });

  it('quarantines bad lines with their numbers, reasons and details, and goes on', async () => {
    const input = [ok(1), '', '{"id":', ok(2), '[]', JSON.stringify({ ...event(3), type: 'mfa.chalenge' }), 'x'.repeat(50), ok(4)];
    const quarantined: QuarantinedRecord[] = [];
    const reader = canonicalReader(chunksOf(`${input.join('\r\n')}\r\n`), {
      maxLineBytes: 40 + ok(9).length,
      onQuarantine: (q) => quarantined.push(q),
    });
    const events = await drain(reader);
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
    expect(quarantined.map(({ line, reason }) => [line, reason])).toEqual([
      [2, 'empty_line'],
      [3, 'malformed_json'],
      [5, 'not_an_object'],
      [6, 'unknown_type'],
      [7, 'malformed_json'],
    ]);
    expect(quarantined[3]).toEqual({
      line: 6,
      record: 6,
      reason: 'unknown_type',
      detail: '/type: "mfa.chalenge" is not a known event type',
      text: input[5],
    });
    expect(reader.stats).toEqual({
      lines: 8,
      records: 8,
      accepted: 3,
      events: 3,
      skipped: 0,
      skippedBy: [],
      quarantined: 5,
      detected: { format: 'canonical', how: 'given', sampled: 0, matched: 0, container: 'ndjson' },
      byReason: {
        empty_line: 1,
        malformed_json: 2,
        not_an_object: 1,
        missing_field: 0,
        wrong_type: 0,
        unknown_type: 1,
        bad_timestamp: 0,
        oversized_line: 0,
        encoding: 0,
        invalid: 0,
      },
    });
  });

  it('quarantines an oversized line without its text', async () => {
    const quarantined: QuarantinedRecord[] = [];
    const long = JSON.stringify({ ...event(2), app: 'a'.repeat(500) });
    const reader = canonicalReader(chunksOf(`${ok(1)}\n${long}\n${ok(3)}`), {
      maxLineBytes: 200,
      onQuarantine: (q) => quarantined.push(q),
    });
    expect((await drain(reader)).map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(quarantined).toEqual([
      { line: 2, record: 2, reason: 'oversized_line', detail: `line is ${long.length} bytes, over the 200-byte limit`, text: '' },
    ]);
    expect(reader.stats.byReason.oversized_line).toBe(1);
  });

  it('keeps the first 512 characters of a quarantined line', async () => {
    const quarantined: QuarantinedRecord[] = [];
    const long = `{${'"k":1,'.repeat(200)}`;
    await drain(canonicalReader(chunksOf(long), { onQuarantine: (q) => quarantined.push(q) }));
    expect(quarantined[0].text).toBe(long.slice(0, 512));
  });

  it('counts only what it has handed out when the consumer stops early', async () => {
    const reader = canonicalReader(chunksOf([ok(1), 'bad', ok(2), ok(3), 'bad', ok(4)].join('\n')));
    for await (const e of reader.events()) if (e.id === 'e2') break;
    expect(reader.stats).toMatchObject({ records: 3, accepted: 2, quarantined: 1 });
  });

  it('can be iterated once', async () => {
    const reader = canonicalReader(chunksOf(ok(1)));
    await drain(reader);
    await expect(drain(reader)).rejects.toThrow('LogRecordReader.events() can be called only once');
  });

  describe('strict mode', () => {
    it('throws a BadInputError (exit code 1) at the first bad line, after the events before it', async () => {
      const quarantined: QuarantinedRecord[] = [];
      const reader = canonicalReader(
        chunksOf(`${ok(1)}\n${ok(2)}\n`, `${JSON.stringify({ ...event(3), time: '2026-03-02' })}\n${ok(4)}\nnope\n`),
        {
          strict: true,
          onQuarantine: (q) => quarantined.push(q),
        },
      );
      const seen: string[] = [];
      let caught: unknown;
      try {
        for await (const e of reader.events()) seen.push(e.id);
      } catch (error) {
        caught = error;
      }
      expect(seen).toEqual(['e1', 'e2']);
      expect(caught).toBeInstanceOf(BadInputError);
      expect(caught).toMatchObject({
        name: 'BadInputError',
        exitCode: 1,
        line: 3,
        reason: 'bad_timestamp',
        detail: '/time: expected integer epoch ms, got "2026-03-02"',
        message: 'line 3 rejected (bad_timestamp): /time: expected integer epoch ms, got "2026-03-02"',
      });
      expect(quarantined.map((q) => q.line)).toEqual([3]);
      expect(reader.stats).toMatchObject({ records: 3, accepted: 2, quarantined: 1 });
    });

    it('stops at an oversized line too', async () => {
      await expect(drain(canonicalReader(chunksOf(`${ok(1)}\n${'x'.repeat(100)}\n`), { strict: true, maxLineBytes: 99 }))).rejects.toThrow(
        new BadInputError(2, 'oversized_line', 'line is 100 bytes, over the 99-byte limit'),
      );
    });

    it('reads a clean input to the end', async () => {
      const events: CanonicalEvent[] = [];
      for await (const e of canonicalReader(chunksOf(`${ok(1)}\n${ok(2)}\n`), { strict: true }).events()) events.push(e);
      expect(events).toEqual([event(1), event(2)]);
    });
  });
});

describe('QuarantineWriter', () => {
  it('writes quarantined lines as NDJSON and counts them', async () => {
    const file = join(dir, 'quarantine.ndjson');
    const quarantine = new QuarantineWriter(file);
    const reader = canonicalReader(chunksOf(`${ok(1)}\n{"id":1}\n\n${ok(2)}\n`), {
      onQuarantine: (q) => quarantine.write(q),
    });
    await drain(reader);
    quarantine.close();
    expect(quarantine.count).toBe(2);
    expect(quarantine.path).toBe(file);
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { line: 2, reason: 'missing_field', detail: 'missing "time"', text: '{"id":1}' },
      { line: 3, reason: 'empty_line', detail: 'empty line', text: '' },
    ]);
  });
});

describe('LogRecordReader: one reader, one stats shape', () => {
  it('with format canonical reads NDJSON lines only: broken first lines are quarantined, not read as one JSON document', async () => {
    const quarantined: QuarantinedRecord[] = [];
    const reader = canonicalReader(chunksOf(`{"id":\n[1,\n${ok(1)}\n[${ok(2)}]\n`), { onQuarantine: (q) => quarantined.push(q) });
    expect((await drain(reader)).map((e) => e.id)).toEqual(['e1']);
    expect(quarantined.map((q) => [q.line, q.reason])).toEqual([
      [1, 'malformed_json'],
      [2, 'malformed_json'],
      [4, 'not_an_object'],
    ]);
    // Auto-detection would take the same input for a broken JSON document.
    await expect(drain(new LogRecordReader(chunksOf(`{"id":\n[1,\n${ok(1)}\n`)))).rejects.toThrow(FormatError);
  });

  it('reads an array line in the middle of NDJSON as one bad record, not as a page of records', async () => {
    const { events, reader, quarantined } = await read(
      [JSON.stringify(okta[0]), JSON.stringify([okta[1], okta[2]]), JSON.stringify(okta[3])].join('\n'),
    );
    expect(reader.stats.detected).toMatchObject({ format: 'okta', container: 'ndjson' });
    expect(events).toEqual(decodeAll(oktaFormat, [okta[0], okta[3]]).events);
    expect(quarantined).toMatchObject([{ line: 2, record: 2, reason: 'not_an_object' }]);
    expect(reader.stats).toMatchObject({ records: 3, accepted: 2, quarantined: 1 });
  });

  it('says what it made of the input in its stats, once it has read the first records', async () => {
    const reader = new LogRecordReader(Readable.from([JSON.stringify(okta)]));
    expect(reader.stats.detected).toBeUndefined();
    const events = await drain(reader);
    expect(reader.stats).toEqual({
      lines: 1,
      records: okta.length,
      accepted: reader.stats.accepted,
      events: events.length,
      skipped: reader.stats.skipped,
      skippedBy: reader.stats.skippedBy,
      quarantined: 0,
      byReason: Object.fromEntries(Object.keys(reader.stats.byReason).map((r) => [r, 0])),
      detected: { format: 'okta', how: 'sniffed', sampled: 64, matched: 64, container: 'json-array' },
    });
    expect(reader.stats.accepted + reader.stats.skipped).toBe(okta.length);
    expect(reader.detected).toEqual(reader.stats.detected);
  });

  it('refuses a byte limit that is not a positive integer at once', () => {
    expect(() => new LogRecordReader(chunksOf(ok(1)), { maxLineBytes: 0 })).toThrow(RangeError);
    expect(() => canonicalReader(chunksOf(ok(1)), { maxLineBytes: 1.5 })).toThrow(RangeError);
    expect(() => new LogRecordReader(chunksOf(ok(1)), { maxPageBytes: -1 })).toThrow(RangeError);
  });
});
