/**
 * The world cache stores a world whole or not at all: a reader never sees a partial entry, a damaged entry is a miss
 * (and goes), two fillers of one entry leave one valid entry, and eviction keeps the size cap, least recently used first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorldCache, type WorldKey } from '../../../../engine/formats/cache/WorldCache.ts';
import { removeTemporaryFiles } from '../../../../engine/formats/files/temporaryFiles.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import type { Truth } from '../../../../engine/model/generated/truth.ts';

const key: WorldKey = { scenarioHash: 'a'.repeat(64), seed: 1, version: '1.2.3' };
const truth = { labels: { e1: 'burst#1' }, incidents: [] } as unknown as Truth;
const eventsOf = (n: number, tag = 'x'): CanonicalEvent[] =>
  Array.from(
    { length: n },
    (_, i): CanonicalEvent => ({
      id: `${tag}${i}`,
      time: 1000 + i,
      source: 'idp',
      type: 'mfa.challenge',
      user: `user${i % 7}@example.org`,
      reason: 'é\u2028',
    }),
  );

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-worldcache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function store(cache: WorldCache, k: WorldKey, events: CanonicalEvent[], t: Truth = truth): void {
  const fill = cache.fill(k);
  for (const e of events) fill.write(e);
  fill.commit(t);
}

function readBack(cache: WorldCache, k: WorldKey): { events: CanonicalEvent[]; truth: Truth } | undefined {
  const hit = cache.lookup(k);
  if (!hit) return undefined;
  const events: CanonicalEvent[] = [];
  hit.readEvents((e) => events.push(e));
  expect(hit.events).toBe(events.length);
  return { events, truth: hit.truth };
}

const entryDir = (k: WorldKey) => join(dir, WorldCache.keyName(k));
/** Directories in the cache, temporaries included. */
const listing = () => readdirSync(dir).sort();

