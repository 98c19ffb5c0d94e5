import { type Data, type RecordBatch, RecordBatchFileReader, Type } from './_internal/arrow.ts';
import { FormatError } from '../../model/errors/FormatError.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { booleanAccess, type ColumnAccess, DictionaryStrings, numberAccess, stringAccess, timeAccess } from './_internal/columnReaders.ts';
import { eventLayout, type LeafKind, SHAPE_COLUMN, TIME_OVERFLOW_COLUMN } from './_internal/eventLayout.ts';
import { compileShape, parseShape, type ShapeNode } from './_internal/shapePlan.ts';

const typeOfKind: Record<LeafKind, Type> = {
  string: Type.Dictionary,
  time: Type.Int,
  number: Type.Float,
  boolean: Type.Bool,
};

/**
 * Reads an Arrow IPC file written by `EventColumnsWriter` and hands its events to `sink`, in the order they were
 * written, one record batch at a time: the whole array of events is never built. Each event has the keys, the key
 * order and the values it was written with (`JSON.stringify` gives the same bytes); equal strings are one string.
 * Returns how many events it read.
 * @throws FormatError for a file that is not such a file (missing or mistyped column, unknown shape).
 *
 * @example
 * let n = 0;
 * readEventColumns(readFileSync('events.arrow'), (event) => runtime.push(event));
 */
export function readEventColumns(bytes: Uint8Array, sink: (event: CanonicalEvent) => void): number {
  let reader: RecordBatchFileReader;
  try {
    const opened = RecordBatchFileReader.from(bytes);
    if (!opened.isFile()) throw new Error('an Arrow stream, not a file');
    reader = opened.open();
  } catch (error) {
    throw new FormatError(`columnar events: not an Arrow IPC file (${(error as Error).message})`, 'arrow');
  }
  const positions = new Map(reader.schema.fields.map((field, i) => [field.name, i]));
  const position = (name: string, type: Type): number => {
    const at = positions.get(name);
    if (at === undefined || reader.schema.fields[at].typeId !== type)
      throw new FormatError(`columnar events: column ${name} is missing or of another type`, 'arrow');
    return at;
  };
  const shapeAt = position(SHAPE_COLUMN, Type.Dictionary);
  const leafAt = eventLayout.leaves.map((leaf) => position(leaf.column, typeOfKind[leaf.kind]));
  const overflowAt = position(TIME_OVERFLOW_COLUMN, Type.Float);
  const dictionaries = eventLayout.leaves.map((leaf) => (leaf.kind === 'string' ? new DictionaryStrings() : undefined));
  const shapeStrings = new DictionaryStrings();
  /** Parsed shapes by dictionary index: a shape is parsed once per file, compiled once per batch. */
  const shapes: ShapeNode[][] = [];
  let count = 0;
  for (const batch of reader) {
    const column = (at: number): Data => batch.data.children[at];
    const accessOf: Record<LeafKind, (data: Data, i: number) => ColumnAccess> = {
      string: (data, i) => stringAccess(data, dictionaries[i] as DictionaryStrings, i),
      time: (data, i) => timeAccess(data, column(overflowAt), i),
      number: numberAccess,
      boolean: booleanAccess,
    };
    const accesses = eventLayout.leaves.map((leaf, i) => accessOf[leaf.kind](column(leafAt[i]), i));
    count += decodeBatch(batch, column(shapeAt), shapeStrings, shapes, accesses, sink);
  }
  return count;
}

function decodeBatch(
  batch: RecordBatch,
  shapeColumn: Data,
  shapeStrings: DictionaryStrings,
  shapes: ShapeNode[][],
  accesses: readonly ColumnAccess[],
  sink: (event: CanonicalEvent) => void,
): number {
  const names = shapeStrings.update(shapeColumn.dictionary as never);
  const indices = (shapeColumn.values as Int32Array).subarray(shapeColumn.offset);
  const builders: Array<((row: number) => object) | undefined> = [];
  for (let row = 0; row < batch.numRows; row++) {
    const shape = indices[row];
    let build = builders[shape];
    if (build === undefined) {
      if (shape >= names.length) throw new FormatError(`columnar events: row ${row} has no shape`, 'arrow');
      shapes[shape] ??= parseShape(names[shape], eventLayout.fields);
      build = builders[shape] = compileShape(shapes[shape], accesses);
    }
    sink(build(row) as CanonicalEvent);
  }
  return batch.numRows;
}
