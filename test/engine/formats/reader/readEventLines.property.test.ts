import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../../../engine/formats/reader/readEventLines.ts';
import type { OversizedLine, TextLine } from '../../../../engine/formats/reader/readEventLines.ts';

/** Lines as the reader should see them: split at "\n", a "\r" before a "\n" dropped, no line after a final "\n". */
function expectedLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const terminated = parts.length - 1;
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((part, i) => (i < terminated && part.endsWith('\r') ? part.slice(0, -1) : part));
}

/** `bytes` cut at the given offsets (any order, duplicates allowed): empty chunks and 1-byte chunks included. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

async function* iterate<T>(items: T[]) {
  yield* items;
}

async function collect(chunks: Array<Buffer | string>, maxLineBytes?: number): Promise<Array<TextLine | OversizedLine>> {
  const out: Array<TextLine | OversizedLine> = [];
  for await (const item of readLines(iterate(chunks), { maxLineBytes })) out.push(item);
  return out;
}

/** Text of random lines from characters that matter here: multi-byte UTF-8, \r, \n, JSON punctuation. */
const text = fc
  .array(fc.constantFrom('a', 'z', ' ', '{', '"', 'é', '€', '🙂', '\r', '\n', '\n', '\r\n'), { maxLength: 300 })
  .map((units) => units.join(''));
const offsets = fc.array(fc.nat(), { maxLength: 40 });

describe('readLines properties', () => {
  it('gives the same lines whatever the chunk boundaries (bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(text, offsets, async (t, cuts) => {
        const lines = await collect(cut(Buffer.from(t, 'utf8'), cuts));
        expect(lines).toEqual(expectedLines(t).map((line, i) => ({ line: i + 1, text: line })));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same lines whatever the chunk boundaries (strings, surrogate pairs split)', async () => {
    await fc.assert(
      fc.asyncProperty(text, offsets, async (t, cuts) => {
        const points = [...new Set(cuts.map((o) => o % (t.length + 1)))].sort((a, b) => a - b);
        const chunks = [...points, t.length].map((p, i, all) => t.slice(i === 0 ? 0 : all[i - 1], p));
        const lines = await collect(chunks);
        expect(lines.map((l) => ('text' in l ? l.text : l))).toEqual(expectedLines(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('reports exactly the lines over the byte limit, with their sizes, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(text, offsets, fc.integer({ min: 1, max: 40 }), async (t, cuts, max) => {
        const lines = await collect(cut(Buffer.from(t, 'utf8'), cuts), max);
        const expected = expectedLines(t).map((line, i) => {
          const bytes = Buffer.byteLength(line, 'utf8');
          return bytes > max ? { line: i + 1, oversized: true, bytes } : { line: i + 1, text: line };
        });
        expect(lines).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
