import { eventColumns } from '../../../formats/canonical/eventColumns.ts';
import { OptionError } from '../../../model/errors/OptionError.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { sqlDialects } from './SqlDialect.ts';
import { sqlDetectorFile } from './sqlDetectorFile.ts';
import { canonicalEventsView, sqlOfShape } from './sqlOfShape.ts';

/** SQL over the canonical events ({@link sqlOfShape}), in DuckDB's dialect or another engine's (`--dialect`). */
export const sqlTarget: ExportTarget<'sql'> = {
  id: 'sql',
  title: 'SQL (DuckDB, PostgreSQL, Spark SQL, Trino)',
  formats: ['canonical'],
  semantics:
    'Verified: a test runs the query on DuckDB over simulated worlds and fast-check generated event streams and requires ' +
    'the streaming detector’s findings — the same entities and decision times, to the millisecond — and another runs it ' +
    'unchanged on PostgreSQL and requires DuckDB’s findings. The Spark SQL and Trino texts (--dialect) are the same ' +
    'query with those engines’ spellings; a test parses every one with the engines’ ANTLR grammars (dt-sql-parser), ' +
    'but no Spark or Trino runs here. Alert threads are not SQL’s: every row is a finding; the detector folds findings ' +
    'of one key into one alert while they keep coming.',
  cannot: () => undefined,
  write({ instance, shape, events, asDetector, dialect = 'duckdb' }) {
    const d = sqlDialects[dialect];
    if (asDetector) {
      if (dialect !== 'duckdb')
        throw new OptionError('export', [
          { option: '--as-detector', message: `a SQL detector runs inside pushstorm, on DuckDB: leave out --dialect ${dialect}` },
        ]);
      return sqlDetectorFile(instance, shape);
    }
    const { definition, params } = instance;
    const relation = d.relation(events, canonicalEventsView);
    const over =
      dialect === 'duckdb'
        ? 'a relation "events"'
        : relation.from === 'events'
          ? 'a relation named events (a table or view you provide)'
          : relation.from;
    const header = [
      `-- ${definition.id} v${definition.version}: ${definition.title}`,
      `-- parameters: ${
        Object.entries(params)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || 'none'
      }`,
      '-- rows: one per finding — entity (the key), decision_time (epoch ms, when the streaming detector decides), evidence',
      `-- over ${over} with the canonical event's columns (${eventColumns.map((c) => c.name).join(', ')})`,
      ...d.notes.map((line) => `-- ${line}`),
    ];
    const view = relation.view === undefined ? [] : [`${relation.view};`];
    return `${[...header, ...view, `${sqlOfShape(shape, params, { dialect, from: relation.from })};`].join('\n')}\n`;
  },
};