describe('WorldCache', () => {
  it('gives back what was stored, in order, over several read chunks', () => {
    const cache = new WorldCache(dir);
    const events = eventsOf(70_000); // > 2 record batches, > 1 MiB of file: the writer flushes and the reader crosses batches
    store(cache, key, events);
    expect(readBack(cache, key)).toEqual({ events, truth });
    expect(listing()).toEqual([WorldCache.keyName(key)]);
  });

  it('misses on another version, seed or scenario, and before anything is stored', () => {
    const cache = new WorldCache(dir);
    expect(cache.lookup(key)).toBeUndefined();
    store(cache, key, eventsOf(3));
    expect(cache.lookup({ ...key, version: '1.2.4' })).toBeUndefined();
    expect(cache.lookup({ ...key, seed: 2 })).toBeUndefined();
    expect(cache.lookup({ ...key, scenarioHash: 'b'.repeat(64) })).toBeUndefined();
    expect(cache.lookup(key)).toBeDefined();
  });

  it('shows nothing under the key until the fill commits, and nothing at all after an abort', () => {
    const cache = new WorldCache(dir);
    const fill = cache.fill(key);
    fill.write(eventsOf(1)[0]);
    expect(cache.lookup(key)).toBeUndefined();
    fill.abort();
    expect(listing()).toEqual([]);
  });

  it('leaves no half-made entry behind when the process is interrupted during a fill', () => {
    const cache = new WorldCache(dir);
    const fill = cache.fill(key);
    fill.write(eventsOf(1)[0]);
    expect(listing()).toHaveLength(1);
    removeTemporaryFiles(); // what the Ctrl-C handler runs
    expect(listing()).toEqual([]);
  });

  it.each([
    ['events.arrow', 'junk\n'],
    ['events.arrow', null], // same size, other bytes: the checksum catches it
    ['truth.json', '{"labels":'],
    ['entry.json', 'not json'],
  ])('treats a damaged %s (junk %j; null: one byte changed, same size) as a miss, removes the entry and stores it again', (file, junk) => {
    const cache = new WorldCache(dir);
    const events = eventsOf(50);
    store(cache, key, events);
    const path = join(entryDir(key), file);
    const original = readBack(cache, key)!;
    if (junk === null) {
      const bytes = readFileSync(path);
      bytes[bytes.length >> 1] ^= 1;
      writeFileSync(path, bytes);
    } else writeFileSync(path, junk);
    expect(cache.lookup(key)).toBeUndefined();
    expect(existsSync(entryDir(key))).toBe(false);
    store(cache, key, events);
    expect(readBack(cache, key)).toEqual(original);
  });

  it('treats an entry of the NDJSON format (1) as a miss and removes it', () => {
    const cache = new WorldCache(dir);
    mkdirSync(entryDir(key));
    writeFileSync(join(entryDir(key), 'events.ndjson'), `${JSON.stringify(eventsOf(1)[0])}\n`);
    writeFileSync(join(entryDir(key), 'truth.json'), JSON.stringify(truth));
    writeFileSync(
      join(entryDir(key), 'entry.json'),
      JSON.stringify({ format: 1, key, events: 1, eventsBytes: 1, eventsSha256: '', truthBytes: 1 }),
    );
    expect(cache.lookup(key)).toBeUndefined();
    expect(existsSync(entryDir(key))).toBe(false);
  });

  it('keeps nothing, and does not throw, when an event is not one the columns can hold', () => {
    const cache = new WorldCache(dir);
    const events = eventsOf(10);
    const fill = cache.fill(key);
    fill.write(events[0]);
    fill.write({ ...events[1], note: 'not in the schema' } as CanonicalEvent);
    fill.write(events[2]);
    fill.commit(truth);
    expect(cache.lookup(key)).toBeUndefined();
    expect(listing()).toEqual([]);
  });

  it('treats an entry without its manifest (a directory left half made) as a miss', () => {
    const cache = new WorldCache(dir);
    store(cache, key, eventsOf(5));
    rmSync(join(entryDir(key), 'entry.json'));
    expect(cache.lookup(key)).toBeUndefined();
    store(cache, key, eventsOf(5));
    expect(readBack(cache, key)?.events).toHaveLength(5);
  });

  it('keeps one valid entry when two fills of the same world interleave', () => {
    const cache = new WorldCache(dir);
    const events = eventsOf(2_000);
    const a = cache.fill(key);
    const b = cache.fill(key);
    for (const e of events) {
      a.write(e);
      b.write(e);
    }
    a.commit(truth);
    b.commit(truth); // the entry exists: b's copy is dropped without an error
    expect(listing()).toEqual([WorldCache.keyName(key)]);
    expect(readBack(cache, key)).toEqual({ events, truth });
  });

  it('keeps one valid entry when two processes fill the same world at once', () => {
    const script = `
      import { WorldCache } from ${JSON.stringify(join(process.cwd(), 'engine/formats/cache/WorldCache.ts'))};
      const cache = new WorldCache(process.argv[2]);
      const key = ${JSON.stringify(key)};
      for (let round = 0; round < 20; round++) {
        const k = { ...key, seed: round };
        const fill = cache.fill(k);
        for (let i = 0; i < 3000; i++) fill.write({ id: 'x' + i, time: i, source: 'idp', type: 'auth.attempt', user: 'u' + round });
        fill.commit({ labels: {}, incidents: [], round });
        // Both processes fill every world; whichever renames second reads the first one's entry.
        const hit = cache.lookup(k);
        let n = 0;
        hit?.readEvents(() => n++);
        if (n !== 3000) process.exit(3);
      }`;
    const scriptDir = mkdtempSync(join(tmpdir(), 'pushstorm-worldcache-filler-'));
    const scriptPath = join(scriptDir, 'fill.ts');
    writeFileSync(scriptPath, script);
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', scriptPath, dir], { stdio: 'inherit' });
        child.on('exit', (code) => resolve(code));
      });
    return Promise.all([run(), run()]).then((codes) => {
      rmSync(scriptDir, { recursive: true, force: true });
      expect(codes).toEqual([0, 0]);
      const cache = new WorldCache(dir);
      expect(listing()).toHaveLength(20);
      for (let round = 0; round < 20; round++) {
        const world = readBack(cache, { ...key, seed: round });
        expect(world?.events).toHaveLength(3000);
        expect(world?.truth).toMatchObject({ round });
      }
    });
  });

  it('evicts the least recently used entries after a fill until the rest fit the cap', () => {
    const events = eventsOf(200);
    const probe = new WorldCache(dir);
    store(probe, key, events);
    const size = probe.entries()[0].bytes;
    rmSync(entryDir(key), { recursive: true });
    const cache = new WorldCache(dir, { maxBytes: size * 2 + 10 });
    const keys = [1, 2, 3].map((seed) => ({ ...key, seed }));
    store(cache, keys[0], events);
    store(cache, keys[1], events);
    // keys[0] was used after keys[1]: keys[1] is the least recently used when keys[2] comes.
    utimesSync(join(entryDir(keys[0]), 'used'), 2_000_000, 2_000_000);
    utimesSync(join(entryDir(keys[1]), 'used'), 1_000_000, 1_000_000);
    store(cache, keys[2], events);
    expect(cache.lookup(keys[1])).toBeUndefined();
    expect(cache.lookup(keys[0])).toBeDefined();
    expect(cache.lookup(keys[2])).toBeDefined();
    expect(cache.entries().reduce((n, e) => n + e.bytes, 0)).toBeLessThanOrEqual(cache.maxBytes);
  });

  it('marks an entry as used on a hit', () => {
    const cache = new WorldCache(dir);
    store(cache, key, eventsOf(3));
    utimesSync(join(entryDir(key), 'used'), 1_000, 1_000);
    expect(cache.entries()[0].usedMs).toBe(1_000_000);
    cache.lookup(key);
    expect(cache.entries()[0].usedMs).toBeGreaterThan(1_000_000);
  });
});
