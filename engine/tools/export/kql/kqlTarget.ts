import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { exportHeader } from '../exportHeader.ts';
import type { ExportFormat } from '../vendor/VendorFields.ts';
import { kqlOfShape } from './kqlOfShape.ts';

/**
 * The Log Analytics / Sentinel table each format's records are in: Entra ID's own `SigninLogs` (the `entra-sentinel`
 * log's columns); the canonical events
 * in a custom table (custom tables end in `_CL`) with one column per top-level field and `TimeGenerated` the
 * event's time, as a data collection rule would ingest `events.ndjson`.
 */
const kqlTables: Readonly<Partial<Record<ExportFormat, string>>> = {
  canonical: 'PushstormEvents_CL',
  'entra-sentinel': 'SigninLogs',
};

const verification =
  'Parsed, not run: a test parses every export with Microsoft’s Kusto language service and checks its table and ' +
  'column names against the table’s schema; no Kusto engine runs here, so what it finds is as written here.';

/** What each shape becomes in KQL, and how it differs from the streaming detector. */
const shapeNotes: Record<DetectorShape['kind'], string> = {
  each: 'Exact: every record the filter accepts is a finding at its TimeGenerated.',
  bucketCount:
    'Exact: `bin_at(TimeGenerated, …, datetime(1970-01-01))` cuts buckets aligned to the epoch, `summarize count()` ' +
    'counts each key’s records in each, and a bucket with at least the threshold is a finding at its end.',
  countBefore:
    'Sliding, exact by construction: each key’s trigger instants are joined with the key’s counted records (join ' +
    'kind=inner: the default innerunique would drop duplicates), and those in [t − window, t] — both ends, the ' +
    'trigger’s own millisecond included — are counted. The join is quadratic in a key’s records.',
  windowAt:
    'Sliding, exact by construction: each key’s instants are joined with the key’s records in [t − window, t] ' +
    '(every record of that millisecond in, as the detector decides once the millisecond is complete); count, ' +
    'distinct users (`array_length(make_set())`, exact, unlike dcount) and proxy records decide the clauses. The ' +
    'join is quadratic in a key’s records.',
  runUntil:
    'Sliding, exact by construction: records in the runtime’s order (TimeGenerated, then record id) get a row number ' +
    'and, per key, a segment number (`row_cumsum` of until records); each counted record counts the counted records ' +
    'of its key and segment at or before it in that order and at most one window older: a finding where that ' +
    'reaches runs. The join is quadratic in a segment’s records.',
};

/**
 * Microsoft Sentinel / Log Analytics KQL ({@link kqlOfShape}) over `SigninLogs` for Entra ID, or the canonical
 * events' custom table ({@link kqlTables}). Sliding windows stay sliding (a self-join), never bucketed.
 */
export const kqlTarget: ExportTarget<'kql'> = {
  id: 'kql',
  title: 'Microsoft Sentinel KQL',
  formats: ['canonical', 'entra-sentinel'],
  semantics: [
    verification,
    ...Object.entries(shapeNotes).map(([kind, note]) => `${kind}: ${note}`),
    'No shape is bucketed where the detector slides. Values compare case-sensitively (`==`, `in`, `contains_cs`), as ' +
      'in the detector; an absent value reads as empty text. Each result row is a finding; the detector folds a ' +
      'key’s findings into one alert while they keep coming.',
  ].join(' '),
  cannot: () => undefined,
  write(input) {
    const table = kqlTables[input.fields.format]!;
    const header = exportHeader(input, {
      reads: `table ${table}${input.fields.format === 'canonical' ? ' (a custom table: the canonical event’s fields as columns, TimeGenerated its time)' : ''}`,
      semantics: `${verification} ${shapeNotes[input.shape.kind]}`,
      results: 'one row per finding: decision_time (when the detector decides), entity (the key), evidence (the count behind it).',
    });
    return `${header.map((l) => `// ${l}`).join('\n')}\n${kqlOfShape(input, table)}\n`;
  },
};
