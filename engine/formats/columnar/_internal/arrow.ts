import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';

/**
 * Apache Arrow, loaded from the package's one-file build (`apache-arrow/Arrow.esnext.min.js`: the same library, built
 * into one file by the Arrow project) instead of its module entry, which is about 150 ES modules: loading those took
 * about 0.2 s of CPU in every command that reads or writes the world cache, a fifth of a `gate` whose worlds are all
 * cached; the one file takes a few tens of ms. The same classes and functions, under the package's own types (the
 * one-file build writes the same bytes: the five worlds of gates/ci.yaml compared equal). Only what the columnar format
 * uses is exported.
 */
const arrow = createRequire(import.meta.url)('apache-arrow/Arrow.esnext.min') as typeof Arrow;

export const {
  AsyncByteQueue,
  Bool,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  RecordBatch,
  RecordBatchFileReader,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Type,
  Utf8,
  Vector,
} = arrow;
export type { Data } from 'apache-arrow';
export type Dictionary<T extends Arrow.DataType, TKey extends Arrow.Int32> = Arrow.Dictionary<T, TKey>;
export type Int32 = Arrow.Int32;
export type RecordBatch = Arrow.RecordBatch;
export type RecordBatchFileReader = Arrow.RecordBatchFileReader;
export type RecordBatchFileWriter = Arrow.RecordBatchFileWriter;
export type Schema = Arrow.Schema;
export type Type = Arrow.Type;
export type Utf8 = Arrow.Utf8;
export type Vector = Arrow.Vector;
