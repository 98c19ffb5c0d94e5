import { isAscii } from 'node:buffer';
import type { Data, Vector } from 'apache-arrow';

/** Reads one row's value of a column of the current batch. */
export type RowReader = (row: number) => unknown;

/**
 * The strings of a dictionary column, decoded once each and shared by every event that holds them (interned). The
 * dictionary only grows (deltas), so the strings already decoded stay valid from batch to batch.
 */
export class DictionaryStrings {
  readonly strings: string[] = [];

  /** Decodes the entries of `dictionary` not decoded yet; returns every string so far. */
  update(dictionary: Vector): string[] {
    let first = 0;
    for (const chunk of dictionary.data) {
      const end = first + chunk.length;
      if (end > this.strings.length) decodeUtf8Chunk(chunk, this.strings.length - first, this.strings);
      first = end;
    }
    return this.strings;
  }
}

/** Appends entries `from..` of a Utf8 chunk to `out`: an ASCII chunk is decoded in one go and sliced. */
function decodeUtf8Chunk(chunk: Data, from: number, out: string[]): void {
  const offsets = chunk.valueOffsets as Int32Array;
  const values = chunk.values as Uint8Array;
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const base = chunk.offset;
  if (isAscii(bytes)) {
    const text = bytes.toString('latin1');
    for (let i = from; i < chunk.length; i++) out.push(text.slice(offsets[base + i], offsets[base + i + 1]));
  } else {
    for (let i = from; i < chunk.length; i++) out.push(bytes.toString('utf8', offsets[base + i], offsets[base + i + 1]));
  }
}

/** A dictionary column's reader: the row's string. */
export function stringReader(data: Data, dictionary: DictionaryStrings): RowReader {
  const strings = dictionary.update(data.dictionary as Vector);
  const indices = (data.values as Int32Array).subarray(data.offset);
  return (row) => strings[indices[row]];
}

/** A Float64 column's reader. */
export function numberReader(data: Data): RowReader {
  const values = (data.values as Float64Array).subarray(data.offset);
  return (row) => values[row];
}

/** A Bool column's reader. */
export function booleanReader(data: Data): RowReader {
  const bits = data.values as Uint8Array;
  const offset = data.offset;
  return (row) => ((bits[(row + offset) >> 3] >> ((row + offset) & 7)) & 1) === 1;
}

/**
 * The event time's reader: Int64 read as two 32-bit halves (exact for the safe integers the writer puts there), or,
 * where the Int64 is null, the Float64 overflow column's value.
 */
export function timeReader(data: Data, overflow: Data): RowReader {
  const values = data.values as BigInt64Array;
  const halves = new Int32Array(values.buffer, values.byteOffset + data.offset * 8, data.length * 2);
  const int64 = (row: number) => halves[row * 2 + 1] * 4294967296 + (halves[row * 2] >>> 0);
  if (data.nullCount === 0) return int64;
  const valid = data.nullBitmap as Uint8Array;
  const offset = data.offset;
  const doubles = (overflow.values as Float64Array).subarray(overflow.offset);
  return (row) => (((valid[(row + offset) >> 3] >> ((row + offset) & 7)) & 1) === 1 ? int64(row) : doubles[row]);
}
