import alertSchema from '../model/schema/alert.schema.json' with { type: 'json' };
import eventSchema from '../model/schema/event.schema.json' with { type: 'json' };
import type { DetectorModuleIssue } from '../model/errors/DetectorModuleError.ts';
import { checkParamValue } from '../runtime/paramValues.ts';
import type { ParamSpec } from '../runtime/DetectorDefinition.ts';

const eventTypes: readonly string[] = eventSchema.definitions.EventType.enum;
const severities: readonly string[] = alertSchema.properties.severity.enum;
const entities: readonly string[] = alertSchema.properties.entity.properties.kind.enum;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/**
 * Whether `value` has the shape of a {@link DetectorDefinition}, checked field by field as far as JavaScript can
 * tell without running it: an id, a version, title and description, a severity and an entity kind from the alert
 * schema, an ATT&CK technique, the event types it needs (from the event schema), `keyOf` and `create` functions,
 * and parameter specs whose `min ≤ default ≤ max`, `step > 0`, unit `count` or `ms`, and whose default is on the step
 * grid. Returns every problem, each with its path under `path`; none for a usable definition.
 *
 * @example checkDetectorDefinition({ id: 'x' }, 'default') // [{ path: 'default.version', message: 'must be a string …' }, …]
 */
export function checkDetectorDefinition(value: unknown, path: string): DetectorModuleIssue[] {
  if (!isRecord(value))
    return [{ path, message: `must be a detector definition (an object), got ${value === null ? 'null' : typeof value}` }];
  const issues: DetectorModuleIssue[] = [];
  const at = (field: string) => (path === '' ? field : `${path}.${field}`);
  const text = (field: string, example: string) => {
    if (typeof value[field] !== 'string' || (value[field] as string).trim() === '')
      issues.push({ path: at(field), message: `must be a non-empty string, e.g. ${example}` });
  };
  text('id', '"pushes-from-new-country"');
  if (typeof value.id === 'string' && !/^[a-z0-9][a-z0-9-]*$/.test(value.id)) {
    issues.push({ path: at('id'), message: `"${value.id}" must be lower-case letters, digits and dashes, as the built-in ids` });
  }
  text('version', '"1.0.0"');
  text('title', '"Pushes from a new country"');
  text('description', 'one sentence for the analyst');
  if (!severities.includes(value.severity as string)) issues.push({ path: at('severity'), message: `must be one of ${list(severities)}` });
  if (!entities.includes(value.entity as string))
    issues.push({ path: at('entity'), message: `must be one of ${list(entities)} (what its keys are)` });
  if (!isRecord(value.attack) || typeof value.attack.technique !== 'string') {
    issues.push({ path: at('attack'), message: 'must be { technique: "T1621" } (and an optional analytic)' });
  }
  if (!Array.isArray(value.needs) || value.needs.length === 0) {
    issues.push({ path: at('needs'), message: 'must list the event types it reads, e.g. ["mfa.result"]' });
  } else {
    value.needs.forEach((type, i) => {
      if (!eventTypes.includes(type as string))
        issues.push({ path: at(`needs[${i}]`), message: `${JSON.stringify(type)} is not an event type (${list(eventTypes)})` });
    });
  }
  if (typeof value.keyOf !== 'function') issues.push({ path: at('keyOf'), message: 'must be a function (event) => key or undefined' });
  if (typeof value.create !== 'function')
    issues.push({ path: at('create'), message: 'must be a function (params) => logic { init, onEvent, idleMs }' });
  if (value.createShared !== undefined && typeof value.createShared !== 'function')
    issues.push({ path: at('createShared'), message: 'must be a function (paramSets) => logic { init, onEvent, idleMs[] } when given' });
  if (
    value.library !== undefined &&
    !(isRecord(value.library) && (typeof value.library.catches === 'string' || typeof value.library.silent === 'string'))
  ) {
    issues.push({ path: at('library'), message: 'must be { catches: "<library scenario>" } or { silent: "<why>" } when given' });
  }
  if (!isRecord(value.params)) issues.push({ path: at('params'), message: 'must be an object of parameter specs ({} for none)' });
  else for (const [name, spec] of Object.entries(value.params)) issues.push(...checkParamSpec(spec, at(`params.${name}`)));
  return issues;
}

function checkParamSpec(spec: unknown, path: string): DetectorModuleIssue[] {
  if (!isRecord(spec)) return [{ path, message: 'must be { default, min, max, step, unit, description }' }];
  const issues: DetectorModuleIssue[] = [];
  for (const field of ['default', 'min', 'max', 'step'] as const) {
    if (typeof spec[field] !== 'number' || !Number.isFinite(spec[field]))
      issues.push({ path: `${path}.${field}`, message: 'must be a finite number' });
  }
  if (spec.unit !== 'count' && spec.unit !== 'ms') issues.push({ path: `${path}.unit`, message: 'must be "count" or "ms"' });
  if (typeof spec.description !== 'string') issues.push({ path: `${path}.description`, message: 'must be a string' });
  if (issues.length > 0) return issues;
  const { min, max, step } = spec as unknown as ParamSpec;
  if (step <= 0) return [{ path: `${path}.step`, message: `must be above 0 (got ${step})` }];
  if (min > max) return [{ path, message: `min ${min} is above max ${max}` }];
  const problem = checkParamValue(spec as unknown as ParamSpec, spec.default as number);
  return problem === undefined ? [] : [{ path: `${path}.default`, message: problem }];
}
