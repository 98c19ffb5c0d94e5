/**
 * What a simulation run reports once its files are written. `pushstorm simulate --json` prints exactly this object
 * (one line), so its field names are an interface other tools rely on: add fields, do not rename them.
 */
export interface RunSummary {
  pushstormVersion: string;
  scenario: {
    name: string;
    /** Full sha256 (hex) of the resolved scenario; the text summary shows its first 12 digits. */
    hash: string;
  };
  seed: number;
  users: number;
  macs: number;
  phones: number;
  simulatedDays: number;
  /** Attack incidents in the truth file (a spray counts one per target). */
  incidents: number;
  /** Incidents in which the victim approved a prompt. */
  compromises: number;
  /** Events written (lines of events.ndjson, rows of events.parquet). */
  records: number;
  /** Events by canonical type. */
  byType: Record<string, number>;
  /** Events by source (`idp`, `mac`). */
  bySource: Record<string, number>;
  /**
   * The slice of the world this run simulated (`simulate --partition K/N`): the counts above are that slice's, except
   * users, Macs, phones and days, which are the world's.
   */
  partition?: { index: number; count: number };
  /** Where the files are: relative to the working directory when inside it, absolute otherwise. */
  outputs: {
    dir: string;
    /** events.ndjson, or events.parquet with `--out-format parquet`. */
    events: string;
    truth: string;
    /** A partition's partition.json, what merging it needs. */
    manifest?: string;
    /** Vendor log files (`--format`, `--mac-format`): one per source, or per Mac for the unified log. */
    logs?: Array<{ path: string; format: string; source: 'idp' | 'mac'; records: number }>;
    /** The Mac inventory written with per-Mac unified logs. */
    inventory?: string;
  };
  /** Present (true) when the world was read from the world cache (`run --cache`) instead of simulated. */
  cached?: boolean;
  /** Wall-clock time of the simulation and the writing, milliseconds (not reproducible, unlike everything else). */
  wallMs: number;
  /** records × 1000 / wallMs, rounded. */
  recordsPerSecond: number;
}
