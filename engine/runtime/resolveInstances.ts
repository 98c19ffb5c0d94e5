import { didYouMean } from '../model/didYouMean.ts';
import { ParamsError, type ParamsIssue } from '../model/errors/ParamsError.ts';
import { paramNames, type ParamSpec, type AnyDetectorDefinition } from './DetectorDefinition.ts';
import type { DetectorInstance } from './DetectorRuntime.ts';
import { parseParamValue, resolveParamName } from './paramValues.ts';

/** One parameter set as a file gives it: which detector, its name, and the parameters it changes. */
export interface ParamSetSpec {
  detector: string;
  set?: string;
  params?: Record<string, number | string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns a detector selection and an optional parameter file into runtime instances. The file is either a map
 * `{ detectorId: { param: value } }` (one set per detector, over its defaults) or a list of
 * `{ detector, set, params }` (several sets of one detector run in the same pass). Durations may be written as
 * "10m", and a parameter named with or without its `Ms` suffix (`window` for `windowMs`). Every problem — unknown
 * detector or parameter, a value off its range or not a multiple of its step, a parameter given twice — is reported
 * at once.
 */
export function resolveInstances(
  registry: ReadonlyMap<string, AnyDetectorDefinition>,
  selection: readonly string[] | undefined,
  paramFile: unknown,
  file?: string,
): DetectorInstance[] {
  const issues: ParamsIssue[] = [];
  const unknown = (id: string) =>
    `unknown detector "${id}"${didYouMean(id, registry.keys(), ` (known: ${[...registry.keys()].join(', ')})`)}`;
  const selected = selection ?? [...registry.keys()];
  selected.forEach((id, i) => {
    if (!registry.has(id)) issues.push({ path: `--detectors[${i}]`, message: unknown(id) });
  });

  const specs: Array<{ spec: ParamSetSpec; path: string }> = [];
  if (paramFile === undefined || paramFile === null) {
    // defaults only
  } else if (Array.isArray(paramFile)) {
    paramFile.forEach((item, i) => {
      if (!isRecord(item) || typeof item.detector !== 'string') {
        issues.push({ path: `/${i}`, message: 'must be an object with "detector" (and optional "set", "params")' });
      } else specs.push({ spec: item as unknown as ParamSetSpec, path: `/${i}` });
    });
  } else if (isRecord(paramFile)) {
    for (const [detector, params] of Object.entries(paramFile)) {
      if (!isRecord(params)) issues.push({ path: `/${detector}`, message: 'must be an object of parameter values' });
      else specs.push({ spec: { detector, params: params as Record<string, number | string> }, path: `/${detector}` });
    }
  } else {
    issues.push({ path: '', message: 'must be a map of detector id → parameters, or a list of { detector, set, params }' });
  }

  const instances: DetectorInstance[] = [];
  const withFileSets = new Set<string>();
  const setNames = new Set<string>();
  for (const { spec, path } of specs) {
    const definition = registry.get(spec.detector);
    if (!definition) {
      issues.push({ path: `${path}${Array.isArray(paramFile) ? '/detector' : ''}`, message: unknown(spec.detector) });
      continue;
    }
    if (!selected.includes(spec.detector)) continue;
    const set = spec.set ?? 'default';
    if (setNames.has(`${spec.detector}@${set}`)) issues.push({ path, message: `parameter set "${set}" of ${spec.detector} given twice` });
    setNames.add(`${spec.detector}@${set}`);
    withFileSets.add(spec.detector);
    const paramsPath = `${path}${Array.isArray(paramFile) ? '/params' : ''}`;
    if (spec.params !== undefined && !isRecord(spec.params)) {
      issues.push({ path: paramsPath, message: 'must be an object of parameter values' });
      continue;
    }
    const params = resolveParams(definition, spec.params ?? {}, paramsPath, issues);
    instances.push({ definition, params, paramSet: set });
  }
  for (const id of selected) {
    const definition = registry.get(id);
    if (definition && !withFileSets.has(id))
      instances.push({ definition, params: resolveParams(definition, {}, '', issues), paramSet: 'default' });
  }
  if (issues.length > 0) throw new ParamsError(file, issues);
  const order = new Map(selected.map((id, i) => [id, i]));
  return instances.sort((a, b) => order.get(a.definition.id)! - order.get(b.definition.id)!);
}

function resolveParams(
  definition: AnyDetectorDefinition,
  given: Record<string, unknown>,
  path: string,
  issues: ParamsIssue[],
): Record<string, number> {
  const specs = definition.params as Record<string, ParamSpec>;
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  const named = new Map<string, string>();
  for (const [written, raw] of Object.entries(given)) {
    const name = resolveParamName(specs, written);
    if (name === undefined) {
      issues.push({
        path: `${path}/${written}`,
        message: `unknown parameter of ${definition.id}${didYouMean(written, paramNames(specs), ` (allowed: ${Object.keys(specs).join(', ')})`)}`,
      });
      continue;
    }
    const before = named.get(name);
    if (before !== undefined) {
      issues.push({ path: `${path}/${written}`, message: `given twice: ${before} and ${written} both name ${name}` });
      continue;
    }
    named.set(name, written);
    const parsed = parseParamValue(specs[name], raw);
    if ('message' in parsed) issues.push({ path: `${path}/${written}`, message: parsed.message });
    else out[name] = parsed.value;
  }
  return out;
}
