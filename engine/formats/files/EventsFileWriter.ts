import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeEventsParquet } from '../parquet/writeEventsParquet.ts';
import { NdjsonFileWriter } from './NdjsonFileWriter.ts';
import { trackTemporaryFile, untrackTemporaryFile } from './temporaryFiles.ts';

/** The formats a world's canonical events are written in: `events.ndjson`, or `events.parquet` (DuckDB). */
export const EVENTS_FILE_FORMATS = ['ndjson', 'parquet'] as const;

/** One of {@link EVENTS_FILE_FORMATS}. */
export type EventsFileFormat = (typeof EVENTS_FILE_FORMATS)[number];

/** The name of the events file in `format`: `events.ndjson`, `events.parquet`. */
export function eventsFileName(format: EventsFileFormat): string {
  return `events.${format}`;
}

/**
 * Writes a world's canonical events into a folder as `events.ndjson` or `events.parquet`. The lines always go to
 * NDJSON first — the file itself, or for Parquet a temporary `events.ndjson.tmp` that DuckDB converts in
 * {@link EventsFileWriter.close} and that is then removed — so what reads the lines back before the end (the vendor
 * logs) reads NDJSON either way. Neither file appears under its name until it is complete.
 *
 * @example
 * ```ts
 * const events = new EventsFileWriter('out/run', 'parquet');
 * simulate(scenario, (event) => events.write(event));
 * events.closeLines(); // events.ndjsonPath can be read now
 * await events.close(); // out/run/events.parquet
 * ```
 */
export class EventsFileWriter {
  /** The events file's final name. */
  readonly path: string;
  /** The NDJSON the lines are written to: {@link EventsFileWriter.path} itself, or the temporary file for Parquet. */
  readonly ndjsonPath: string;
  readonly #writer: NdjsonFileWriter;
  #converted = false;

  constructor(
    dir: string,
    readonly format: EventsFileFormat,
  ) {
    this.path = join(dir, eventsFileName(format));
    if (format === 'ndjson') {
      this.ndjsonPath = this.path;
      this.#writer = new NdjsonFileWriter(this.path, { atomic: true });
    } else {
      this.ndjsonPath = join(dir, 'events.ndjson.tmp');
      trackTemporaryFile(this.ndjsonPath);
      this.#writer = new NdjsonFileWriter(this.ndjsonPath);
    }
  }

  /** Events written so far. */
  get lines(): number {
    return this.#writer.lines;
  }

  /** Appends one event. */
  write(event: unknown): void {
    this.#writer.write(event);
  }

  /** Appends one event's JSON text (no newline). */
  writeLine(json: string): void {
    this.#writer.writeLine(json);
  }

  /** Ends the lines: {@link EventsFileWriter.ndjsonPath} is complete and readable from now on. */
  closeLines(): void {
    this.#writer.close();
  }

  /** Ends the lines and, for Parquet, converts them and removes the NDJSON. */
  async close(): Promise<void> {
    this.closeLines();
    if (this.format !== 'parquet' || this.#converted) return;
    this.#converted = true;
    try {
      await writeEventsParquet(this.ndjsonPath, this.path);
    } finally {
      this.#removeTemporary();
    }
  }

  /** Stops without an events file: what was written so far is removed. Never throws. */
  abort(): void {
    this.#writer.abort();
    if (this.format === 'parquet') this.#removeTemporary();
  }

  #removeTemporary(): void {
    rmSync(this.ndjsonPath, { force: true });
    untrackTemporaryFile(this.ndjsonPath);
  }
}
