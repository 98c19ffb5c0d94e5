import { getLogFormat } from '../../../formats/logFormats.ts';
import type { DetectorShape } from '../../../runtime/DetectorShape.ts';
import type { ExportTarget } from '../ExportTarget.ts';
import { exportFormats } from '../vendor/VendorFields.ts';
import { exportHeader } from '../exportHeader.ts';
import { eqlOfShape } from './eqlOfShape.ts';
import { whyEqlCannot } from './_internal/whyEqlCannot.ts';

const verification = 'Not verified: no Elasticsearch runs here; golden-text tests fix this text, and what it does is as written here.';

const sameMillisecond =
  'records of one millisecond are ordered by Elasticsearch (by its tiebreaker field, if the rule sets one), not by record id';

/** What each shape EQL can say becomes, and how it differs from the streaming detector. */
const shapeNotes: Record<DetectorShape['kind'], string> = {
  each: 'Exact: every record the condition accepts is a match (`any where`: the records carry no event.category to name).',
  bucketCount:
    'Not the detector: EQL has no fixed buckets and no count, so this is its sliding variant, `sequence by <key> ' +
    'with maxspan=<bucket length> [filter] with runs=<threshold>` — a match at each record that completes the threshold ' +
    'of its key’s records within the bucket length (the first and last at most that far apart, both ends included: ' +
    'Elasticsearch’s sequence matcher rejects only a span longer than maxspan), not one per epoch-aligned bucket at its ' +
    'end. It fires sooner, and also on bursts that straddle a bucket edge. `pushstorm run|detect|tune|gate ' +
    '--windowing sliding` scores exactly this variant. A threshold of 1 is written `any where`; above 100 (the ' +
    `runs limit) it is refused. Differs from the variant: ${sameMillisecond}, which changes the evidence, not when ` +
    'a key matches.',
  countBefore:
    'A sequence, close to the detector: above + 1 counted records of a key (`with runs=`) and then a trigger, the ' +
    `first and the trigger at most the window apart; the match ends at the trigger. Differs: ${sameMillisecond}, so ` +
    'a counted record of the trigger’s own millisecond may fall after it and not count, where the detector counts ' +
    'it. Unchecked: whether Elasticsearch reuses the counted records of a completed sequence for a second trigger ' +
    '(the detector fires at every trigger).',
  windowAt:
    'Only a shape whose one clause that is on EQL can say: "more than N events" as `sequence by <key> with ' +
    'maxspan=<window> [filter] with runs=N+1` — the same keys and times as the detector (a window ending at a record ' +
    'holding more than N records is a sequence completing at the last of them, both ends included) — or "any from a ' +
    'proxy" as `any where <filter> and <proxy flag> == true`, a match at each proxy record (the detector also fires at ' +
    'the records within the window after it, which its alert thread folds in). A distinct count of users, a proxy ' +
    'among the counted records, several clauses on at once, or runs above 100 are refused, naming the clause.',
  runUntil:
    'Elastic’s own rule style, `sequence by <key> with maxspan=… [counted] with runs=N until [until]`: the detector ' +
    'follows Elasticsearch’s sequence matcher (a new stage match takes the latest partial sequence, so the window ' +
    `slides, and an until record cancels every partial sequence of its key). Differs: ${sameMillisecond}.`,
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
    'maxspan admits a span of exactly maxspan (as read in Elasticsearch’s sequence matcher, which rejects only a ' +
      'longer one), as the detector’s windows include both ends. Values compare case-sensitively (`==`, `in`, `stringContains`), as in the detector. Each match (an event or a ' +
      'sequence) is a finding at its last event; the detector folds a key’s findings into one alert while they keep ' +
      'coming.',
  ].join(' '),
  cannot: whyEqlCannot,
  write(input) {
    const index = getLogFormat(input.fields.format).siem.index;
    const header = exportHeader(input, {
      reads: `index ${index} (set it as the rule's index pattern: where pushstorm replay sends these records as the vendor writes them, with @timestamp; an Elastic integration's logs-* index renames their fields to ECS, which these names do not match)`,
      semantics: `${verification} ${shapeNotes[input.shape.kind]}`,
      results: 'each match is a finding at its last event, for the key the sequence is by.',
    });
    return `${header.map((l) => `// ${l}`).join('\n')}\n${eqlOfShape(input)}\n`;
  },
};
