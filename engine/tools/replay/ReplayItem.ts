import type { CanonicalEvent } from '../../model/generated/event.ts';
import { canonicalFormat } from '../../formats/canonical/canonicalFormat.ts';
import { getLogFormat } from '../../formats/logFormats.ts';
import type { FormatId } from '../../formats/logFormats.ts';

/**
 * One record to send, whatever its format: the record itself (a canonical event, an Okta LogEvent…), the id and
 * time it stands for (from decoding), and where a SIEM files it.
 */
export interface ReplayItem {
  /** The record's own id where it has one (the Elasticsearch `_id`, so a retry never doubles it). */
  id: string;
  /** Event time, UTC epoch ms: the pace and the indexed time. */
  time: number;
  /** Splunk sourcetype (`OktaIM2:log`, `pushstorm:idp`…). */
  sourcetype: string;
  /** Elasticsearch index (`pushstorm-events`, `pushstorm-okta`…). */
  index: string;
  /** The record as it is sent. */
  record: object;
}

/** The replay item of a canonical event (`pushstorm:idp` / `pushstorm:mac`, index `pushstorm-events`). */
export function canonicalItem(event: CanonicalEvent): ReplayItem {
  const { sourcetype, index } = canonicalFormat.siem;
  return { id: event.id, time: event.time, sourcetype: `${sourcetype}:${event.source}`, index, record: event };
}

/**
 * The replay item of a vendor record, given the id and time of the first event it decodes to, filed where its
 * format's `siem` says (the sourcetype of the vendor's own Splunk add-on: `OktaIM2:log`…).
 */
export function vendorItem(format: FormatId, record: object, event: { id: string; time: number }): ReplayItem {
  const { sourcetype, index } = getLogFormat(format).siem;
  return { id: event.id, time: event.time, sourcetype, index, record };
}

/** A canonical event or an item, as an item (canonical events have no `record` key: their schema forbids it). */
export function asReplayItem(x: CanonicalEvent | ReplayItem): ReplayItem {
  return 'record' in x && 'sourcetype' in x ? x : canonicalItem(x as CanonicalEvent);
}
