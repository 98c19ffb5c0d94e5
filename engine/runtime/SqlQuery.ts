/**
 * The query of a SQL detector. It reads a relation `events` with one row per canonical event (the columns
 * `docs/sql-detectors.md` lists) and returns one row per finding; `:name` placeholders stand for parameter values.
 */
export interface SqlQuery {
  /** The query, with `:name` placeholders for the detector's parameters. */
  text: string;
  /** The column holding a finding's key (the entity's value). */
  keyColumn: string;
  /** The column holding a finding's decision time, epoch milliseconds. */
  timeColumn: string;
  /** The column holding the ids of the events behind a finding (a list), if the query gives one. */
  evidenceColumn?: string;
  /** The file it was read from, for messages. */
  file?: string;
}

/**
 * The streaming logic of a detector that is a SQL query: none. Its `keyOf` gives no key, so no event reaches it;
 * the evaluation runs its query instead.
 */
export const noStreamingLogic = () => ({ idleMs: 0, init: () => undefined, onEvent: () => {} });
