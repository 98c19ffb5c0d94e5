import { Bool, type Data, Dictionary, Float64, Int32, Int64, makeData, Utf8, Vector } from './arrow.ts';

/**
 * Builders of one record batch's worth of a column. Each keeps its arrays across batches (zeroed between them) and
 * hands Arrow views of them: the writer turns a batch into bytes before the next row is set.
 */
export interface ColumnBuilder {
  /** The column's data for rows `0..length-1`. */
  data(length: number): Data;
  /** Forgets the batch's rows (not the dictionary). */
  clear(): void;
}

const validityBytes = (rows: number) => (rows + 7) >> 3;
const setBit = (bits: Uint8Array, row: number) => {
  bits[row >> 3] |= 1 << (row & 7);
};
const nullCount = (bits: Uint8Array, length: number) => {
  let set = 0;
  for (let row = 0; row < length; row++) set += (bits[row >> 3] >> (row & 7)) & 1;
  return length - set;
};

/** Text, dictionary-encoded: each distinct string is stored once, in the batch that first meets it (a delta). */
export class StringColumnBuilder implements ColumnBuilder {
  readonly type: Dictionary<Utf8, Int32>;
  private readonly indices: Int32Array;
  private readonly valid: Uint8Array;
  private readonly ids = new Map<string, number>();
  /** Strings first met in this batch, in index order. */
  private fresh: string[] = [];
  private readonly chunks: Data<Utf8>[] = [];

  constructor(id: number, rows: number) {
    this.type = new Dictionary(new Utf8(), new Int32(), id, false);
    this.indices = new Int32Array(rows);
    this.valid = new Uint8Array(validityBytes(rows));
  }

  /** Sets the row's string; returns false for a string UTF-8 cannot hold exactly (a lone surrogate). */
  set(row: number, value: string): boolean {
    let id = this.ids.get(value);
    if (id === undefined) {
      if (!(value as unknown as { isWellFormed(): boolean }).isWellFormed()) return false;
      id = this.ids.size;
      this.ids.set(value, id);
      this.fresh.push(value);
    }
    this.indices[row] = id;
    setBit(this.valid, row);
    return true;
  }

  data(length: number): Data {
    if (this.fresh.length > 0 || this.chunks.length === 0) this.chunks.push(utf8Chunk(this.fresh));
    this.fresh = [];
    return makeData({
      type: this.type,
      length,
      nullCount: nullCount(this.valid, length),
      nullBitmap: this.valid.subarray(0, validityBytes(length)),
      data: this.indices.subarray(0, length),
      // Every chunk so far, the first one shared with the previous batch's: Arrow writes only the new ones, as deltas.
      dictionary: new Vector(this.chunks),
    });
  }

  clear(): void {
    this.indices.fill(0);
    this.valid.fill(0);
  }
}

function utf8Chunk(strings: readonly string[]): Data<Utf8> {
  const valueOffsets = new Int32Array(strings.length + 1);
  let bytes = 0;
  for (let i = 0; i < strings.length; i++) {
    bytes += Buffer.byteLength(strings[i], 'utf8');
    valueOffsets[i + 1] = bytes;
  }
  const values = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < strings.length; i++) values.write(strings[i], valueOffsets[i], 'utf8');
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, valueOffsets, data: values });
}

/** Any number, as Float64 (exact for every JSON number, -0 included). */
export class NumberColumnBuilder implements ColumnBuilder {
  readonly type = new Float64();
  private readonly values: Float64Array;
  private readonly valid: Uint8Array;

  constructor(rows: number) {
    this.values = new Float64Array(rows);
    this.valid = new Uint8Array(validityBytes(rows));
  }

  set(row: number, value: number): void {
    this.values[row] = value;
    setBit(this.valid, row);
  }

  data(length: number): Data {
    return makeData({
      type: this.type,
      length,
      nullCount: nullCount(this.valid, length),
      nullBitmap: this.valid.subarray(0, validityBytes(length)),
      data: this.values.subarray(0, length),
    });
  }

  clear(): void {
    this.values.fill(0);
    this.valid.fill(0);
  }
}

/**
 * Integers as Int64, written as two 32-bit halves (no BigInt per row). Exact for safe integers; {@link set} refuses
 * the others (and -0), which go to a Float64 overflow column.
 */
export class Int64ColumnBuilder implements ColumnBuilder {
  readonly type = new Int64();
  private readonly halves: Int32Array;
  private readonly valid: Uint8Array;

  constructor(rows: number) {
    this.halves = new Int32Array(rows * 2);
    this.valid = new Uint8Array(validityBytes(rows));
  }

  /** Sets the row's value; false when Int64 read back as a number would not give the same number. */
  set(row: number, value: number): boolean {
    if (!Number.isSafeInteger(value) || Object.is(value, -0)) return false;
    const high = Math.floor(value / 4294967296);
    this.halves[row * 2] = value - high * 4294967296; // low half, unsigned, stored as its int32 bits
    this.halves[row * 2 + 1] = high;
    setBit(this.valid, row);
    return true;
  }

  data(length: number): Data {
    return makeData({
      type: this.type,
      length,
      nullCount: nullCount(this.valid, length),
      nullBitmap: this.valid.subarray(0, validityBytes(length)),
      data: new BigInt64Array(this.halves.buffer, this.halves.byteOffset, length),
    });
  }

  clear(): void {
    this.halves.fill(0);
    this.valid.fill(0);
  }
}

/** Booleans as Arrow's bit-packed Bool. */
export class BooleanColumnBuilder implements ColumnBuilder {
  readonly type = new Bool();
  private readonly bits: Uint8Array;
  private readonly valid: Uint8Array;

  constructor(rows: number) {
    this.bits = new Uint8Array(validityBytes(rows));
    this.valid = new Uint8Array(validityBytes(rows));
  }

  set(row: number, value: boolean): void {
    if (value) setBit(this.bits, row);
    setBit(this.valid, row);
  }

  data(length: number): Data {
    return makeData({
      type: this.type,
      length,
      nullCount: nullCount(this.valid, length),
      nullBitmap: this.valid.subarray(0, validityBytes(length)),
      data: this.bits.subarray(0, validityBytes(length)),
    });
  }

  clear(): void {
    this.bits.fill(0);
    this.valid.fill(0);
  }
}
