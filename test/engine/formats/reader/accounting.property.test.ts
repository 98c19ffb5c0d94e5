/**
 * The reader's books balance, whatever the input: every line is counted, every record ends up accepted, skipped or
 * quarantined exactly once, and a line whose bytes are not UTF-8 is quarantined (`encoding`), never read as a record
 * with U+FFFD where the file has other bytes.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import { LogRecordReader, type QuarantinedRecord } from '../../../../engine/formats/reader/LogRecordReader.ts';
import type { FormatId } from '../../../../engine/formats/logFormats.ts';
import { encodeAll, worldEvents } from '../_harness.ts';

const world = worldEvents(4).slice(0, 60);
const canonicalLines = world.map((e) => JSON.stringify(e));
const oktaLines = encodeAll(oktaFormat, world).map((r) => JSON.stringify(r));

/** A line of a messy NDJSON file, as bytes, with what it is. */
interface Line {
  bytes: Buffer;
  kind: 'good' | 'array' | 'blank' | 'junk' | 'invalid-utf8' | 'fffd';
}

const line = (good: string[]): fc.Arbitrary<Line> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.nat().map((i): Line => ({ bytes: Buffer.from(good[i % good.length]), kind: 'good' })) },
    fc.constantFrom('[]', '[1,2]', `[${good[0]},${good[1]}]`).map((s): Line => ({ bytes: Buffer.from(s), kind: 'array' })),
    fc.constantFrom('', '   ', '\t').map((s): Line => ({ bytes: Buffer.from(s), kind: 'blank' })),
    fc.constantFrom('{"id":', 'not json', 'null', '42', '{}').map((s): Line => ({ bytes: Buffer.from(s), kind: 'junk' })),
    fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x82])).map(([i, bad]): Line => {
      const text = Buffer.from(good[i % good.length]);
      const at = Math.floor(text.length / 2);
      return { bytes: Buffer.concat([text.subarray(0, at), Buffer.from(bad), text.subarray(at)]), kind: 'invalid-utf8' };
    }),
    // A real U+FFFD in valid UTF-8 is text like any other.
    fc.nat().map((i): Line => ({ bytes: Buffer.from(good[i % good.length].replace('"user":"', '"user":"\ufffd')), kind: 'fffd' })),
  );

const file = (good: string[]) =>
  fc.tuple(
    fc.array(line(good), { minLength: 1, maxLength: 40 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    fc.boolean(),
    fc.integer({ min: 1, max: 300 }),
  );

async function read(lines: Line[], eol: string, finalEol: boolean, bom: boolean, chunk: number, format: FormatId | 'auto') {
  const parts: Buffer[] = bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
  lines.forEach((l, i) => {
    parts.push(l.bytes);
    if (i < lines.length - 1 || finalEol) parts.push(Buffer.from(eol));
  });
  const bytes = Buffer.concat(parts);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const quarantined: QuarantinedRecord[] = [];
  const reader = new LogRecordReader(Readable.from(chunks), { format, onQuarantine: (q) => quarantined.push(q) });
  let events = 0;
  try {
    for await (const _ of reader.events()) events++;
  } catch (error) {
    return { error, reader, quarantined, events };
  }
  return { reader, quarantined, events };
}

describe('the reader accounts for every line and record', () => {
  it.each([
    ['canonical', canonicalLines, 'canonical'],
    ['okta', oktaLines, 'okta'],
  ] as const)(
    '%s NDJSON: lines = records = accepted + skipped + quarantined; bad bytes quarantined as encoding (property)',
    async (_, good, format) => {
      await fc.assert(
        fc.asyncProperty(file(good), async ([lines, eol, finalEol, bom, chunk]) => {
          // The first line decides the container; an NDJSON file is one that starts with a record.
          lines[0] = { bytes: Buffer.from(good[0]), kind: 'good' };
          // An empty last line with no newline after it is no line at all ("a\n" is one line).
          const lastEmpty = lines[lines.length - 1].bytes.length === 0;
          const { error, reader, quarantined } = await read(lines, eol, finalEol || lastEmpty, bom, chunk, format);
          expect(error).toBeUndefined();
          const s = reader.stats;
          expect(s.lines).toBe(lines.length);
          expect(s.records).toBe(lines.length);
          expect(s.records).toBe(s.accepted + s.skipped + s.quarantined);
          expect(quarantined).toHaveLength(s.quarantined);
          const invalid = lines.flatMap((l, i) => (l.kind === 'invalid-utf8' ? [i + 1] : []));
          expect(quarantined.filter((q) => q.reason === 'encoding').map((q) => q.line)).toEqual(invalid);
          for (const [i, l] of lines.entries()) {
            const q = quarantined.find((x) => x.line === i + 1);
            if (l.kind === 'array' || l.kind === 'blank' || l.kind === 'junk') expect(q, `line ${i + 1}`).toBeDefined();
            if (l.kind === 'good') expect(q, `line ${i + 1}`).toBeUndefined();
          }
        }),
        { numRuns: 60 },
      );
    },
  );

  it('API pages back to back: every element is a record of its line, an empty page a record skipped, every line counted', async () => {
    const page = (n: number) => JSON.stringify(JSON.parse(`[${oktaLines.slice(0, n).join(',')}]`));
    const text = `${page(3)}\n[]\n${page(2)}\n\n${oktaLines[4]}\n{"value":[]}\n`;
    const { reader } = await read(
      text
        .split('\n')
        .slice(0, -1)
        .map((t) => ({ bytes: Buffer.from(t), kind: 'good' as const })),
      '\n',
      true,
      false,
      64,
      'auto',
    );
    const s = reader.stats;
    expect(s.lines).toBe(6);
    expect(s.records).toBe(3 + 1 + 2 + 1 + 1 + 1);
    expect(s.records).toBe(s.accepted + s.skipped + s.quarantined);
    expect(s.skippedBy).toContainEqual({ why: 'an empty page: no records on this line', count: 2 });
  });

  it('a line that is not UTF-8 inside a JSON document spread over lines fails the document, naming the line', async () => {
    const pretty = JSON.stringify(JSON.parse(`[${oktaLines[0]}]`), null, 2).split('\n');
    const lines = pretty.map((t) => ({ bytes: Buffer.from(t), kind: 'good' as const }));
    lines[3] = { bytes: Buffer.concat([Buffer.from(pretty[3]), Buffer.from([0xff])]), kind: 'good' };
    const { error } = await read(lines, '\n', true, false, 50, 'auto');
    expect(String(error)).toMatch(/line 4 is not valid UTF-8 inside a JSON document/);
  });
});
