/**
 * Why a line of event input was not accepted. Every line read is either an accepted event or quarantined with one
 * of these.
 */
export type QuarantineReason =
  /** Nothing on the line, or only whitespace. */
  | 'empty_line'
  /** `JSON.parse` failed: truncated line, stray text, bad escape. */
  | 'malformed_json'
  /** Valid JSON, but an array, string, number, boolean or null. */
  | 'not_an_object'
  /** A required field of the event or of one of its objects is absent. */
  | 'missing_field'
  /** A field holds the wrong JSON type (`"user": 42`). */
  | 'wrong_type'
  /** `type` is a string but not one of the canonical event types. */
  | 'unknown_type'
  /** `time` is not an integer epoch-ms timestamp between the years 2000 and 2100. */
  | 'bad_timestamp'
  /** The line is longer than the reader's byte limit; its text was not kept. */
  | 'oversized_line'
  /** The line's bytes are not valid UTF-8 (a Latin-1 export, a cut multi-byte character): read, it would not be what the file says. */
  | 'encoding'
  /** Anything else the event schema rejects: an unexpected field, a value outside an enum, an empty id. */
  | 'invalid';

/** Every {@link QuarantineReason}, in a stable order (for summaries and zero-filled counters). */
export const quarantineReasons: readonly QuarantineReason[] = [
  'empty_line',
  'malformed_json',
  'not_an_object',
  'missing_field',
  'wrong_type',
  'unknown_type',
  'bad_timestamp',
  'oversized_line',
  'encoding',
  'invalid',
];
