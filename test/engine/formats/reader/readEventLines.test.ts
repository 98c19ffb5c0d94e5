import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../../engine/model/errors/InputError.ts';
import { isPushstormError } from '../../../../engine/model/errors/PushstormError.ts';
import { openEventInput, readLines } from '../../../../engine/formats/reader/readEventLines.ts';
import type { OversizedLine, TextLine } from '../../../../engine/formats/reader/readEventLines.ts';

async function* chunksOf(...chunks: Array<string | Buffer | Uint8Array>) {
  yield* chunks;
}

async function collect(
  input: AsyncIterable<string | Buffer | Uint8Array> | NodeJS.ReadableStream,
  maxLineBytes?: number,
): Promise<Array<TextLine | OversizedLine>> {
  const out: Array<TextLine | OversizedLine> = [];
  for await (const item of readLines(input, { maxLineBytes })) out.push(item);
  return out;
}

const texts = async (...chunks: Array<string | Buffer>) => (await collect(chunksOf(...chunks))).map((l) => ('text' in l ? l.text : l));

describe('readLines', () => {
  it('numbers lines from 1 and drops the terminators, \\n and \\r\\n alike', async () => {
    expect(await collect(chunksOf('a\r\nb\nc\r\n'))).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
  });

  it('reads a last line without a final newline, and no extra line after a final newline', async () => {
    expect(await texts('a\nb')).toEqual(['a', 'b']);
    expect(await texts('a\nb\n')).toEqual(['a', 'b']);
    expect(await texts('')).toEqual([]);
    expect(await texts()).toEqual([]);
    expect(await texts('\n')).toEqual(['']);
    expect(await texts('a\n\n\nb\n\n')).toEqual(['a', '', '', 'b', '']);
  });

  it('keeps a \\r that is not followed by \\n', async () => {
    expect(await texts('a\rb\nc\r')).toEqual(['a\rb', 'c\r']);
  });

  it('joins a line, a \\r\\n and a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('{"u":"é🙂"}\r\nnext\n', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(await texts(...chunks)).toEqual(['{"u":"é🙂"}', 'next']);
  });

  it('joins a surrogate pair split across string chunks', async () => {
    const text = 'a🙂b\n';
    expect(await texts(text.slice(0, 2), text.slice(2))).toEqual(['a🙂b']);
    expect(await texts('x\ud83d')).toEqual(['x\ufffd']);
  });

  it('accepts Uint8Array chunks', async () => {
    expect((await collect(chunksOf(new TextEncoder().encode('a\nb')))).map((l) => ('text' in l ? l.text : ''))).toEqual(['a', 'b']);
  });

  it('skips a UTF-8 byte order mark at the start only', async () => {
    expect(await texts(Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x61, 0x0a, 0xef, 0xbb, 0xbf, 0x62]))).toEqual(['a', '\ufeffb']);
  });

  it('decodes invalid UTF-8 as U+FFFD without losing line boundaries', async () => {
    expect(await texts(Buffer.from([0x61, 0xff, 0x0a, 0xe2, 0x82, 0x0a, 0x62]))).toEqual(['a\ufffd', '\ufffd', 'b']);
  });

  describe('oversized lines', () => {
    it('reports a line over the limit with its byte count, and the next lines come out right', async () => {
      const long = 'x'.repeat(25);
      expect(await collect(chunksOf(`ok\n${long}\r\néé\nend`), 10)).toEqual([
        { line: 1, text: 'ok' },
        { line: 2, oversized: true, bytes: 25 },
        { line: 3, text: 'éé' },
        { line: 4, text: 'end' },
      ]);
    });

    it('counts bytes, not characters: a line of exactly the limit is kept, one byte more is not', async () => {
      // "éé" is 4 bytes; "ééa" is 5.
      expect(await collect(chunksOf('éé\r\nééa\n🙂\n'), 4)).toEqual([
        { line: 1, text: 'éé' },
        { line: 2, oversized: true, bytes: 5 },
        { line: 3, text: '🙂' },
      ]);
    });

    it('counts a long line across many chunks without keeping it, \\r\\n split or not', async () => {
      const piece = 'y'.repeat(1000);
      const chunks = [...Array.from({ length: 50 }, () => piece), '\r', '\nafter\n', 'z'.repeat(60), 'z'.repeat(60)];
      expect(await collect(chunksOf(...chunks), 100)).toEqual([
        { line: 1, oversized: true, bytes: 50_000 },
        { line: 2, text: 'after' },
        { line: 3, oversized: true, bytes: 120 },
      ]);
    });

    it('streams a 64 MiB line with a 1 MiB limit', async () => {
      const chunk = Buffer.alloc(1 << 16, 0x61);
      async function* huge() {
        yield Buffer.from('first\n');
        for (let i = 0; i < 1024; i++) yield chunk;
        yield Buffer.from('\nlast\n');
      }
      expect(await collect(huge())).toEqual([
        { line: 1, text: 'first' },
        { line: 2, oversized: true, bytes: 64 * 2 ** 20 },
        { line: 3, text: 'last' },
      ]);
    });

    it('rejects a limit that is not a positive integer', async () => {
      await expect(collect(chunksOf('a'), 0)).rejects.toThrow('maxLineBytes must be a positive integer, got 0');
    });
  });
});

describe('openEventInput', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pushstorm-input-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, 'one\ntwo\n');
    expect((await collect(openEventInput(file))).map((l) => ('text' in l ? l.text : ''))).toEqual(['one', 'two']);
  });

  it('gives standard input for "-"', () => {
    expect(openEventInput('-')).toBe(process.stdin);
  });

  it('throws an InputError (exit code 2) naming a missing file', () => {
    const file = join(dir, 'missing.ndjson');
    let caught: unknown;
    try {
      openEventInput(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(isPushstormError(caught)).toBe(true);
    expect(caught).toMatchObject({
      name: 'InputError',
      exitCode: 2,
      path: file,
      message: `cannot read input ${file}: no such file or directory (ENOENT)`,
    });
  });

  it('throws an InputError for a directory', () => {
    expect(() => openEventInput(dir)).toThrow(new InputError(dir, 'is a directory, not a file'));
  });
});
