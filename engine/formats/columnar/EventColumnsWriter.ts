import { Field, makeData, RecordBatch, RecordBatchFileWriter, Schema, Struct } from './_internal/arrow.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { FormatError } from '../../model/errors/FormatError.ts';
import { ByteSink } from './_internal/ByteSink.ts';
import {
  BooleanColumnBuilder,
  type ColumnBuilder,
  Int64ColumnBuilder,
  NumberColumnBuilder,
  StringColumnBuilder,
} from './_internal/columnBuilders.ts';
import { eventLayout, type Field as LayoutField, type LeafKind, SHAPE_COLUMN, TIME_OVERFLOW_COLUMN } from './_internal/eventLayout.ts';

/** Options of {@link EventColumnsWriter}. */
export interface EventColumnsWriterOptions {
  /** Events per record batch (default 32,768): the reader decodes a batch at a time. */
  batchRows?: number;
}

type Builder = StringColumnBuilder | NumberColumnBuilder | Int64ColumnBuilder | BooleanColumnBuilder;

const DEFAULT_BATCH_ROWS = 32_768;

/**
 * Writes canonical events as an Arrow IPC file, one column per schema field (see `readEventColumns` for the layout):
 * times as Int64, other numbers as Float64, booleans as Bool, every string dictionary-encoded, nested objects
 * flattened (`origin.ip` → `origin_ip`) with a null where an event has no such field, and a `_shape` column with each
 * event's key order, so reading gives back the very objects (same keys, same order, same JSON). The bytes go to
 * `sink` batch by batch.
 *
 * @throws FormatError from {@link write} for an event the columns cannot hold: a field the schema does not know, a
 * value of the wrong type, a string with a lone surrogate.
 *
 * @example
 * const writer = new EventColumnsWriter((bytes) => writeSync(fd, bytes));
 * for (const event of events) writer.write(event);
 * writer.close();
 */
export class EventColumnsWriter {
  private readonly batchRows: number;
  private readonly shape: StringColumnBuilder;
  private readonly leaves: Builder[];
  private readonly timeOverflow: NumberColumnBuilder;
  private readonly all: ColumnBuilder[];
  private readonly schema: Schema;
  private readonly writer: RecordBatchFileWriter;
  private rows = 0;
  private count = 0;
  private closed = false;

  constructor(sink: (bytes: Uint8Array) => void, options: EventColumnsWriterOptions = {}) {
    const rows = options.batchRows ?? DEFAULT_BATCH_ROWS;
    if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`EventColumnsWriter: batchRows must be a positive integer, got ${rows}`);
    this.batchRows = rows;
    let dictionaryId = 0;
    this.shape = new StringColumnBuilder(dictionaryId++, rows);
    const builderOf: Record<LeafKind, () => Builder> = {
      string: () => new StringColumnBuilder(dictionaryId++, rows),
      time: () => new Int64ColumnBuilder(rows),
      number: () => new NumberColumnBuilder(rows),
      boolean: () => new BooleanColumnBuilder(rows),
    };
    this.leaves = eventLayout.leaves.map((leaf) => builderOf[leaf.kind]());
    this.timeOverflow = new NumberColumnBuilder(rows);
    this.all = [this.shape, ...this.leaves, this.timeOverflow];
    this.schema = new Schema([
      new Field(SHAPE_COLUMN, this.shape.type, false),
      ...eventLayout.leaves.map((leaf, i) => new Field(leaf.column, this.leaves[i].type, true)),
      new Field(TIME_OVERFLOW_COLUMN, this.timeOverflow.type, true),
    ]);
    this.writer = new RecordBatchFileWriter();
    this.writer.reset(new ByteSink(sink), this.schema);
  }

  /** Events written so far. */
  get events(): number {
    return this.count;
  }

  /** Adds an event; a full batch is written to the sink. After a refused event the writer takes no more. */
  write(event: CanonicalEvent): void {
    if (this.closed) throw new Error('EventColumnsWriter: write after close or after a refused event');
    const row = this.rows;
    try {
      this.shape.set(row, this.writeObject(event as unknown as Record<string, unknown>, eventLayout.fields, row, ''));
    } catch (error) {
      // The row is half set: the file can no longer be finished.
      this.closed = true;
      throw error;
    }
    this.count++;
    if (++this.rows === this.batchRows) this.flush();
  }

  /** Writes the last batch and the file's footer. */
  close(): void {
    if (this.closed) return;
    if (this.rows > 0 || this.count === 0) this.flush();
    this.writer.finish();
    this.writer.close();
    this.closed = true;
  }

  /** Sets the object's fields in `row`; returns its shape: its keys in order, a nested object's in braces. */
  private writeObject(object: Record<string, unknown>, fields: ReadonlyMap<string, LayoutField>, row: number, at: string): string {
    let shape = '';
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (value === undefined) continue; // as JSON.stringify: no key
      const field = fields.get(key);
      if (field === undefined) throw this.refuse(`${at}${key}`, 'is not a field of the canonical event schema');
      if (shape !== '') shape += ',';
      if (!field.leaf) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.refuse(`${at}${key}`, 'is not an object');
        shape += `${key}{${this.writeObject(value as Record<string, unknown>, field.fields, row, `${at}${key}.`)}}`;
        continue;
      }
      shape += key;
      const builder = this.leaves[field.index];
      switch (field.kind) {
        case 'string':
          if (typeof value !== 'string') throw this.refuse(`${at}${key}`, 'is not a string');
          if (!(builder as StringColumnBuilder).set(row, value)) throw this.refuse(`${at}${key}`, 'has a lone surrogate');
          break;
        case 'time':
          if (typeof value !== 'number' || !Number.isFinite(value)) throw this.refuse(`${at}${key}`, 'is not a finite number');
          if (!(builder as Int64ColumnBuilder).set(row, value)) this.timeOverflow.set(row, value);
          break;
        case 'number':
          if (typeof value !== 'number' || !Number.isFinite(value)) throw this.refuse(`${at}${key}`, 'is not a finite number');
          (builder as NumberColumnBuilder).set(row, value);
          break;
        case 'boolean':
          if (typeof value !== 'boolean') throw this.refuse(`${at}${key}`, 'is not a boolean');
          (builder as BooleanColumnBuilder).set(row, value);
          break;
      }
    }
    return shape;
  }

  private refuse(path: string, problem: string): FormatError {
    return new FormatError(`the columnar format cannot hold event ${this.count + 1}: ${path} ${problem}`, 'arrow');
  }

  private flush(): void {
    const length = this.rows;
    const children = this.all.map((builder) => builder.data(length));
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    for (const builder of this.all) builder.clear();
    this.rows = 0;
  }
}
