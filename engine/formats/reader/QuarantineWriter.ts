import { NdjsonFileWriter } from '../files/NdjsonFileWriter.ts';
import type { NdjsonFileWriterOptions } from '../files/NdjsonFileWriter.ts';
import type { QuarantinedRecord } from './LogRecordReader.ts';

/**
 * Writes rejected input records to a quarantine file, one JSON object per line (`line`, `reason`, `detail`, `text`),
 * and counts them. Synchronous and buffered like {@link NdjsonFileWriter}; the file is created at construction, so
 * a clean run leaves an empty quarantine file.
 *
 * @example
 * const quarantine = new QuarantineWriter('out/run/quarantine.ndjson', { atomic: true });
 * const reader = new LogRecordReader(input, { onQuarantine: (q) => quarantine.write(q) });
 * try {
 *   for await (const event of reader.events()) handle(event);
 *   quarantine.close();
 * } catch (error) {
 *   quarantine.close(); // keep what was quarantined: in strict mode it names the line that stopped the run
 *   throw error;
 * }
 */
export class QuarantineWriter {
  readonly #writer: NdjsonFileWriter;

  constructor(path: string, options?: NdjsonFileWriterOptions) {
    this.#writer = new NdjsonFileWriter(path, options);
  }

  /** The quarantine file's final name. */
  get path(): string {
    return this.#writer.path;
  }

  /** Records quarantined so far. */
  get count(): number {
    return this.#writer.lines;
  }

  /** Appends one rejected record. */
  write(quarantined: QuarantinedRecord): void {
    this.#writer.write({
      line: quarantined.line,
      reason: quarantined.reason,
      detail: quarantined.detail,
      text: quarantined.text,
    });
  }

  /** Flushes and closes the file (in atomic mode, renames it to its final name). */
  close(): void {
    this.#writer.close();
  }

  /** Closes without finishing; see {@link NdjsonFileWriter.abort}. Never throws. */
  abort(): void {
    this.#writer.abort();
  }
}
