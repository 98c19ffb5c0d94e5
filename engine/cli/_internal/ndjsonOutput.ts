import { NdjsonFileWriter } from '../../formats/files/NdjsonFileWriter.ts';
import type { CliIo } from '../CliIo.ts';

/** Where a command's NDJSON records go: a file, or standard output. */
export interface NdjsonOutput {
  write(value: unknown): void;
  close(): void;
}

/** An NDJSON file written as records come, or, for `-`, lines on the command's standard output. */
export function ndjsonOutput(path: string, io: CliIo): NdjsonOutput {
  if (path !== '-') return new NdjsonFileWriter(path);
  return { write: (value) => void io.stdout.write(`${JSON.stringify(value)}\n`), close: () => {} };
}
