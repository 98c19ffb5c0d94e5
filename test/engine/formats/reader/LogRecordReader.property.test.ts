import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../engine/model/errors/BadInputError.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { LogRecordReader } from '../../../../engine/formats/reader/LogRecordReader.ts';
import { decodeEventLine } from '../../../../engine/formats/canonical/EventLineDecoder.ts';
import type { QuarantinedRecord } from '../../../../engine/formats/reader/LogRecordReader.ts';
import { nearValidEvent, validEvent } from './eventArbitraries.ts';

/** One line of fuzz input (may itself hold newlines: the expectation splits the whole text). */
const fuzzLine = fc.oneof(
  { weight: 3, arbitrary: validEvent.map((e) => JSON.stringify(e)) },
  { weight: 3, arbitrary: nearValidEvent.map((e) => JSON.stringify(e) ?? 'undefined') },
  { weight: 2, arbitrary: fc.tuple(validEvent, fc.nat()).map(([e, cut]) => JSON.stringify(e).slice(0, cut % 200)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r', '\ufeff{}', '🙂'.repeat(200)) },
);

const input = fc.record({
  lines: fc.array(fuzzLine, { maxLength: 40 }),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 20 }),
  maxLineBytes: fc.constantFrom(64, 300, 1 << 20),
});

/** What a reader must see: split at "\n", a "\r" before "\n" dropped, no line after a final "\n". */
function expectedLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const terminated = parts.length - 1;
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((part, i) => (i < terminated && part.endsWith('\r') ? part.slice(0, -1) : part));
}

function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...points, bytes.length].map((p, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], p));
}

async function* iterate<T>(items: T[]) {
  yield* items;
}

describe('LogRecordReader fuzz on canonical NDJSON', () => {
  it('never throws, accounts for every line exactly once, and decides each line as the decoder does', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ lines, crlf, finalNewline, cuts, maxLineBytes }) => {
        const text = lines.join(crlf ? '\r\n' : '\n') + (finalNewline && lines.length > 0 ? '\n' : '');
        const quarantined: QuarantinedRecord[] = [];
        const reader = new LogRecordReader(iterate(chunks(Buffer.from(text, 'utf8'), cuts)), {
          format: 'canonical',
          maxLineBytes,
          onQuarantine: (q) => quarantined.push(q),
        });
        const events: CanonicalEvent[] = [];
        for await (const event of reader.events()) events.push(event);

        // The expectation: each line on its own through the decoder, or oversized. A BOM at the start is skipped.
        const expected = expectedLines(text.startsWith('\ufeff') ? text.slice(1) : text);
        const expectedEvents: unknown[] = [];
        const expectedQuarantine: Array<[number, string]> = [];
        for (const [i, line] of expected.entries()) {
          if (Buffer.byteLength(line, 'utf8') > maxLineBytes) {
            expectedQuarantine.push([i + 1, 'oversized_line']);
            continue;
          }
          const decoded = decodeEventLine(line);
          if (decoded.ok) expectedEvents.push(decoded.event);
          else expectedQuarantine.push([i + 1, decoded.reason]);
        }

        const stats = reader.stats;
        expect(stats.records).toBe(expected.length);
        expect(stats.records).toBe(stats.accepted + stats.quarantined);
        expect(stats.skipped).toBe(0);
        expect(stats.accepted).toBe(events.length);
        expect(stats.events).toBe(events.length);
        expect(stats.quarantined).toBe(quarantined.length);
        expect(Object.values(stats.byReason).reduce((a, b) => a + b, 0)).toBe(stats.quarantined);
        expect(events).toEqual(expectedEvents);
        expect(quarantined.map((q) => [q.line, q.reason])).toEqual(expectedQuarantine);
        expect(quarantined.every((q) => q.record === q.line)).toBe(true);
        for (const q of quarantined) {
          expect(q.detail).not.toBe('');
          expect(q.text.length).toBeLessThanOrEqual(512);
          if (q.reason === 'oversized_line') expect(q.text).toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('in strict mode, throws at the first bad line with its number, having yielded the events before it', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ lines, cuts, maxLineBytes }) => {
        const text = lines.join('\n');
        const expected = expectedLines(text.startsWith('\ufeff') ? text.slice(1) : text);
        const verdicts = expected.map((line, _i) =>
          Buffer.byteLength(line, 'utf8') > maxLineBytes ? ({ ok: false, reason: 'oversized_line' } as const) : decodeEventLine(line),
        );
        const firstBad = verdicts.findIndex((v) => !v.ok);

        const reader = new LogRecordReader(iterate(chunks(Buffer.from(text, 'utf8'), cuts)), {
          format: 'canonical',
          maxLineBytes,
          strict: true,
        });
        let yielded = 0;
        let caught: unknown;
        try {
          for await (const _ of reader.events()) yielded++;
        } catch (error) {
          caught = error;
        }
        if (firstBad === -1) {
          expect(caught).toBeUndefined();
          expect(yielded).toBe(expected.length);
        } else {
          expect(caught).toBeInstanceOf(BadInputError);
          expect((caught as BadInputError).line).toBe(firstBad + 1);
          expect((caught as BadInputError).reason).toBe((verdicts[firstBad] as { reason: string }).reason);
          expect(yielded).toBe(firstBad);
          expect(reader.stats).toMatchObject({ records: firstBad + 1, accepted: firstBad, quarantined: 1 });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads canonical NDJSON it detected exactly as when told the format: same events, same quarantine, same counts', async () => {
    await fc.assert(
      fc.asyncProperty(validEvent, input, async (first, { lines, crlf, cuts }) => {
        // A valid first event, so that the sample tells canonical NDJSON (the rest may be anything).
        const text = [JSON.stringify(first), ...lines].join(crlf ? '\r\n' : '\n');
        const run = async (format: 'auto' | 'canonical') => {
          const quarantined: QuarantinedRecord[] = [];
          const reader = new LogRecordReader(iterate(chunks(Buffer.from(text, 'utf8'), cuts)), {
            format,
            onQuarantine: (q) => quarantined.push(q),
          });
          const events: CanonicalEvent[] = [];
          try {
            for await (const event of reader.events()) events.push(event);
          } catch (error) {
            return { error: String(error) };
          }
          const { detected, ...counts } = reader.stats;
          return { events, quarantined, counts, detected };
        };
        const [auto, given] = [await run('auto'), await run('canonical')];
        if ('error' in auto) return; // another format's sniff won the sample: nothing to compare
        expect(auto.detected).toMatchObject({ format: 'canonical', how: 'sniffed' });
        if (auto.detected?.container !== 'ndjson') return; // a line holding an array of events: read as a page
        expect(given).toEqual({ ...auto, detected: { ...auto.detected, how: 'given', sampled: 0, matched: 0 } });
      }),
      { numRuns: 200 },
    );
  });
});
