import { basename, extname } from 'node:path';
import { type AlertsFormat, type ForeignEntityKind, type ReadAlertsOptions, readAlertsInput } from '../formats/alerts/index.ts';
import { FormatError } from '../model/errors/FormatError.ts';
import type { Alert } from '../model/generated/alert.ts';
import { DEFAULT_THREAD_GAP_MS } from '../runtime/threadRules.ts';
import { alertsOfRows } from './alertsOfRows.ts';

/** Options of {@link readAlerts}: how to read the file, and what a row that does not say is. */
export interface ReadAlertsFileOptions extends ReadAlertsOptions {
  /** The detector of rows that name none (`id` or `id@set`); default: the file's name without its extension. */
  detector?: string;
  /** The entity kind of rows that name none; default: the detector's when it is a known one, else `user`. */
  entityKind?: ForeignEntityKind;
}

/** What {@link readAlerts} read. */
export interface AlertsRead {
  alerts: Alert[];
  format: AlertsFormat;
  /** Rows read, when the file held another engine's rows (folded into `alerts` by {@link alertsOfRows}). */
  rows?: number;
  /** The alert threads those rows were folded into, and the thread gap that folded them. */
  threads?: number;
  threadGapMs?: number;
}

/**
 * The alerts of a file in any format `score --alerts` takes: pushstorm's own alert lines as they are, another
 * engine's rows (CSV, Parquet, NDJSON) folded into alert threads ({@link alertsOfRows}).
 *
 * @throws FormatError, InputError, FileContentError as `readAlertsInput` does; FormatError when options for rows are
 * given for a file of pushstorm alerts (they would change nothing, and the user meant something).
 */
export async function readAlerts(path: string, options: ReadAlertsFileOptions = {}): Promise<AlertsRead> {
  const input = await readAlertsInput(path, options);
  if (input.format === 'pushstorm') {
    const rowOptions = [
      ['--column', options.columns],
      ['--detector-name', options.detector],
      ['--entity-kind', options.entityKind],
    ].filter(([, given]) => given !== undefined);
    if (rowOptions.length > 0)
      throw new FormatError(
        `${path} holds pushstorm alerts, not rows: ${rowOptions.map(([option]) => option).join(', ')} ${rowOptions.length === 1 ? 'applies' : 'apply'} to another engine's rows only`,
        input.format,
        path,
      );
    return { alerts: input.alerts, format: input.format };
  }
  const detector = options.detector ?? (path === '-' ? 'stdin' : basename(path, extname(path)));
  const threadGapMs = DEFAULT_THREAD_GAP_MS;
  const alerts = alertsOfRows(input.rows, { detector, entityKind: options.entityKind, threadGapMs });
  const threads = alerts.filter((a) => a.status === 'open').length;
  return { alerts, format: input.format, rows: input.rows.length, threads, threadGapMs };
}
