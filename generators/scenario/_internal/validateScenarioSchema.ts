import type { ErrorObject } from 'ajv';
import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import { validateScenario } from '../../../engine/model/generated/validateScenario.ts';
import { describeValue } from './describeValue.ts';
import { issuePathOfPointer } from '../../../engine/model/errors/issuePath.ts';

/**
 * Top-level objects given by `$ref`: a `default` beside a `$ref` makes json-schema-to-typescript emit a duplicate
 * type, so instead of a schema default they start out empty here, and ajv then fills their properties' defaults.
 */
const objectsDefaultedInCode = ['idp', 'noise'] as const;

/**
 * Validates `data` against `scenarios/scenario.schema.json`, filling every default into `data` in place (so pass a
 * copy), and returns every problem as an issue; empty when valid.
 */
export function validateScenarioSchema(data: unknown): ScenarioIssue[] {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    for (const key of objectsDefaultedInCode) if (record[key] === undefined) record[key] = {};
  }
  // Compiled ahead of time (`npm run gen:validators`), with useDefaults, and verbose: errors carry the offending value
  // and the parent schema (for "allowed" lists).
  if (validateScenario(data)) return [];
  return ajvIssues(validateScenario.errors ?? []);
}

/**
 * Friendlier words for the schema's patterns than "must match pattern ^...$"; also said when the value is not even
 * a string (`duration: 30`), since "must be string" would not tell what string.
 */
const patternNames: Record<string, string> = {
  '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$': 'must be a duration such as "30d", "12h", "90m": a number and a unit (d, h, m, s, ms)',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': 'must be a 24-hour time "HH:MM", e.g. "09:00"',
  '^[a-z0-9][a-z0-9-]*$': 'must be kebab-case: lowercase letters, digits and "-", e.g. "uber-burst"',
  '^[A-Z]{2}$': 'must be an ISO 3166 two-letter country code in capitals, e.g. "ES"',
};

function got(error: ErrorObject): string {
  return error.data === undefined ? '' : ` (got ${describeValue(error.data)})`;
}

/** One ajv error as an issue, ignoring `oneOf` grouping (see {@link ajvIssues}). */
function ajvIssue(error: ErrorObject): ScenarioIssue {
  const path = issuePathOfPointer(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing required property ${JSON.stringify(error.params.missingProperty)}` };
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const name = JSON.stringify(error.params.additionalProperty);
      return { path, message: `unknown property ${name} (allowed: ${allowed.join(', ')})`, allowed };
    }
    case 'enum': {
      const allowed = error.params.allowedValues as unknown[];
      const list = allowed.map((value) => JSON.stringify(value)).join(', ');
      return { path, message: `must be one of ${list}${got(error)}`, allowed };
    }
    case 'pattern':
      return { path, message: `${patternNames[error.params.pattern] ?? error.message}${got(error)}` };
    case 'type': {
      const pattern = (error.parentSchema as { pattern?: string } | undefined)?.pattern;
      const named = pattern === undefined ? undefined : patternNames[pattern];
      return { path, message: `${named ?? error.message}${got(error)}` };
    }
    case 'uniqueItems': {
      const [first, second] = [error.params.i as number, error.params.j as number].sort((a, b) => a - b);
      return { path, message: `must not list a value twice (items ${first} and ${second} are equal)${got(error)}` };
    }
    case 'format':
      return {
        path,
        message: `must be an ISO 8601 date-time with a time zone offset, e.g. "2026-03-02T00:00:00Z"${got(error)}`,
      };
    default:
      return { path, message: `${error.message ?? `fails ${error.keyword}`}${got(error)}` };
  }
}

function isBranchError(error: ErrorObject, oneOf: ErrorObject): boolean {
  return (
    error !== oneOf &&
    error.schemaPath.startsWith(`${oneOf.schemaPath}/`) &&
    (error.instancePath === oneOf.instancePath || error.instancePath.startsWith(`${oneOf.instancePath}/`))
  );
}

/**
 * Replaces a failed `oneOf` and its branches' errors: when the value has the type of exactly one branch, that
 * branch's errors say what is wrong (`/attacks/0/targets/1: must be >= 0`); otherwise one issue names the types.
 */
function oneOfIssues(oneOf: ErrorObject, branchErrors: ErrorObject[]): ScenarioIssue[] {
  const branches = (oneOf.schema as Array<{ type?: string }>).map((branch, index) => ({
    type: branch.type,
    errors: branchErrors.filter((error) => error.schemaPath.startsWith(`${oneOf.schemaPath}/${index}/`)),
  }));
  const typeFits = branches.filter(
    (branch) => !branch.errors.some((error) => error.keyword === 'type' && error.instancePath === oneOf.instancePath),
  );
  if (oneOf.params.passingSchemas == null && typeFits.length === 1) return typeFits[0].errors.map(ajvIssue);
  const types = branches.map((branch) => branch.type ?? 'a different shape').join(' or ');
  return [{ path: issuePathOfPointer(oneOf.instancePath), message: `must be ${types}${got(oneOf)}` }];
}

/** ajv's errors as issues, in ajv's (schema) order, with `oneOf` branch noise folded into the useful part. */
function ajvIssues(errors: readonly ErrorObject[]): ScenarioIssue[] {
  const inBranch = new Set<ErrorObject>();
  const replacements = new Map<ErrorObject, ScenarioIssue[]>();
  for (const oneOf of errors.filter((error) => error.keyword === 'oneOf')) {
    const branchErrors = errors.filter((error) => isBranchError(error, oneOf));
    for (const error of branchErrors) inBranch.add(error);
    replacements.set(oneOf, oneOfIssues(oneOf, branchErrors));
  }
  return errors.flatMap((error) => replacements.get(error) ?? (inBranch.has(error) ? [] : [ajvIssue(error)]));
}
