import { isAscii } from 'node:buffer';
import type { Data, Vector } from './arrow.ts';

/**
 * How to read one row's value of a column of the current batch: a JavaScript expression of the row `r` over the
 * named arrays, so a shape's whole event can be built by one object literal (see compileShape).
 */
export interface ColumnAccess {
  /** The expression, e.g. `s3[x3[r]]`. */
  expression: string;
  /** The arrays it names, by name. */
  arrays: Record<string, unknown>;
}

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

/** Bit `r` of a bitmap starting `offset` bits in. */
const bit = (bitmap: string, offset: number) => `((${bitmap}[(r + ${offset}) >> 3] >> ((r + ${offset}) & 7)) & 1) === 1`;

/** A dictionary column: the row's string. */
export function stringAccess(data: Data, dictionary: DictionaryStrings, id: number): ColumnAccess {
  return {
    expression: `s${id}[x${id}[r]]`,
    arrays: { [`s${id}`]: dictionary.update(data.dictionary as Vector), [`x${id}`]: (data.values as Int32Array).subarray(data.offset) },
  };
}

/** A Float64 column. */
export function numberAccess(data: Data, id: number): ColumnAccess {
  return { expression: `v${id}[r]`, arrays: { [`v${id}`]: (data.values as Float64Array).subarray(data.offset) } };
}

/** A Bool column. */
export function booleanAccess(data: Data, id: number): ColumnAccess {
  return { expression: bit(`b${id}`, data.offset), arrays: { [`b${id}`]: data.values } };
}

/**
 * The event time: Int64 read as two 32-bit halves (exact for the safe integers the writer puts there; little-endian,
 * as Arrow's buffers are), or, where the Int64 is null, the Float64 overflow column's value.
 */
export function timeAccess(data: Data, overflow: Data, id: number): ColumnAccess {
  const values = data.values as BigInt64Array;
  const halves = new Int32Array(values.buffer, values.byteOffset + data.offset * 8, data.length * 2);
  const int64 = `(h${id}[2 * r + 1] * 4294967296 + (h${id}[2 * r] >>> 0))`;
  if (data.nullCount === 0) return { expression: int64, arrays: { [`h${id}`]: halves } };
  return {
    expression: `(${bit(`n${id}`, data.offset)} ? ${int64} : d${id}[r])`,
    arrays: {
      [`h${id}`]: halves,
      [`n${id}`]: data.nullBitmap,
      [`d${id}`]: (overflow.values as Float64Array).subarray(overflow.offset),
    },
  };
}
