import type { EventFilter, ShapeKey } from '../../../runtime/DetectorShape.ts';
import type { RecordCondition } from '../RecordCondition.ts';

/** The log formats an export can be written for: the canonical events and the IdP vendors' logs. */
export const exportFormats = ['canonical', 'okta', 'entra', 'entra-sentinel', 'duo', 'ocsf'] as const;

/** One of {@link exportFormats}. */
export type ExportFormat = (typeof exportFormats)[number];

/**
 * How one log format names what a detector shape reads: the record condition that stands for a canonical event
 * filter, and the fields that hold a shape's key, the user and the time. Every export target writes its queries
 * through one of these, so a detector exports for any vendor's field names. The conditions follow what pushstorm's
 * own encoder of that format writes (a test holds each to the encoder: the records of the events a filter accepts,
 * and only those, satisfy its condition).
 */
export interface VendorFields {
  readonly format: ExportFormat;
  /** Human name of the log ("Okta System Log"). */
  readonly title: string;
  /**
   * The condition on this format's records that holds exactly for the records of events the filter accepts, or why
   * the format cannot say it (e.g. it has no record for that event type).
   */
  where(filter: EventFilter): RecordCondition | { cannot: string };
  /** The field that holds a shape's key: the user's login, or the source IP. */
  key(key: ShapeKey): string;
  /** The field that holds the user's login. */
  readonly user: string;
  /** The field that holds the event's time as the vendor writes it (ISO 8601 text for most). */
  readonly time: string;
  /** The field that orders records of one millisecond as the runtime does (the event id), when the format has one. */
  readonly id?: string;
  /** The field that holds whether the source address is a proxy (a boolean), when the format has one. */
  readonly proxy?: string;
}
