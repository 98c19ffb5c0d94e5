/** What a column of foreign alert rows holds; each role is read from the column of its own name unless mapped. */
export type ForeignColumn = 'entity' | 'decision_time' | 'detector' | 'entity_kind' | 'evidence' | 'users';

/** Every column role, the two required ones first. */
export const foreignColumns: readonly ForeignColumn[] = ['entity', 'decision_time', 'detector', 'entity_kind', 'evidence', 'users'];

/** What an entity of a foreign row is: a user login, a source IP, an autonomous system, a device id. */
export type ForeignEntityKind = 'user' | 'source' | 'asn' | 'device';

/** Every entity kind a row may name. */
export const foreignEntityKinds: readonly ForeignEntityKind[] = ['user', 'source', 'asn', 'device'];

/**
 * One finding of another engine — a row of CSV, Parquet or NDJSON, such as the exported SQL returns — as read and
 * checked, before it becomes an alert. Optional fields are absent when the row leaves them empty (or the file has no
 * such column): defaults are the caller's.
 */
export interface ForeignAlertRow {
  /** 1-based: the data row of a table (the header is not a row), the line of an NDJSON file. */
  row: number;
  /** The key the finding is about, as text. */
  entity: string;
  /** When the engine decided, epoch ms. */
  decisionTime: number;
  /** The detector (or `id@set`, a parameter set of it) that made the finding. */
  detector?: string;
  entityKind?: ForeignEntityKind;
  /** The events behind the finding: their ids, or only how many there were. */
  evidence?: string[] | number;
  /** The users the finding concerns (for findings keyed by source, ASN or device). */
  users?: string[];
}
