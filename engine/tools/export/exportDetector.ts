import { NotExportableError } from '../../model/errors/NotExportableError.ts';
import { OptionError } from '../../model/errors/OptionError.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { ExportTarget, TargetInput } from './ExportTarget.ts';
import { type ExportTargetId, exportTargets } from './exportTargets.ts';
import type { SqlDialectId } from './sql/SqlDialect.ts';
import type { ExportFormat } from './vendor/VendorFields.ts';
import { fieldsFor } from './vendor/fieldsFor.ts';
import { whyFieldsCannot } from './whyFieldsCannot.ts';

/** Options of {@link exportDetector}. */
export interface ExportOptions {
  /** The log whose field names the query uses (default `canonical`). */
  format?: ExportFormat;
  /** A file of that log the query should read, where the target can name one (SQL: it then runs as is). */
  events?: string;
  /** A detector file of the language rather than a query (SQL: a `--sql-detector` file); see {@link TargetInput}. */
  asDetector?: boolean;
  /** SQL only: the engine whose dialect the query is written in (default `duckdb`; `--dialect`). */
  dialect?: SqlDialectId;
}

const targetOf = (id: ExportTargetId): ExportTarget => exportTargets.find((t) => t.id === id)!;

/**
 * Why `definition` cannot be written in `target` for `format` with these parameter values (default: its defaults), or
 * `undefined` when it can: no shape, a format the target is not written for, a shape the language cannot say (at these
 * values: EQL's `runs` stops at 100), or a filter or flag the log's fields cannot say ({@link whyFieldsCannot}).
 */
export function whyNotExportable(
  definition: AnyDetectorDefinition,
  target: ExportTargetId,
  format: ExportFormat = 'canonical',
  params: Readonly<Record<string, number>> = defaultParams(definition),
): string | undefined {
  const writer = targetOf(target);
  if (definition.shape === undefined) return definition.notExportable ?? 'it states no declarative shape';
  if (!writer.formats.includes(format)) return `${writer.title} is written for ${writer.formats.join(', ')} field names only`;
  return writer.cannot(definition.shape, params) ?? whyFieldsCannot(definition.shape, fieldsFor(format), params);
}

/** The targets `definition` exports to, for the canonical events' field names (`pushstorm detectors` lists them). */
export function exportsOf(definition: AnyDetectorDefinition): ExportTargetId[] {
  return exportTargets.filter((t) => whyNotExportable(definition, t.id, t.formats[0]) === undefined).map((t) => t.id);
}

/**
 * A detector instance (its definition and parameter values) written in `target` for the field names of `format`:
 * for `sql`, a DuckDB script — a comment naming the detector and its parameters, the view over `events` when a file
 * is given, and the query whose rows are the findings (`entity`, `decision_time`, `evidence`) — or, with
 * `options.dialect`, the same query for PostgreSQL, Spark SQL or Trino.
 *
 * @throws NotExportableError when the detector states no shape, or the target cannot say it for that format.
 * @throws OptionError when a dialect is given for another target than `sql`, or the dialect cannot read `events` or
 *   be a SQL detector file.
 */
export function exportDetector(instance: DetectorInstance, target: ExportTargetId, options: ExportOptions = {}): string {
  const { definition } = instance;
  const format = options.format ?? 'canonical';
  if (options.dialect !== undefined && target !== 'sql')
    throw new OptionError('export', [{ option: '--dialect', value: options.dialect, message: 'is for --to sql only' }]);
  const why = whyNotExportable(definition, target, format, instance.params);
  if (why !== undefined) throw new NotExportableError(definition.id, target, why);
  return targetOf(target).write({
    instance,
    shape: definition.shape!,
    fields: fieldsFor(format),
    events: options.events,
    asDetector: options.asDetector,
    dialect: options.dialect,
  });
}
