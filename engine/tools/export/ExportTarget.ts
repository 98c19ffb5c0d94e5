import type { DetectorShape } from '../../runtime/DetectorShape.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { SqlDialectId } from './sql/SqlDialect.ts';
import type { ExportFormat, VendorFields } from './vendor/VendorFields.ts';

/** What a target writes from, besides the detector instance. */
export interface TargetInput {
  /** The detector and its parameter values (defaults or tuned); its definition states a shape. */
  instance: DetectorInstance;
  /** The shape, the same as `instance.definition.shape`, narrowed. */
  shape: DetectorShape;
  /** The field names of the log the query reads. */
  fields: VendorFields;
  /** A file of that log the query should read, where the language can name one (SQL: a view over it). */
  events?: string;
  /**
   * Write a detector file of the language rather than a query with the values written in, where the target has one
   * (SQL: a `--sql-detector` file whose parameters default to the instance's values).
   */
  asDetector?: boolean;
  /** SQL only: the engine whose dialect the query is written in (default `duckdb`). */
  dialect?: SqlDialectId;
}

/**
 * One language `pushstorm export` writes. Adding a target is one folder exporting one of these and one line in
 * `exportTargets`.
 */
export interface ExportTarget<Id extends string = string> {
  readonly id: Id;
  /** Human name ("DuckDB SQL", "Sigma correlation rule"). */
  readonly title: string;
  /** The log formats it can be written for (the field names it knows how to use). */
  readonly formats: readonly ExportFormat[];
  /**
   * How far the written query is held to the streaming detector, said once for `docs/export.md`, `--help` and the
   * export's own header: what is verified (and how), what differs (fixed buckets instead of sliding windows…).
   */
  readonly semantics: string;
  /**
   * Why this target cannot express a shape, or `undefined` when it can. Without `params`, what the language cannot say
   * at any parameter values; with them, also what it cannot say at these (a count above a limit of the language).
   */
  cannot(shape: DetectorShape, params?: Readonly<Record<string, number>>): string | undefined;
  /** The query or rule text, ready to save (ends with a newline). */
  write(input: TargetInput): string;
}
