import { eventColumns } from '../../../formats/canonical/eventColumns.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { canonicalEventsView, sqlOfShape } from './sqlOfShape.ts';
import { sqlDetectorFile } from './sqlDetectorFile.ts';

/** SQL in DuckDB's dialect over the canonical events ({@link sqlOfShape}). */
export const sqlTarget: ExportTarget<'sql'> = {
  id: 'sql',
  title: 'SQL (DuckDB)',
  formats: ['canonical'],
  semantics:
    'Verified: a test runs the query on DuckDB over simulated worlds and fast-check generated event streams and requires ' +
    'the streaming detector’s findings — the same entities and decision times, to the millisecond — and another runs it ' +
    'unchanged on PostgreSQL and requires DuckDB’s findings. Alert threads are not ' +
    'SQL’s: every row is a finding; the detector folds findings of one key into one alert while they keep coming.',
  cannot: () => undefined,
  write({ instance, shape, events, asDetector }) {
    if (asDetector) return sqlDetectorFile(instance, shape);
    const { definition, params } = instance;
    const header = [
      `-- ${definition.id} v${definition.version}: ${definition.title}`,
      `-- parameters: ${
        Object.entries(params)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || 'none'
      }`,
      '-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence',
      `-- over a relation "events" with the canonical event's columns (${eventColumns.map((c) => c.name).join(', ')})`,
    ];
    const view = events === undefined ? [] : [`${canonicalEventsView(events)};`];
    return `${[...header, ...view, `${sqlOfShape(shape, params)};`].join('\n')}\n`;
  },
};
