import { DetectorModuleError } from '../../model/errors/DetectorModuleError.ts';
import type { Alert } from '../../model/generated/alert.ts';
import { sqlString } from '../../model/text/sqlString.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance, type RuntimeOptions } from '../../runtime/DetectorRuntime.ts';
import { bindSqlParams } from './bindSqlParams.ts';
import { eventOfRow } from '../../formats/canonical/eventColumns.ts';
import type { SqlEventTable } from './SqlEventTable.ts';

/** A finding a query returned: its key, its decision time and the events behind it. */
interface SqlFinding {
  key: string;
  time: number;
  evidence: CanonicalEvent[];
}

/** Whether an instance's detector is a SQL detector (its query runs on DuckDB, not in the streaming runtime). */
export const isSqlInstance = (instance: DetectorInstance) => instance.definition.sql !== undefined;

const asTime = (value: unknown): number => (value instanceof Date ? value.getTime() : Number(value));

/** One instance's query, run; its rows as findings, evidence events looked up in the table. */
async function findingsOf(table: SqlEventTable, instance: DetectorInstance): Promise<SqlFinding[]> {
  const sql = instance.definition.sql!;
  const file = sql.file ?? instance.definition.id;
  let rows: Array<Record<string, unknown>>;
  try {
    rows = await table.query(bindSqlParams(sql.text, instance.params));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DetectorModuleError(file, [{ path: 'query', message: `DuckDB could not run it: ${message}` }], { cause: error });
  }
  const evidenceIds = new Set<string>();
  const lists = rows.map((row) => {
    const value = sql.evidenceColumn === undefined ? undefined : row[sql.evidenceColumn];
    const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    for (const id of ids) evidenceIds.add(id);
    return ids;
  });
  const byId = new Map<string, CanonicalEvent>();
  if (evidenceIds.size > 0) {
    const list = [...evidenceIds].map(sqlString).join(', ');
    for (const row of await table.query(`SELECT * FROM events WHERE id IN (${list})`)) {
      const event = eventOfRow(row);
      if (!byId.has(event.id)) byId.set(event.id, event);
    }
  }
  return rows.map((row, i) => {
    const key = row[sql.keyColumn];
    const time = asTime(row[sql.timeColumn]);
    if (key === null || key === undefined || !Number.isFinite(time))
      throw new DetectorModuleError(file, [
        {
          path: `row ${i + 1}`,
          message:
            key === null || key === undefined
              ? `no key (column ${sql.keyColumn}; the result's columns: ${Object.keys(row).join(', ')})`
              : `no decision time (column ${sql.timeColumn}: ${String(row[sql.timeColumn])})`,
        },
      ]);
    return { key: String(key), time, evidence: lists[i].flatMap((id) => byId.get(id) ?? []) };
  });
}

/**
 * Runs SQL detector instances over a world's events table and folds each one's rows into alert threads exactly as
 * the streaming runtime folds a detector's findings: the rows are replayed, in decision-time order, through a
 * {@link DetectorRuntime} running a detector that raises one finding per row. So a SQL detector's alerts open, grow
 * and close as a built-in detector's with the same findings would, and score alike.
 *
 * @throws DetectorModuleError (bad input, exit 2) naming the detector's file: a query DuckDB cannot run, or a row with no
 *   key or no decision time.
 */
export async function runSqlDetectors(
  table: SqlEventTable,
  instances: readonly DetectorInstance[],
  options: RuntimeOptions = {},
): Promise<{ alerts: Alert[]; threads: Record<string, number> }> {
  const alerts: Alert[] = [];
  const threads: Record<string, number> = {};
  for (const instance of instances) {
    const findings = (await findingsOf(table, instance)).sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const carriers = findings.map((f, i) => ({ id: `sql-finding-${String(i).padStart(9, '0')}`, time: f.time, finding: f }));
    const byCarrier = new Map(carriers.map((c) => [c.id, c.finding]));
    const replay: AnyDetectorDefinition = {
      ...instance.definition,
      sql: undefined,
      keyOf: (e) => byCarrier.get(e.id)?.key,
      create: () => ({
        idleMs: 0,
        init: () => undefined,
        onEvent: (_s, e, ctx) => ctx.alert({ evidence: byCarrier.get(e.id)!.evidence }),
      }),
    };
    const runtime = new DetectorRuntime([{ ...instance, definition: replay }], (a) => alerts.push(a), options);
    for (const c of carriers)
      runtime.push({ id: c.id, time: c.time, source: 'idp', type: instance.definition.needs[0] ?? 'mfa.result', user: c.finding.key });
    runtime.finish();
    Object.assign(threads, runtime.stats.threads);
  }
  return { alerts, threads };
}
