import { createRequire } from 'node:module';
import eventSchema from '../../../../../engine/model/schema/event.schema.json' with { type: 'json' };
import { entraSentinelFormat } from '../../../../../engine/formats/entra/entraSentinelFormat.ts';
import { pushResult, pushSent } from '../../../../_fixtures/idpEvents.ts';

/**
 * Microsoft's Kusto language service (`@kusto/language-service-next`), offline: a Bridge.NET build, so its runtime
 * (`bridge.min.js`) is loaded before the library, which then defines a global `Kusto`. Only the few members the
 * tests call are typed here.
 */
interface KustoDiagnostic {
  Severity: string;
  Start: number;
  Length: number;
  Message: string;
}
interface KustoList<T> {
  Count: number;
  getItem(i: number): T;
}
interface KustoLanguage {
  KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): KustoList<KustoDiagnostic> } };
  GlobalState: { Default: { WithDatabase(database: unknown): unknown } };
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
  };
}

const require = createRequire(import.meta.url);
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
const Kusto = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;

/** A column list `(name:type, …)` as Kusto's `TableSymbol` reads it, names bracketed. */
const schemaText = (columns: Record<string, string>) =>
  `(${Object.entries(columns)
    .map(([name, type]) => `['${name}']:${type}`)
    .join(', ')})`;

/**
 * The canonical events' custom table as the KQL export describes it: one column per top-level field of the event
 * schema (objects as `dynamic`, integers as `long`, the rest `string`) and `TimeGenerated`.
 */
function canonicalColumns(): Record<string, string> {
  const definitions = eventSchema.definitions as Record<string, { type?: string }>;
  const columns: Record<string, string> = { TimeGenerated: 'datetime' };
  for (const [name, spec] of Object.entries(eventSchema.properties as Record<string, { type?: string; $ref?: string }>)) {
    const type = spec.$ref === undefined ? spec.type : definitions[spec.$ref.split('/').pop()!].type;
    columns[name] = type === 'object' ? 'dynamic' : type === 'integer' ? 'long' : type === 'boolean' ? 'bool' : 'string';
  }
  return columns;
}

/** `SigninLogs` as pushstorm writes its rows (the entra-sentinel format): each column typed from a written row. */
function signinLogsColumns(): Record<string, string> {
  const encoder = entraSentinelFormat.createEncoder();
  const origin = { ip: '203.0.113.5', asn: 64500 };
  const [row] = [
    ...encoder.encode(pushSent('e1', 1000, 'alice@example.com', origin)),
    ...encoder.encode(pushResult('e2', 5000, 'alice@example.com', origin, 't-e1', 'denied')),
    ...encoder.end(),
  ] as Array<Record<string, unknown>>;
  const columns: Record<string, string> = {};
  for (const [name, value] of Object.entries(row)) {
    columns[name] =
      name === 'TimeGenerated' || name === 'CreatedDateTime'
        ? 'datetime'
        : typeof value === 'object'
          ? 'dynamic'
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? 'long'
              : 'real'
            : typeof value === 'boolean'
              ? 'bool'
              : 'string';
  }
  return columns;
}

/** The tables the KQL export reads, by name, with their columns. */
export const kustoTables = { PushstormEvents_CL: canonicalColumns(), SigninLogs: signinLogsColumns() };

const globals = Kusto.GlobalState.Default.WithDatabase(
  new Kusto.Symbols.DatabaseSymbol.ctor(
    'pushstorm',
    Object.entries(kustoTables).map(([name, columns]) => new Kusto.Symbols.TableSymbol.$ctor7(name, schemaText(columns), null)),
  ),
);

/**
 * The error diagnostics of a KQL query, parsed and analysed against {@link kustoTables}: syntax errors, and names
 * that are no column, table or function, each as `offset: message`.
 */
export function kustoErrors(query: string): string[] {
  const diagnostics = Kusto.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics();
  const errors: string[] = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    if (d.Severity === 'Error') errors.push(`${d.Start}: ${d.Message}`);
  }
  return errors;
}
