import { NotExportableError } from '../../model/errors/index.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import { canonicalEventsView, sqlOfShape } from './sqlOfShape.ts';

/** The languages `pushstorm export` writes (more come with issue work: Sigma, SPL, KQL, EQL, ES|QL). */
export const exportTargets = ['sql'] as const;

/** One of {@link exportTargets}. */
export type ExportTarget = (typeof exportTargets)[number];

/** Options of {@link exportDetector}. */
export interface ExportOptions {
  /** A canonical NDJSON file the SQL should read: the script then starts with the view over it and runs as is. */
  events?: string;
}

/**
 * A detector instance (its definition and parameter values) written in `target`: for `sql`, a DuckDB script — a
 * comment naming the detector and its parameters, the view over `events` when a file is given, and the query whose
 * rows are the findings (`entity`, `decision_time`, `evidence`).
 *
 * @throws NotExportableError when the detector states no shape.
 */
export function exportDetector(instance: DetectorInstance, target: ExportTarget, options: ExportOptions = {}): string {
  const { definition, params } = instance;
  if (definition.shape === undefined) throw new NotExportableError(definition.id, target, 'it states no declarative shape yet');
  const header = [
    `-- ${definition.id} v${definition.version}: ${definition.title}`,
    `-- parameters: ${
      Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || 'none'
    }`,
    '-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence',
    `-- over a relation "events" with the canonical event's columns (id, time, type, user, ip, asn, proxy, outcome, reason, result)`,
  ];
  const view = options.events === undefined ? [] : [`${canonicalEventsView(options.events)};`];
  return `${[...header, ...view, `${sqlOfShape(definition.shape, params)};`].join('\n')}\n`;
}
