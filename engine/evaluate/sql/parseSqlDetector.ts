import { parse as parseYaml } from 'yaml';
import eventSchema from '../../model/schema/event.schema.json' with { type: 'json' };
import { DetectorModuleError, type DetectorModuleIssue } from '../../model/errors/DetectorModuleError.ts';
import type { EventType } from '../../model/generated/event.ts';
import type { AnyDetectorDefinition, ParamSpec } from '../../runtime/DetectorDefinition.ts';
import { parseParamValue } from '../../runtime/paramValues.ts';
import { noStreamingLogic } from '../../runtime/SqlQuery.ts';
import { sqlPlaceholders } from './bindSqlParams.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The header a SQL detector file opens with: a block comment `/* pushstorm detector … *\/` holding YAML. */
const header = /^\s*\/\*\s*pushstorm detector\b([\s\S]*?)\*\//;

/**
 * A SQL detector file as a detector definition. The file opens with a block comment `/* pushstorm detector … *\/`
 * whose YAML says what the detector is — `id`, `version` (default 1.0.0), `title`, `description`, `severity`,
 * `attack` (default T1621), `entity` (what the key column holds: user, device or source), `needs` (default every event
 * type), `params` (specs as a detector's: `default`, `min`, `max`, `step`, `unit` count or ms — durations may be
 * written `5m` — and `description`) and `columns` (`key`, `time`, `evidence`; default `entity`, `decision_time`,
 * `evidence`) — and the query follows it, with `:name` placeholders for the parameters. The definition it returns
 * has no streaming logic: the evaluation runs its query on DuckDB (`sql` set).
 *
 * @throws DetectorModuleError naming the file and every problem of the header or the placeholders.
 */
export function parseSqlDetector(text: string, file: string): AnyDetectorDefinition {
  const match = header.exec(text);
  if (match === null)
    throw new DetectorModuleError(file, [
      { path: '', message: 'a SQL detector opens with a header comment: /* pushstorm detector  id: …  title: …  params: …  */' },
    ]);
  let meta: unknown;
  try {
    meta = parseYaml(match[1]);
  } catch (error) {
    throw new DetectorModuleError(file, [{ path: 'header', message: `is not YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
  if (!isRecord(meta)) throw new DetectorModuleError(file, [{ path: 'header', message: 'must be a YAML mapping (id: …, title: …)' }]);
  const issues: DetectorModuleIssue[] = [];
  const query = text.slice(match[0].length).trim().replace(/;\s*$/, '');
  if (query === '') issues.push({ path: 'query', message: 'the query after the header is empty' });

  const params: Record<string, ParamSpec> = {};
  const rawParams = meta.params ?? {};
  if (!isRecord(rawParams)) issues.push({ path: 'header.params', message: 'must be a mapping of parameter specs' });
  else
    for (const [name, raw] of Object.entries(rawParams)) {
      const path = `header.params.${name}`;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        issues.push({ path, message: 'a parameter name is letters, digits and _ (it is written :name)' });
      if (!isRecord(raw)) {
        issues.push({ path, message: 'must be { default, min, max, step, unit, description }' });
        continue;
      }
      const unit = raw.unit;
      const spec: Record<string, unknown> = { ...raw, description: raw.description ?? '' };
      for (const field of ['default', 'min', 'max', 'step'] as const) {
        if (unit === 'ms' && typeof raw[field] === 'string') {
          // Durations as the CLI writes them: the same parser as --params.
          const parsed = parseParamValue(
            { default: 0, min: 0, max: Number.MAX_SAFE_INTEGER, step: 1, unit: 'ms', description: '' },
            raw[field],
          );
          if ('message' in parsed) issues.push({ path: `${path}.${field}`, message: parsed.message });
          else spec[field] = parsed.value;
        }
      }
      params[name] = spec as unknown as ParamSpec;
    }

  const columns = meta.columns ?? {};
  if (!isRecord(columns)) issues.push({ path: 'header.columns', message: 'must be { key, time, evidence } column names' });
  const column = (field: string, fallback: string | undefined) => {
    const value = isRecord(columns) ? (columns[field] ?? fallback) : fallback;
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      issues.push({ path: `header.columns.${field}`, message: 'must be a column name' });
    return value as string | undefined;
  };
  const keyColumn = column('key', 'entity')!;
  const timeColumn = column('time', 'decision_time')!;
  const evidenceColumn = column('evidence', 'evidence');

  const used = sqlPlaceholders(query);
  for (const name of used)
    if (!(name in params))
      issues.push({
        path: 'query',
        message: `:${name} is not a declared parameter (${Object.keys(params).join(', ') || 'none declared'})`,
      });
  for (const name of Object.keys(params))
    if (!used.includes(name)) issues.push({ path: `header.params.${name}`, message: `is declared but the query never uses :${name}` });
  if (issues.length > 0) throw new DetectorModuleError(file, issues);

  return {
    id: meta.id as string,
    version: (meta.version as string | undefined) ?? '1.0.0',
    title: meta.title as string,
    description: (meta.description as string | undefined) ?? (meta.title as string),
    severity: meta.severity as AnyDetectorDefinition['severity'],
    attack: (meta.attack as AnyDetectorDefinition['attack'] | undefined) ?? { technique: 'T1621' },
    ...(typeof meta.baseline === 'string' ? { baseline: meta.baseline } : {}),
    needs: (meta.needs as EventType[] | undefined) ?? (eventSchema.definitions.EventType.enum as EventType[]),
    entity: meta.entity as AnyDetectorDefinition['entity'],
    // The query reads every event from its table; nothing streams through the runtime.
    keyOf: () => undefined,
    params,
    create: noStreamingLogic,
    sql: { text: query, keyColumn, timeColumn, ...(evidenceColumn === undefined ? {} : { evidenceColumn }), file },
  };
}
