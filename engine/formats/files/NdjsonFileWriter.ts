import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { outputTarget } from './outputTarget.ts';
import { trackTemporaryFile, untrackTemporaryFile } from './temporaryFiles.ts';

/** Options of {@link NdjsonFileWriter}. */
export interface NdjsonFileWriterOptions {
  /**
   * Flush to the file once this many bytes are buffered. Default 1 MiB: large enough that a run makes few system
   * calls, small enough to stay out of the way of the heap.
   */
  bufferSize?: number;
  /**
   * Write to `<path>.tmp` and rename it to `path` in {@link NdjsonFileWriter.close}, so a crash or an interrupted run
   * never leaves a half-written file under the real name. A symbolic link is written through to its target; a device,
   * FIFO or socket is written into directly ({@link outputTarget}). Default false.
   */
  atomic?: boolean;
}

const DEFAULT_BUFFER_SIZE = 1 << 20;
/**
 * Room kept past `bufferSize`: the line that reaches the bound goes out with the lines before it (a line longer than
 * this goes out on its own).
 */
const SLACK = 1 << 16;

/**
 * A fast, synchronous NDJSON writer: one `JSON.stringify(value)` line per {@link NdjsonFileWriter.write}, encoded as
 * UTF-8 straight into a byte buffer (no joined string, no second copy) and written with `fs.writeSync` about every
 * MiB. Synchronous on purpose: the simulation calls its sink in a
 * tight synchronous loop, where a stream's back-pressure could never be honoured anyway.
 *
 * @example
 * ```ts
 * const writer = new NdjsonFileWriter('out/run/events.ndjson', { atomic: true });
 * try {
 *   simulate(scenario, (event) => writer.write(event));
 *   writer.close(); // flushes, then renames events.ndjson.tmp to events.ndjson
 * } catch (error) {
 *   writer.abort(); // removes the temp file
 *   throw error;
 * }
 * ```
 */
export class NdjsonFileWriter {
  /** The file's final name. */
  readonly path: string;
  /** The name being written: `path`, or `<target>.tmp` in atomic mode until {@link NdjsonFileWriter.close}. */
  readonly writingPath: string;
  /** Where {@link NdjsonFileWriter.close} renames the temp file to: `path`, or the end of its symbolic links. */
  readonly #finalPath: string;
  readonly #bufferSize: number;
  #fd: number | undefined;
  /** The bytes not written yet: `#buffer[0, #used)`. */
  readonly #buffer: Buffer;
  #used = 0;
  #lines = 0;
  #flushedBytes = 0;

  constructor(path: string, options: NdjsonFileWriterOptions = {}) {
    const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
    if (!Number.isInteger(bufferSize) || bufferSize < 1) {
      throw new RangeError(`NdjsonFileWriter: bufferSize must be a positive integer, got ${bufferSize}`);
    }
    this.path = path;
    const target = options.atomic ? outputTarget(path) : { path, atomic: false };
    this.#finalPath = target.path;
    this.writingPath = target.atomic ? `${target.path}.tmp` : target.path;
    this.#bufferSize = bufferSize;
    this.#buffer = Buffer.allocUnsafe(bufferSize + SLACK);
    if (this.writingPath !== this.#finalPath) trackTemporaryFile(this.writingPath);
    this.#fd = openSync(this.writingPath, 'w');
  }

  /** Lines written so far (buffered ones included). */
  get lines(): number {
    return this.#lines;
  }

  /** UTF-8 bytes written so far (buffered ones included): the file's size once closed. */
  get bytes(): number {
    return this.#flushedBytes + this.#used;
  }

  /** Whether {@link NdjsonFileWriter.close} or {@link NdjsonFileWriter.abort} has been called. */
  get closed(): boolean {
    return this.#fd === undefined;
  }

  /**
   * Appends `value` as one JSON line. Newlines inside strings are escaped by `JSON.stringify`, so a line is always one
   * record.
   */
  write(value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) {
      throw new TypeError(`NdjsonFileWriter: line ${this.#lines + 1} of ${this.path} has no JSON form (${typeof value})`);
    }
    this.writeLine(json);
  }

  /** Appends one line of JSON text that is already serialised (it must hold no newline). */
  writeLine(json: string): void {
    if (this.#fd === undefined) throw new Error(`NdjsonFileWriter: write after close (${this.path})`);
    this.#lines++;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; only a line that might not fit is measured. One that does not
    // goes after a flush, or on its own.
    const room = this.#buffer.length - this.#used;
    if (3 * json.length + 1 > room) {
      const size = Buffer.byteLength(json, 'utf8') + 1;
      if (size > room) {
        this.flush();
        if (size > this.#buffer.length) {
          this.#writeOut(Buffer.from(`${json}\n`, 'utf8'));
          return;
        }
      }
    }
    this.#used += this.#buffer.write(json, this.#used, 'utf8');
    this.#buffer[this.#used++] = 0x0a;
    if (this.#used >= this.#bufferSize) this.flush();
  }

  /** Writes the buffered lines to the file now. */
  flush(): void {
    if (this.#fd === undefined || this.#used === 0) return;
    const used = this.#used;
    this.#used = 0;
    this.#writeOut(this.#buffer.subarray(0, used));
  }

  #writeOut(chunk: Buffer): void {
    let offset = 0;
    // writeSync may write less than asked (rare for files, but allowed): loop until the chunk is out.
    while (offset < chunk.length) offset += writeSync(this.#fd!, chunk, offset, chunk.length - offset);
    this.#flushedBytes += chunk.length;
  }

  /** Flushes and closes the file; in atomic mode, renames the temp file to {@link NdjsonFileWriter.path}. */
  close(): void {
    if (this.#fd === undefined) return;
    this.flush();
    const fd = this.#fd;
    this.#fd = undefined;
    closeSync(fd);
    if (this.writingPath !== this.#finalPath) {
      renameSync(this.writingPath, this.#finalPath);
      untrackTemporaryFile(this.writingPath);
    }
  }

  /**
   * Closes without finishing: drops buffered lines and, in atomic mode, deletes the temp file, so nothing is left
   * under either name. In non-atomic mode the lines flushed so far stay. Never throws.
   */
  abort(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    this.#used = 0;
    try {
      closeSync(fd);
    } catch {
      // Best effort: abort runs while another error is already on its way out.
    }
    if (this.writingPath !== this.#finalPath) {
      rmSync(this.writingPath, { force: true });
      untrackTemporaryFile(this.writingPath);
    }
  }
}
