import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../engine/model/errors/BadInputError.ts';
import { FormatError } from '../../../../engine/model/errors/FormatError.ts';
import { LogRecordReader } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { LogReadOptions, QuarantinedRecord } from '../../../../engine/formats/reader/LogRecordReader.ts';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { encodeAll, worldEvents } from '../_harness.ts';

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
    ['Graph responses', `${JSON.stringify({ '@odata.context': 'x', value: okta.slice(0, 50), '@odata.nextLink': 'y' })}\n${JSON.stringify({ value: okta.slice(50) })}`, 'graph-value'],
    ['Duo responses', JSON.stringify({ stat: 'OK', response: { authlogs: okta, metadata: { next_offset: null } } }, null, 1), 'duo-authlogs'],
  ])('reads %s and detects the format', async (_, text, container) => {
    const { events, reader } = await read(text);
    expect(reader.detected).toMatchObject({ format: 'okta', how: 'sniffed', container });
    expect(reader.detected!.matched).toBe(reader.detected!.sampled);
    expect(events).toEqual(oktaEvents);
    const s = reader.stats;
    expect(s.records).toBe(okta.length);
    expect(s.records).toBe(s.decoded + s.skipped + s.quarantined);
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
    expect(reader.stats).toMatchObject({ records: 3, decoded: 1, skipped: 2, skippedBy: [{ why: expect.stringContaining('policy.evaluate_sign_on'), count: 2 }] });
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
          expect(s.records).toBe(s.decoded + s.skipped + s.quarantined);
          expect(s.events).toBe(events.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
