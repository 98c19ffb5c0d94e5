import { canonicalFormat } from '../../../formats/canonical/canonicalFormat.ts';
import { getLogFormat } from '../../../formats/logFormats.ts';
import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { exportHeader } from '../exportHeader.ts';
import { type ExportFormat, exportFormats } from '../vendor/VendorFields.ts';
import { splOfShape } from './splOfShape.ts';

const verification = 'Not verified: no Splunk runs here; golden-text tests fix this text, and what it does is as written here.';

/** What each shape becomes in SPL, and how it differs from the streaming detector. */
const shapeNotes: Record<DetectorShape['kind'], string> = {
  each: 'Exact: every record the search accepts is a finding at its own _time.',
  bucketCount:
    'Exact: `bin _time span=…` cuts buckets aligned to the epoch (bin’s default for spans under a day), `stats count by ' +
    '_time entity` counts each key’s records in each, and a bucket with at least the threshold is a finding at its end.',
  countBefore:
    'Sliding, as the detector: records sorted ascending by _time (`sort 0`: no row limit; streamstats’ time window ' +
    'needs time order), each instant’s triggers after its counted records, so counted records of the trigger’s own ' +
    'millisecond are in; at each trigger `streamstats time_window` sums the key’s counted records over the window up ' +
    'to it. Unchecked: whether streamstats keeps a record exactly one window old (the detector does).',
  windowAt:
    'Sliding, as the detector: records with a key, sorted ascending by _time (`sort 0`); `streamstats time_window` ' +
    'counts records, distinct users (dc, exact) and proxy records over the window ending at each, and `stats max(…) ' +
    'by _time entity` keeps each instant’s whole window (every record of that millisecond in, as the detector decides ' +
    'once the millisecond is complete); a finding where any clause holds. Unchecked: the window’s older end (the ' +
    'detector keeps a record exactly one window old).',
  runUntil:
    'Sliding, as the detector: records sorted by _time and then by record id (the runtime’s order); a running count ' +
    'of each key’s until records numbers its segments, and `streamstats time_window` counts a key’s counted records ' +
    'within one segment over the window: a finding at each counted record where that count reaches runs. Unchecked: ' +
    'the window’s older end; and the running count is a streamstats without a window, which Splunk holds ' +
    'to max_stream_window records (limits.conf, 10,000 by default): raise it, or search a shorter range, where a key ' +
    'has more records.',
};

/** The sourcetype a format's records are filed under: the vendor add-on's; canonical events by their source. */
function sourcetypeOf(format: ExportFormat, shape: DetectorShape): string {
  if (format !== 'canonical') return getLogFormat(format).siem.sourcetype;
  const filters = [
    ...('where' in shape ? [shape.where] : []),
    ...('trigger' in shape ? [shape.trigger, shape.counted] : []),
    ...('until' in shape ? [shape.counted, ...shape.until] : []),
  ];
  const mac = filters.flatMap((f) => f.types).some((t) => t.startsWith('mac.'));
  const idp = filters.flatMap((f) => f.types).some((t) => !t.startsWith('mac.'));
  return `${canonicalFormat.siem.sourcetype}:${mac && idp ? '*' : mac ? 'mac' : 'idp'}`;
}

/**
 * Splunk SPL ({@link splOfShape}): a search over the sourcetype `pushstorm replay` files the format under (the
 * vendor's own Splunk add-on's: `OktaIM2:log`, `azure:monitor:aad`…; canonical events `pushstorm:idp`).
 */
export const splTarget: ExportTarget<'spl'> = {
  id: 'spl',
  title: 'Splunk SPL',
  formats: exportFormats,
  semantics: [
    verification,
    ...Object.entries(shapeNotes).map(([kind, note]) => `${kind}: ${note}`),
    'Records are chosen by the base search, which compares values case-insensitively (`NOT field=…` also keeps records ' +
      'without the field, as the detector’s “not” does), and flagged by eval, which compares case-sensitively. Each ' +
      'result row is a finding; the detector folds a key’s findings into one alert while they keep coming.',
  ].join(' '),
  cannot: () => undefined,
  write(input) {
    const sourcetype = sourcetypeOf(input.fields.format, input.shape);
    const header = exportHeader(input, {
      reads: `sourcetype="${sourcetype}" (add the index= your data is in)`,
      semantics: `${verification} ${shapeNotes[input.shape.kind]}`,
      results: 'one row per finding: _time (when the detector decides), entity (the key), evidence (the count behind it).',
    });
    return `\`\`\`\n${header.join('\n')}\n\`\`\`\n${splOfShape(input, sourcetype)}\n`;
  },
};
