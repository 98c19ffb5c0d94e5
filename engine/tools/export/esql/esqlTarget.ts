import { getLogFormat } from '../../../formats/logFormats.ts';
import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { exportFormats } from '../vendor/VendorFields.ts';
import { exportHeader } from '../exportHeader.ts';
import { esqlOfShape } from './esqlOfShape.ts';

const verification = 'Not verified: no Elasticsearch runs here; golden-text tests fix this text, and what it does is as written here.';

const bucketedNote =
  'ES|QL has no sliding window: this query counts in tumbling buckets of the window’s length aligned to the epoch ' +
  '(BUCKET with a fixed duration), a finding at a bucket’s end — it catches what a bucketed variant of the detector ' +
  'catches, not what the sliding detector does.';

/** What each shape becomes in ES|QL, and how it differs from the streaming detector. */
const shapeNotes: Record<DetectorShape['kind'], string> = {
  each: 'Exact: every record the condition accepts is a finding at its @timestamp.',
  bucketCount:
    'Exact: `BUCKET(@timestamp, …)` with a fixed duration cuts buckets aligned to the epoch, `STATS COUNT(*)` counts ' +
    'each key’s records in each, and a bucket with at least the threshold is a finding at its end.',
  countBefore:
    `Bucketed. ${bucketedNote} A bucket holding a trigger and more than the threshold of counted records of a key is ` +
    'a finding. Differs: counted records after the trigger in its bucket count too, and a storm across a bucket ' +
    'boundary is split (the sliding window ending at the trigger may hold more than either bucket).',
  windowAt:
    `Bucketed. ${bucketedNote} Per key and bucket, the record count, distinct users (COUNT_DISTINCT: near-exact ` +
    'below its precision threshold, 3,000 by default) and proxy records decide the clauses. Differs: a window ' +
    'straddling two buckets is split (fewer findings; for the one-user clause, possibly others), and there is at ' +
    'most one finding per bucket.',
  runUntil:
    `Bucketed. ${bucketedNote} A bucket of maxspan’s length with at least runs counted records of a key and no until ` +
    'record is a finding. Differs: an until record anywhere in the bucket cancels it, even one before the counted ' +
    'records (the detector cancels only the records before an until), and a run across a bucket boundary is split.',
};

/**
 * Elastic ES|QL ({@link esqlOfShape}) over the index `pushstorm replay` sends the format's records to, which holds
 * them as the vendor writes them (the field names of the export) with `@timestamp`.
 */
export const esqlTarget: ExportTarget<'esql'> = {
  id: 'esql',
  title: 'Elastic ES|QL',
  formats: exportFormats,
  semantics: [
    verification,
    ...Object.entries(shapeNotes).map(([kind, note]) => `${kind}: ${note.replace(bucketedNote, '').replace(/ {2}/g, ' ')}`),
    bucketedNote,
    'Values compare case-sensitively (`==`, `IN`, `LIKE`), as in the detector. Each result row is a finding; the ' +
      'detector folds a key’s findings into one alert while they keep coming.',
  ].join(' '),
  cannot: () => undefined,
  write(input) {
    const index = getLogFormat(input.fields.format).siem.index;
    const header = exportHeader(input, {
      reads: `index ${index} (where pushstorm replay sends these records as the vendor writes them, with @timestamp; an Elastic integration's logs-* index renames their fields to ECS, which these names do not match)`,
      semantics: `${verification} ${shapeNotes[input.shape.kind]}`,
      results: 'one row per finding: decision_time (when the detector decides), entity (the key), evidence (the count behind it).',
    });
    return `${header.map((l) => `// ${l}`).join('\n')}\n${esqlOfShape(input, index)}\n`;
  },
};
