import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import { EventColumnsWriter } from '../columnar/EventColumnsWriter.ts';
import { readEventColumns } from '../columnar/readEventColumns.ts';
import { trackTemporaryFile, untrackTemporaryFile } from '../files/temporaryFiles.ts';
import { HashingFileWriter } from './_internal/HashingFileWriter.ts';

/**
 * What a simulated world is a pure function of. `scenarioHash` covers the resolved scenario, overrides (`--users`,
 * `--days`, `--seed`) included; the seed is named again so an entry says what it holds; `version` is the pushstorm
 * version, so a new simulator never reads an old one's worlds.
 */
export interface WorldKey {
  scenarioHash: string;
  seed: number;
  version: string;
}

/**
 * A small JSON object stored with a world and given back with it: the evaluate layer keeps the simulation's counts
 * there (xstate transitions and all), which the events alone do not tell.
 */
type WorldSummary = object;

/** Options of {@link WorldCache}. */
export interface WorldCacheOptions {
  /** Bytes the entries may take together; past it the least recently used go after each fill. Default 2 GiB. */
  maxBytes?: number;
}

/** What `entry.json` holds: the key's parts and the files' sizes, checked before an entry is trusted. */
interface EntryManifest {
  format: number;
  key: WorldKey;
  events: number;
  eventsBytes: number;
  /** sha256 (hex) of events.arrow: checked on every hit, so a damaged file is never half fed to a pass. */
  eventsSha256: string;
  truthBytes: number;
  /** What the filler gave with the world (the simulation's counts: what `pushstorm run` prints of a world it did not simulate). */
  summary?: WorldSummary;
}

/** A world found in the cache: its truth, and its events read back lazily in their original order. */
export interface CachedWorld {
  truth: Truth;
  events: number;
  /** What the filler gave with the world, if anything (see {@link WorldFill.commit}). */
  summary?: WorldSummary;
  /**
   * Hands the events to `sink` in the order they were stored, decoded from the columnar file a record batch at a
   * time: objects equal to the stored ones, keys in the same order.
   */
  readEvents(sink: (event: CanonicalEvent) => void): void;
}

/**
 * A world being stored: push its events, then {@link WorldFill.commit} with the truth, or {@link WorldFill.abort}.
 * `write` never throws for an event the columns cannot hold (a field the schema does not know): that world is simply
 * not kept.
 */
export interface WorldFill {
  write(event: CanonicalEvent): void;
  /** Stores the world under its key with its truth and, if given, a summary (kept as JSON in the entry's manifest). */
  commit(truth: Truth, summary?: WorldSummary): void;
  abort(): void;
}

/** 1: events.ndjson; 2: events.arrow (Arrow IPC columns). An entry of another format is a miss. */
const FORMAT = 2;
const EVENTS = 'events.arrow';
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
const TEMP_PREFIX = '.tmp-';
const EVICTING_PREFIX = '.evict-';
/** An empty file rewritten on every hit: its modification time is when the entry was last used (the OS's clock, not ours). */
const USED = 'used';

/**
 * A directory of simulated worlds, one entry per {@link WorldKey}: `<key>/events.arrow` (the canonical events, in
 * the simulation's order, as an Arrow IPC file of columns: see `EventColumnsWriter`), `truth.json` and `entry.json`
 * (the key's parts, the sizes and the events' sha256). An entry is written in a
 * temporary directory beside it and renamed into place whole, so a reader sees a complete entry or none, and two
 * processes filling the same entry leave one (the second rename fails on the existing directory and its copy is
 * dropped). An entry whose manifest, sizes or key do not check out is removed and counts as a miss.
 *
 * @example
 * const cache = new WorldCache('/tmp/worlds');
 * const key = { scenarioHash: scenario.hash, seed: scenario.seed, version: pushstormVersion };
 * const hit = cache.lookup(key);
 */
export class WorldCache {
  readonly dir: string;
  readonly maxBytes: number;

  constructor(dir: string, options: WorldCacheOptions = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isFinite(maxBytes) || maxBytes < 0) throw new RangeError(`WorldCache: maxBytes must be >= 0, got ${maxBytes}`);
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** The entry's directory name: sha256 of the key's parts as canonical JSON. */
  static keyName(key: WorldKey): string {
    const canonical = JSON.stringify([FORMAT, key.scenarioHash, key.seed, key.version]);
    return createHash('sha256').update(canonical).digest('hex');
  }

