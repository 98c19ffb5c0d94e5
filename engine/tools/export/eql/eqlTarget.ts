import { getLogFormat } from '../../../formats/logFormats.ts';
import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { exportFormats } from '../vendor/VendorFields.ts';
import { exportHeader } from '../exportHeader.ts';
import { eqlOfShape } from './eqlOfShape.ts';

const verification = 'Not verified: no Elasticsearch runs here; golden-text tests fix this text, and what it does is as written here.';

/** Why EQL cannot say a shape: it has no aggregation at all. */
const cannotSay: Partial<Record<DetectorShape['kind'], string>> = {
  bucketCount:
    'EQL has no count aggregation and no fixed buckets: a sequence of N records within a span is a sliding window, ' +
    'not a count per epoch-aligned bucket (export it to ES|QL instead)',
  windowAt:
    'EQL has no count or distinct-count aggregation over a window: no sequence says "one user only", "more than N ' +
    'distinct users" or counts the records of any number of users (export it to ES|QL instead)',
};

/** What each shape EQL can say becomes, and how it differs from the streaming detector. */
const shapeNotes: Partial<Record<DetectorShape['kind'], string>> = {
  each: 'Exact: every record the condition accepts is a match (`any where`: the records carry no event.category to name).',
  countBefore:
    'A sequence, close to the detector: above + 1 counted records of a key (`with runs=`) and then a trigger, the ' +
    'first and the trigger at most the window apart; the match ends at the trigger. Differs: records of one ' +
    'millisecond are ordered by Elasticsearch (by its tiebreaker field, if the rule sets one), so a counted record of ' +
    'the trigger’s own millisecond may fall after it and not count, where the detector counts it. Unchecked: whether ' +
    'Elasticsearch reuses the counted records of a completed sequence for a second trigger (the detector fires at ' +
    'every trigger), and maxspan’s end (the detector includes a span of exactly the window).',
  runUntil:
    'Elastic’s own rule style, `sequence by <key> with maxspan=… [counted] with runs=N until [until]`: the detector ' +
    'follows Elasticsearch’s sequence matcher (a new stage match takes the latest partial sequence, so the window ' +
    'slides, and an until record cancels every partial sequence of its key). Differs: records of one millisecond are ' +
    'ordered by Elasticsearch (its tiebreaker field, if the rule sets one), not by record id. Unchecked: maxspan’s ' +
    'end (the detector includes a span of exactly maxspan).',
};

/**
 * Elastic EQL ({@link eqlOfShape}) for an EQL detection rule over the index `pushstorm replay` sends the format's
 * records to, which holds them as the vendor writes them (the field names of the export) with `@timestamp`.
 */
export const eqlTarget: ExportTarget<'eql'> = {
  id: 'eql',
  title: 'Elastic EQL',
  formats: exportFormats,
  semantics: [
    verification,
    ...Object.entries(shapeNotes).map(([kind, note]) => `${kind}: ${note}`),
    ...Object.entries(cannotSay).map(([kind, why]) => `${kind}: not exported — ${why}.`),
    'Values compare case-sensitively (`==`, `in`, `stringContains`), as in the detector. Each match (an event or a ' +
      'sequence) is a finding at its last event; the detector folds a key’s findings into one alert while they keep ' +
      'coming.',
  ].join(' '),
  cannot: (shape) => cannotSay[shape.kind],
  write(input) {
    const index = getLogFormat(input.fields.format).siem.index;
    const header = exportHeader(input, {
      reads: `index ${index} (set it as the rule's index pattern: where pushstorm replay sends these records as the vendor writes them, with @timestamp; an Elastic integration's logs-* index renames their fields to ECS, which these names do not match)`,
      semantics: `${verification} ${shapeNotes[input.shape.kind]!}`,
      results: 'each match is a finding at its last event, for the key the sequence is by.',
    });
    return `${header.map((l) => `// ${l}`).join('\n')}\n${eqlOfShape(input)}\n`;
  },
};
