import type { CanonicalEvent, Device, EventSource } from '../model/generated/event.ts';

/** A canonical field a format cannot carry, and why; listed in `--help`, the README and the round-trip tests. */
export interface FieldLimit {
  /** Dotted path in the canonical event (`origin.lat`, `mac.uid`), or `type:<event type>` for a whole event type. */
  field: string;
  /** Why the vendor record has no room for it, or what the decoder puts there instead. */
  why: string;
}

/**
 * The Mac a unified-log file comes from. `log show` writes no host name and no IdP identity into its records, so a
 * decoder learns them from here: the file's host (its name, by convention `<hostname>.ndjson`) and, where an asset
 * inventory is at hand (`simulate` writes `mac/inventory.json`), the Mac's device fields and its user.
 */
export interface MacHost {
  hostname: string;
  /**
   * Stem of the Mac's log file when its host name is not unique (two people's Macs both named `DSPINKA-MBP`):
   * `simulate` then writes `mac/<hostname>-<serial>.ndjson`. Default: the host name.
   */
  file?: string;
  /** The device as the canonical events name it (Okta device id, model, OS…); `{ id: hostname, kind: 'mac' }` when unknown. */
  device?: Device;
  /** IdP login of the Mac's primary user. */
  user?: string;
  /** Local account short name of that user. */
  shortName?: string;
  /** Local uid of that user. */
  uid?: number;
  /** The Mac's IANA time zone (`Europe/Lisbon`), for its local-time timestamps. Default `UTC`. */
  timeZone?: string;
}

/** What an encoder or decoder is told about the records it handles. */
export interface FormatContext {
  /** For per-host formats (the macOS unified log): the Mac the file belongs to. */
  host?: MacHost;
}

/**
 * The verdict on one vendor record: the canonical events it becomes (often one, none for records that carry nothing
 * pushstorm models, three for a Duo approval: the push, its answer and the login it lets through), a record skipped on purpose (the unified
 * log's trailing count record), or a rejection with its reason.
 */
export type DecodeStep =
  | { kind: 'events'; events: CanonicalEvent[] }
  | { kind: 'skipped'; why: string }
  | { kind: 'rejected'; reason: RecordRejectReason; detail: string };

/** Why a vendor record was quarantined. */
export type RecordRejectReason =
  /** Not a JSON object (array, string, number, null). */
  | 'not_an_object'
  /** A field the format always has is absent (`published`, `eventType`, `createdDateTime`…). */
  | 'missing_field'
  /** A field holds the wrong JSON type or an unusable value (a time that does not parse, a negative epoch). */
  | 'wrong_type'
  /** The record is of this format but its kind is one the decoder does not know. */
  | 'unknown_kind'
  /** The decoded event would break the canonical schema. */
  | 'invalid';

/** Encodes canonical events into one format's records, in order. Not reusable across files. */
export interface RecordEncoder {
  /** The records one event becomes (none when the format has no room for that event type). */
  encode(event: CanonicalEvent): unknown[];
  /** Records that close the file (the unified log's count record); `[]` for most formats. */
  end(): unknown[];
}

/** Decodes one format's records into canonical events, in order. Must never throw, whatever the record. */
export interface RecordDecoder {
  decode(record: unknown): DecodeStep;
}

/**
 * Where a SIEM files a format's records when `replay` sends them: the Splunk sourcetype of the vendor's own add-on
 * (so dashboards and rules written for it find the records) and the Elasticsearch index.
 */
export interface SiemMetadata {
  /** Splunk sourcetype (`OktaIM2:log`); canonical events add their source to pushstorm's (`pushstorm:idp`). */
  sourcetype: string;
  /** Elasticsearch index (`pushstorm-okta`, `pushstorm-events`). */
  index: string;
}

/**
 * One vendor log format, both ways: what it is, what it cannot hold, how to encode and decode it, how its records
 * are written as lines and where a SIEM files them. Adding a format is one folder exporting one of these plus one
 * line in `logFormats`, whose entries' ids make up `FormatId`.
 *
 * @typeParam Id - the format's id as a literal type (`'okta'`), from which the registry derives `FormatId`.
 */
export interface LogFormat<Id extends string = string> {
  readonly id: Id;
  /** Human name: "Okta System Log". */
  title: string;
  /** The canonical sources it carries: `['idp']` for IdP logs, `['mac']` for Mac logs. */
  sources: readonly EventSource[];
  /** File name stem `simulate` writes it under (`okta-system-log`), with extension `.ndjson`. */
  fileStem: string;
  /**
   * One file per Mac, named after the host (`mac/<hostname>.ndjson`), as `log show` on each Mac writes it: the
   * records name no host, so encoders and decoders need `context.host`.
   */
  perHost?: boolean;
  /** Canonical fields and event types the format cannot carry. */
  limits: readonly FieldLimit[];
  /**
   * What of a stream of events survives a round trip, in order: the events with the fields in {@link limits} removed
   * or replaced by what the decoder gives back, events the format has no room for dropped, and events a decoder
   * derives from another record added (a Duo row stands for the push and its answer).
   * `decodeAll(encodeAll(events))` equals `held(events)` for every stream the simulator writes; the round-trip tests
   * check it.
   */
  held(events: readonly CanonicalEvent[], context?: FormatContext): CanonicalEvent[];
  createEncoder(context?: FormatContext): RecordEncoder;
  createDecoder(context?: FormatContext): RecordDecoder;
  /** True when `record` looks like this format's (used to auto-detect a file's format). Never throws. */
  sniff(record: unknown): boolean;
  /**
   * One record as the line the vendor's tools write for it, without the newline: `JSON.stringify` for most formats,
   * Apple's `\/` escaping for the unified log. Every writer of a format's records (simulate, inject, replay) uses it,
   * so written lines look like the vendor's wherever they come from.
   */
  toLine(record: unknown): string;
  /** Where a SIEM files the format's records. */
  siem: SiemMetadata;
}
