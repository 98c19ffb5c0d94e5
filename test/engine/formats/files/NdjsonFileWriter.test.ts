import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NdjsonFileWriter } from '../../../../engine/formats/files/NdjsonFileWriter.ts';
import { writeJsonFileAtomic } from '../../../../engine/formats/files/writeJsonFileAtomic.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-io-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

describe('NdjsonFileWriter', () => {
  it('writes one JSON line per value, and they read back equal', () => {
    const file = join(dir, 'events.ndjson');
    const values = [{ id: 'a', time: 1 }, { text: 'two\nlines "quoted" ünïcode 🚀' }, [1, 2, 3], 'plain', 42, null];
    const writer = new NdjsonFileWriter(file);
    for (const value of values) writer.write(value);
    writer.close();
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(values.length + 1);
    expect(readLines(file)).toEqual(values);
  });

  it('counts lines and UTF-8 bytes, buffered ones included, and bytes equal the file size', () => {
    const file = join(dir, 'events.ndjson');
    const writer = new NdjsonFileWriter(file);
    writer.write({ a: 'é' }); // {"a":"é"}\n: 10 characters, 11 bytes
    writer.write({ b: 1 }); // {"b":1}\n = 8 bytes
    expect(writer.lines).toBe(2);
    expect(writer.bytes).toBe(19);
    writer.close();
    expect(writer.closed).toBe(true);
    expect(statSync(file).size).toBe(19);
  });

  it('keeps lines in memory below the buffer bound and flushes once it is reached', () => {
    const file = join(dir, 'events.ndjson');
    const writer = new NdjsonFileWriter(file, { bufferSize: 30 });
    writer.write({ n: 1 }); // 8 chars
    writer.write({ n: 2 }); // 16
    writer.write({ n: 3 }); // 24
    expect(statSync(file).size).toBe(0);
    writer.write({ n: 4 }); // 32 >= 30: flush
    expect(statSync(file).size).toBe(32);
    writer.write({ n: 5 });
    expect(statSync(file).size).toBe(32);
    writer.flush();
    expect(statSync(file).size).toBe(40);
    writer.close();
    expect(readLines(file)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
  });

  it('flushes about every MiB by default', () => {
    const file = join(dir, 'events.ndjson');
    const writer = new NdjsonFileWriter(file);
    const line = { pad: 'x'.repeat(1000) }; // 1,011 bytes a line
    const perMiB = Math.ceil((1 << 20) / 1011);
    for (let i = 0; i < perMiB - 1; i++) writer.write(line);
    expect(statSync(file).size).toBe(0);
    writer.write(line);
    expect(statSync(file).size).toBe(perMiB * 1011);
    writer.close();
  });

  it('in atomic mode writes <path>.tmp and renames it on close', () => {
    const file = join(dir, 'events.ndjson');
    const writer = new NdjsonFileWriter(file, { atomic: true, bufferSize: 1 });
    writer.write({ n: 1 });
    expect(writer.writingPath).toBe(`${file}.tmp`);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.tmp`, 'utf8')).toBe('{"n":1}\n');
    writer.close();
    expect(readdirSync(dir)).toEqual(['events.ndjson']);
    expect(readLines(file)).toEqual([{ n: 1 }]);
  });

  it('abort in atomic mode leaves nothing behind, and an older complete file untouched', () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, '{"old":true}\n');
    const writer = new NdjsonFileWriter(file, { atomic: true, bufferSize: 1 });
    writer.write({ n: 1 });
    writer.abort();
    writer.abort();
    expect(readdirSync(dir)).toEqual(['events.ndjson']);
    expect(readFileSync(file, 'utf8')).toBe('{"old":true}\n');
  });

  it('refuses writes after close and values without a JSON form', () => {
    const writer = new NdjsonFileWriter(join(dir, 'x.ndjson'));
    expect(() => writer.write(undefined)).toThrow(/line 1 .* no JSON form/);
    writer.close();
    writer.close();
    expect(() => writer.write({})).toThrow(/write after close/);
  });

  it('rejects a buffer size that is not a positive integer', () => {
    expect(() => new NdjsonFileWriter(join(dir, 'x.ndjson'), { bufferSize: 0 })).toThrow(RangeError);
  });

  it('round-trips any JSON values, any text, whatever the buffer size (property)', () => {
    let run = 0;
    // Text of any code points (so lines of 1–4 bytes a character), and lines longer than the buffer.
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      { weight: 8, arbitrary: fc.jsonValue({ stringUnit: 'binary', maxDepth: 2 }) },
      fc
        .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.integer({ min: 5_000, max: 40_000 }))
        .map(([s, n]) => s.repeat(n)),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 30 }),
        fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 60_000, max: 300_000 })),
        (values, bufferSize) => {
          const file = join(dir, `p${run++}.ndjson`);
          const writer = new NdjsonFileWriter(file, { bufferSize, atomic: true });
          for (const value of values) writer.write(value);
          writer.close();
          const expected = values.map((value) => JSON.parse(JSON.stringify(value)) as unknown);
          expect(readLines(file)).toEqual(expected);
          // Byte for byte (compared as buffers: a deep equality walks each byte).
          expect(readFileSync(file).equals(Buffer.from(values.map((v) => `${JSON.stringify(v)}\n`).join(''), 'utf8'))).toBe(true);
          expect(statSync(file).size).toBe(writer.bytes);
          expect(writer.lines).toBe(values.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('writeJsonFileAtomic', () => {
  it('writes pretty JSON with a final newline, leaves no temp file and returns the bytes', () => {
    const file = join(dir, 'truth.json');
    const bytes = writeJsonFileAtomic(file, { seed: 1, labels: { e1: 'inc-1' } });
    const expected = '{\n  "seed": 1,\n  "labels": {\n    "e1": "inc-1"\n  }\n}\n';
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(bytes).toBe(expected.length);
    expect(readdirSync(dir)).toEqual(['truth.json']);
  });

  it('replaces an existing file and honours indent 0', () => {
    const file = join(dir, 'truth.json');
    writeJsonFileAtomic(file, { v: 1 });
    writeJsonFileAtomic(file, { v: 2 }, { indent: 0 });
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}\n');
    expect(readdirSync(dir)).toEqual(['truth.json']);
  });

  it('leaves no temp file when the target cannot be written', () => {
    const file = join(dir, 'missing-dir', 'truth.json');
    expect(() => writeJsonFileAtomic(file, {})).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
