import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { FormatId } from '../../formats/LogFormat.ts';

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

/**
 * Splunk sourcetypes of the vendors' own add-ons, so dashboards and rules written for them find the replayed records.
 * The unified log and OCSF have no such add-on; theirs are pushstorm's.
 */
const SOURCETYPES: Record<FormatId, string> = {
  canonical: 'pushstorm',
  okta: 'OktaIM2:log',
  'okta-classic': 'OktaIM2:log',
  entra: 'azure:monitor:aad',
  'entra-sentinel': 'azure:monitor:aad',
  duo: 'cisco:duo:authentication',
  ocsf: 'ocsf:authentication',
  unifiedlog: 'macos:unifiedlog',
};

/** The replay item of a canonical event (`pushstorm:idp` / `pushstorm:mac`, index `pushstorm-events`). */
export function canonicalItem(event: CanonicalEvent): ReplayItem {
  return { id: event.id, time: event.time, sourcetype: `pushstorm:${event.source}`, index: 'pushstorm-events', record: event };
}

/** The replay item of a vendor record, given the id and time of the first event it decodes to. */
export function vendorItem(format: FormatId, record: object, event: { id: string; time: number }): ReplayItem {
  return { id: event.id, time: event.time, sourcetype: SOURCETYPES[format], index: `pushstorm-${format}`, record };
}

/** A canonical event or an item, as an item (canonical events have no `record` key: their schema forbids it). */
export function asReplayItem(x: CanonicalEvent | ReplayItem): ReplayItem {
  return 'record' in x && 'sourcetype' in x ? x : canonicalItem(x as CanonicalEvent);
}