  /** The world stored under `key`, or undefined; a broken entry is removed. Marks the entry as just used. */
  lookup(key: WorldKey): CachedWorld | undefined {
    const dir = join(this.dir, WorldCache.keyName(key));
    let manifest: EntryManifest;
    let truth: Truth;
    let events: Buffer;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as EntryManifest;
      const sameKey =
        manifest.format === FORMAT &&
        manifest.key?.scenarioHash === key.scenarioHash &&
        manifest.key.seed === key.seed &&
        manifest.key.version === key.version;
      if (!sameKey) throw new Error('another key');
      if (statSync(join(dir, EVENTS)).size !== manifest.eventsBytes) throw new Error('events size');
      // Read whole once: checked here, decoded from the same bytes by readEvents.
      events = readFileSync(join(dir, EVENTS));
      if (events.length !== manifest.eventsBytes) throw new Error('events size');
      if (createHash('sha256').update(events).digest('hex') !== manifest.eventsSha256) throw new Error('events checksum');
      const truthText = readFileSync(join(dir, 'truth.json'));
      if (truthText.length !== manifest.truthBytes) throw new Error('truth size');
      truth = JSON.parse(truthText.toString('utf8')) as Truth;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existsDir(dir)) this.discard(dir);
      return undefined;
    }
    try {
      writeFileSync(join(dir, USED), '');
    } catch {
      // Evicted meanwhile by another process: the files already read stay usable.
    }
    return {
      truth,
      events: manifest.events,
      ...(manifest.summary ? { summary: manifest.summary } : {}),
      readEvents: (sink) => {
        readEventColumns(events, sink);
      },
    };
  }

  /** Starts storing the world of `key`; nothing is visible under the key until {@link WorldFill.commit}. */
  fill(key: WorldKey): WorldFill {
    mkdirSync(this.dir, { recursive: true });
    const temp = mkdtempSync(join(this.dir, TEMP_PREFIX));
    // Ctrl-C during a fill removes the half-made entry (see removeTemporaryFiles).
    trackTemporaryFile(temp);
    const file = new HashingFileWriter(join(temp, EVENTS));
    const events = new EventColumnsWriter((bytes) => file.write(bytes));
    /** Set when an event could not be stored (see write): the fill then stores nothing. */
    let refused = false;
    const drop = () => {
      file.abort();
      rmSync(temp, { recursive: true, force: true });
      untrackTemporaryFile(temp);
    };
    return {
      write: (event) => {
        if (refused) return;
        try {
          events.write(event);
        } catch {
          // An event the columns cannot hold (a field the schema does not know): the world is not kept, and the
          // run it serves goes on, as without a cache.
          refused = true;
          drop();
        }
      },
      abort: drop,
      commit: (truth, summary) => {
        if (refused) return;
        try {
          events.close();
          const eventsSha256 = file.close();
          const truthText = `${JSON.stringify(truth)}\n`;
          writeFileSync(join(temp, 'truth.json'), truthText);
          writeFileSync(join(temp, USED), '');
          const manifest: EntryManifest = {
            format: FORMAT,
            key,
            events: events.events,
            eventsBytes: file.bytes,
            eventsSha256,
            truthBytes: Buffer.byteLength(truthText),
            ...(summary ? { summary } : {}),
          };
          writeFileSync(join(temp, 'entry.json'), `${JSON.stringify(manifest, null, 2)}\n`);
          renameSync(temp, join(this.dir, WorldCache.keyName(key)));
          untrackTemporaryFile(temp);
        } catch (error) {
          drop();
          // Another process stored the same world first: its entry is as good as ours.
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
          return;
        }
        this.evict();
      },
    };
  }

  /** Entries (not temporaries), least recently used first, with their sizes in bytes. */
  entries(): Array<{ name: string; bytes: number; usedMs: number }> {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: Array<{ name: string; bytes: number; usedMs: number }> = [];
    for (const name of names) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const dir = join(this.dir, name);
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as EntryManifest;
        const bytes = manifest.eventsBytes + manifest.truthBytes + statSync(join(dir, 'entry.json')).size;
        out.push({ name, bytes, usedMs: statSync(join(dir, USED)).mtimeMs });
      } catch {
        // Being written or removed by another process, or broken: lookup deals with it.
      }
    }
    return out.sort((a, b) => a.usedMs - b.usedMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Removes the least recently used entries until the rest fit in {@link WorldCache.maxBytes}. Returns how many went. */
  evict(): number {
    const entries = this.entries();
    let total = entries.reduce((n, e) => n + e.bytes, 0);
    let removed = 0;
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      this.discard(join(this.dir, entry.name));
      total -= entry.bytes;
      removed++;
    }
    return removed;
  }

  /** Removes an entry: renamed aside first, so no reader finds it half deleted. */
  private discard(dir: string): void {
    try {
      const aside = mkdtempSync(join(this.dir, EVICTING_PREFIX));
      renameSync(dir, join(aside, 'entry'));
      rmSync(aside, { recursive: true, force: true });
    } catch {
      // Another process removed or replaced it first.
    }
  }
}

function existsDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
