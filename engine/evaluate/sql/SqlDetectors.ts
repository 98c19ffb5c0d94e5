import type { Alert } from '../../model/generated/alert.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { DetectorInstance, RuntimeOptions } from '../../runtime/DetectorRuntime.ts';
import { isSqlInstance, runSqlDetectors } from './runSqlDetectors.ts';
import { SqlEventTable } from './SqlEventTable.ts';

/**
 * The SQL detectors of a run (`--sql-detector`) and the events table their queries read: every pass that detects —
 * `detect`, `run`, `tune`, `gate`, the library's `detectEvents` — feeds it the events the streaming runtime
 * processes (its `onProcessed`), and at the end runs the queries and folds their rows into alerts.
 *
 * @example
 * const sql = await SqlDetectors.of(instances); // undefined when none of them is a SQL detector
 * const runtime = new DetectorRuntime(streamingOnly(instances), onAlert, { onProcessed: sql?.feed });
 * // … push events, runtime.finish() …
 * await sql?.run(onAlert);
 */
export class SqlDetectors {
  /** Appends one event to the table; bound, so it can be handed over as a callback. */
  readonly feed = (event: CanonicalEvent): void => this.table.append(event);

  private constructor(
    readonly instances: readonly DetectorInstance[],
    private readonly table: SqlEventTable,
  ) {}

  /** The SQL detectors among `instances` with a fresh table, or `undefined` when there are none. */
  static async of(instances: readonly DetectorInstance[]): Promise<SqlDetectors | undefined> {
    const sql = instances.filter(isSqlInstance);
    return sql.length === 0 ? undefined : new SqlDetectors(sql, await SqlEventTable.create());
  }

  /**
   * Runs every query over the events fed so far, hands each alert to `onAlert` (a detector's alerts together, in
   * order), closes the table, and returns the alert threads opened by instance label.
   */
  async run(onAlert: (alert: Alert) => void, options: RuntimeOptions = {}): Promise<Record<string, number>> {
    try {
      const { alerts, threads } = await runSqlDetectors(this.table, this.instances, options);
      for (const alert of alerts) onAlert(alert);
      return threads;
    } finally {
      this.table.close();
    }
  }

  /** Frees the table without running anything (a pass that failed). */
  close(): void {
    this.table.close();
  }
}

/** The instances the streaming runtime runs: all but the SQL detectors. */
export const streamingOnly = (instances: readonly DetectorInstance[]) => instances.filter((i) => !isSqlInstance(i));
