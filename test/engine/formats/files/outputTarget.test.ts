import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NdjsonFileWriter } from '../../../../engine/formats/files/NdjsonFileWriter.ts';
import { outputTarget } from '../../../../engine/formats/files/outputTarget.ts';
import { writeJsonFileAtomic } from '../../../../engine/formats/files/writeJsonFileAtomic.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outputTarget', () => {
  it('writes a new path or a regular file atomically, a device directly, and a symbolic link through to its target', () => {
    writeFileSync(join(dir, 'plain.json'), '{}');
    symlinkSync('plain.json', join(dir, 'link.json'));
    symlinkSync('link.json', join(dir, 'link2.json'));
    expect(outputTarget(join(dir, 'new.json'))).toEqual({ path: join(dir, 'new.json'), atomic: true });
    expect(outputTarget(join(dir, 'plain.json'))).toEqual({ path: join(dir, 'plain.json'), atomic: true });
    expect(outputTarget(join(dir, 'link2.json'))).toEqual({ path: join(dir, 'plain.json'), atomic: true });
    expect(outputTarget('/dev/null')).toEqual({ path: '/dev/null', atomic: false });
  });

  it('refuses a cycle of links with ELOOP', () => {
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    expect(() => outputTarget(join(dir, 'loop-a'))).toThrow(/too many levels of symbolic links/);
  });
});

describe('atomic writers never replace what they write through (regression: --out /dev/full became a regular file)', () => {
  it('stream into a FIFO (as into a device) and leave it a FIFO', () => {
    // A FIFO of our own rather than a real device: a regression must not replace /dev/null on the machine running it.
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK); // lets the writer's open return
    try {
      const writer = new NdjsonFileWriter(fifo, { atomic: true });
      writer.write({ a: 1 });
      writer.close();
      writeJsonFileAtomic(fifo, { b: 2 }, { indent: 0 });
      const buffer = Buffer.alloc(64);
      const n = readSync(reader, buffer, 0, buffer.length, null);
      expect(buffer.subarray(0, n).toString('utf8')).toBe('{"a":1}\n{"b":2}\n');
    } finally {
      closeSync(reader);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(existsSync(`${fifo}.tmp`)).toBe(false);
  });

  it('write a symbolic link’s target and keep the link', () => {
    writeFileSync(join(dir, 'real.ndjson'), 'old\n');
    symlinkSync('real.ndjson', join(dir, 'alias.ndjson'));
    const writer = new NdjsonFileWriter(join(dir, 'alias.ndjson'), { atomic: true });
    writer.write({ n: 1 });
    writer.close();
    expect(lstatSync(join(dir, 'alias.ndjson')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'alias.ndjson'))).toBe('real.ndjson');
    expect(readFileSync(join(dir, 'real.ndjson'), 'utf8')).toBe('{"n":1}\n');
    symlinkSync('real.json', join(dir, 'alias.json'));
    writeJsonFileAtomic(join(dir, 'alias.json'), { n: 2 }, { indent: 0 });
    expect(lstatSync(join(dir, 'alias.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('{"n":2}\n');
  });
});
