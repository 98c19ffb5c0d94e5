import { NotExportableError } from '../../model/errors/index.ts';
import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import type { ExportTarget, TargetInput } from './ExportTarget.ts';
import { type ExportTargetId, exportTargets } from './exportTargets.ts';
import type { ExportFormat } from './vendor/VendorFields.ts';
import { fieldsFor } from './vendor/fieldsFor.ts';

/** Options of {@link exportDetector}. */
export interface ExportOptions {
  /** The log whose field names the query uses (default `canonical`). */
  format?: ExportFormat;
  /** A file of that log the query should read, where the target can name one (SQL: it then runs as is). */
  events?: string;
  /** A detector file of the language rather than a query (SQL: a `--sql-detector` file); see {@link TargetInput}. */
  asDetector?: boolean;
}

const targetOf = (id: ExportTargetId): ExportTarget => exportTargets.find((t) => t.id === id)!;

/** Why `definition` cannot be written in `target` for `format`, or `undefined` when it can. */
export function whyNotExportable(
  definition: AnyDetectorDefinition,
  target: ExportTargetId,
  format: ExportFormat = 'canonical',
): string | undefined {
  const writer = targetOf(target);
  if (definition.shape === undefined) return definition.notExportable ?? 'it states no declarative shape';
  if (!writer.formats.includes(format)) return `${writer.title} is written for ${writer.formats.join(', ')} field names only`;
  return writer.cannot(definition.shape);
}

/** The targets `definition` exports to, for the canonical events' field names (`pushstorm detectors` lists them). */
export function exportsOf(definition: AnyDetectorDefinition): ExportTargetId[] {
  return exportTargets.filter((t) => whyNotExportable(definition, t.id, t.formats[0]) === undefined).map((t) => t.id);
}

/**
 * A detector instance (its definition and parameter values) written in `target` for the field names of `format`:
 * for `sql`, a DuckDB script — a comment naming the detector and its parameters, the view over `events` when a file
 * is given, and the query whose rows are the findings (`entity`, `decision_time`, `evidence`).
 *
 * @throws NotExportableError when the detector states no shape, or the target cannot say it for that format.
 */
export function exportDetector(instance: DetectorInstance, target: ExportTargetId, options: ExportOptions = {}): string {
  const { definition } = instance;
  const format = options.format ?? 'canonical';
  const why = whyNotExportable(definition, target, format);
  if (why !== undefined) throw new NotExportableError(definition.id, target, why);
  return targetOf(target).write({
    instance,
    shape: definition.shape!,
    fields: fieldsFor(format),
    events: options.events,
    asDetector: options.asDetector,
  });
}
