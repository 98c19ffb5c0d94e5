import type { CanonicalEvent } from '../../model/generated/event.ts';

/** One column of the `events` relation SQL detectors and exported queries read. */
export interface EventColumn {
  /** Column name (snake case). */
  name: string;
  /** DuckDB type. */
  type: 'VARCHAR' | 'BIGINT' | 'BOOLEAN';
  /** The canonical field it holds, as a dotted path. */
  field: string;
  /** Its value for an event; `null` when the event has none. */
  of(event: CanonicalEvent): string | number | boolean | null;
}

const text = (name: string, field: string, of: (e: CanonicalEvent) => string | undefined): EventColumn => ({
  name,
  type: 'VARCHAR',
  field,
  of: (e) => of(e) ?? null,
});

/**
 * The columns of the `events` relation: one row per canonical event, nested fields flattened (`origin.ip` → `ip`,
 * `challenge.result` → `result`). `proxy` is false when the event names no proxy. Exported SQL reads these names, and a
 * SQL detector (`--sql-detector`) runs over a table of exactly these columns.
 */
export const eventColumns: readonly EventColumn[] = [
  text('id', 'id', (e) => e.id),
  { name: 'time', type: 'BIGINT', field: 'time', of: (e) => e.time },
  text('source', 'source', (e) => e.source),
  text('type', 'type', (e) => e.type),
  text('user', 'user', (e) => e.user),
  text('ip', 'origin.ip', (e) => e.origin?.ip),
  { name: 'asn', type: 'BIGINT', field: 'origin.asn', of: (e) => e.origin?.asn ?? null },
  text('as_org', 'origin.asOrg', (e) => e.origin?.asOrg),
  text('country', 'origin.country', (e) => e.origin?.country),
  { name: 'proxy', type: 'BOOLEAN', field: 'origin.proxy', of: (e) => e.origin?.proxy === true },
  text('proxy_kind', 'origin.proxyKind', (e) => e.origin?.proxyKind),
  text('device_id', 'device.id', (e) => e.device?.id),
  text('device_kind', 'device.kind', (e) => e.device?.kind),
  text('hostname', 'device.hostname', (e) => e.device?.hostname),
  text('app', 'app', (e) => e.app),
  text('transaction', 'transaction', (e) => e.transaction),
  text('session', 'session', (e) => e.session),
  text('challenge_id', 'challenge.id', (e) => e.challenge?.id),
  text('factor', 'challenge.factor', (e) => e.challenge?.factor),
  text('result', 'challenge.result', (e) => e.challenge?.result),
  text('outcome', 'outcome', (e) => e.outcome),
  text('reason', 'reason', (e) => e.reason),
  text('mac_process', 'mac.process', (e) => e.mac?.process),
  text('mac_method', 'mac.method', (e) => e.mac?.method),
];

/** A column name as a SQL identifier (several, such as `user` and `time`, are keywords). */
const quoted = (name: string) => `"${name}"`;

/** The `CREATE TABLE` of the `events` relation. */
export function createEventsTable(table = 'events'): string {
  return `CREATE TABLE ${quoted(table)} (${eventColumns.map((c) => `${quoted(c.name)} ${c.type}`).join(', ')})`;
}

/** A row of the `events` relation back as a canonical event (the fields the columns hold). */
export function eventOfRow(row: Readonly<Record<string, unknown>>): CanonicalEvent {
  const v = (name: string) => (row[name] === null || row[name] === undefined ? undefined : row[name]);
  const str = (name: string) => v(name) as string | undefined;
  const event: Record<string, unknown> = {
    id: str('id'),
    time: Number(v('time')),
    source: str('source'),
    type: str('type'),
    user: str('user'),
  };
  if (str('ip') !== undefined) {
    event.origin = Object.fromEntries(
      Object.entries({
        ip: str('ip'),
        asn: v('asn') === undefined ? undefined : Number(v('asn')),
        asOrg: str('as_org'),
        country: str('country'),
        proxy: v('proxy') === true ? true : undefined,
        proxyKind: str('proxy_kind'),
      }).filter(([, x]) => x !== undefined),
    );
  }
  if (str('device_id') !== undefined)
    event.device = Object.fromEntries(
      Object.entries({ id: str('device_id'), kind: str('device_kind'), hostname: str('hostname') }).filter(([, x]) => x !== undefined),
    );
  for (const [name, field] of [
    ['app', 'app'],
    ['transaction', 'transaction'],
    ['session', 'session'],
    ['outcome', 'outcome'],
    ['reason', 'reason'],
  ])
    if (str(name) !== undefined) event[field] = str(name);
  if (str('challenge_id') !== undefined)
    event.challenge = Object.fromEntries(
      Object.entries({ id: str('challenge_id'), factor: str('factor'), result: str('result') }).filter(([, x]) => x !== undefined),
    );
  if (str('mac_process') !== undefined)
    event.mac =
      str('mac_method') === undefined ? { process: str('mac_process') } : { process: str('mac_process'), method: str('mac_method') };
  return event as unknown as CanonicalEvent;
}
