import { existsSync, readFileSync } from 'node:fs';
import { checkWorldSize } from '../checkWorldSize.ts';
import { dirname, resolve } from 'node:path';
import { detectorRegistry } from '../../../detectors/index.ts';
import { loadScenarioFile, type ResolvedScenario } from '../../../generators/scenario/index.ts';
import { describeFsError } from '../../model/errors/describeFsError.ts';
import { FileContentError, type FileContentIssue } from '../../model/errors/FileContentError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import { ParamsError } from '../../model/errors/ParamsError.ts';
import { PushstormError } from '../../model/errors/PushstormError.ts';
import { ScenarioError } from '../../model/errors/ScenarioError.ts';
import { schemaIssues } from '../../model/errors/schemaIssues.ts';
import { parseYamlText } from '../../model/text/parseYamlText.ts';
import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../../runtime/DetectorRuntime.ts';
import { instanceLabel } from '../../runtime/instanceLabel.ts';
import { resolveInstances } from '../../runtime/resolveInstances.ts';
import { readParamsFile } from '../loadDetectorInstances.ts';
import { figureRanges } from './figures.ts';
import type { GateFile } from './GateFile.ts';
import { validateGateFile } from '../generated/validateGateFile.ts';
import type { GateBaseline } from './GateBaseline.ts';

/** A gate file, checked whole, with everything its runs need: the worlds, the detector instances, the baseline. */
export interface LoadedGate {
  file: string;
  gate: GateFile;
  scenarioPaths: string[];
  baselinePath?: string;
  /** Every scenario × seed of the suite, resolved, in suite order. */
  worlds: ResolvedScenario[];
  /** The detector configurations every run evaluates. */
  instances: DetectorInstance[];
  /** The baseline to compare with; undefined without one, or when it is to be rewritten. */
  baseline?: GateBaseline;
}

/** What may replace the gate file's own detectors and parameters (`pushstorm gate --detectors --params`). */
export interface GateOverrides {
  /** Detector ids instead of the file's `detectors`. */
  detectors?: readonly string[];
  /** A parameter file (as `--params` reads it) instead of the file's inline `params`. */
  params?: string;
  /** The baseline is to be rewritten: it need not exist. */
  updateBaseline?: boolean;
  /** Simulate worlds above `CONFIRM_USERS` users (`--yes`); without it such a world is refused before anything runs. */
  confirmed?: boolean;
  /** The detectors to choose from (default the built-in ones). */
  registry?: ReadonlyMap<string, AnyDetectorDefinition>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: number) => (Number.isFinite(v) ? String(v) : '∞');

/**
 * Reads a gate file (YAML or JSON) and checks everything a run needs before anything runs, reporting every problem at
 * once in one error: the schema (unknown keys, wrong types), a requirement naming a scenario not in the suite, a min
 * above its max, a bound no figure can reach or always reaches (`min: 1.5` on recall, `max: -0.1`), a scenario file
 * that is missing or invalid under any of its seeds, an unknown detector or parameter, a requirement on a detector the
 * gate does not run, a baseline that is missing or not JSON.
 *
 * @throws InputError when the gate file cannot be read; FileContentError listing every problem (exit 2).
 */
export async function loadGateFile(file: string, overrides: GateOverrides = {}): Promise<LoadedGate> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, describeFsError(error), { cause: error });
  }
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new FileContentError(file, 'gate file', [{ path: '', message: `not YAML or JSON (${parsed.message})` }]);
  const value = parsed.value;
  const issues: FileContentIssue[] = [];
  if (!validateGateFile(value)) issues.push(...schemaIssues(validateGateFile.errors));
  // Past the schema, check what is well-formed enough to check: a bad requirement does not hide a missing scenario.
  const raw = isRecord(value) ? value : {};
  const dir = dirname(file);
  const suite = (Array.isArray(raw.suite) ? raw.suite : []).filter(isRecord);
  const entries = suite.map((s) => ({
    scenario: typeof s.scenario === 'string' && s.scenario !== '' ? s.scenario : undefined,
    seeds: Array.isArray(s.seeds) ? s.seeds.filter((x): x is number => Number.isInteger(x) && x >= 0 && x <= 0xffffffff) : [],
    users: Number.isInteger(s.users) && (s.users as number) >= 1 ? (s.users as number) : undefined,
    days: Number.isInteger(s.days) && (s.days as number) >= 1 ? (s.days as number) : undefined,
  }));
  const names = entries.map((e) => (e.scenario ?? '').replace(/^.*\//, '').replace(/\.(ya?ml|json)$/, ''));
  const requirements = (Array.isArray(raw.require) ? raw.require : []).map((r) => (isRecord(r) ? r : {}));
  requirements.forEach((r, i) => {
    (Array.isArray(r.scenarios) ? r.scenarios : []).forEach((name, k) => {
      if (typeof name === 'string' && !names.includes(name))
        issues.push({
          path: `/require/${i}/scenarios/${k}`,
          message: `not a scenario of the suite (got "${name}"; the suite has ${names.join(', ')})`,
        });
    });
    const min = typeof r.min === 'number' ? r.min : undefined;
    const max = typeof r.max === 'number' ? r.max : undefined;
    if (min !== undefined && max !== undefined && min > max)
      issues.push({ path: `/require/${i}`, message: `min ${min} is above max ${max}` });
    const range =
      typeof r.figure === 'string' && Object.hasOwn(figureRanges, r.figure)
        ? figureRanges[r.figure as keyof typeof figureRanges]
        : undefined;
    if (!range) return;
    const [lo, hi] = range;
    const lies = `${r.figure} lies in [${show(lo)}, ${show(hi)}]`;
    if (min !== undefined && min > hi) issues.push({ path: `/require/${i}/min`, message: `${min} can never be met: ${lies}` });
    if (min !== undefined && min < lo)
      issues.push({ path: `/require/${i}/min`, message: `${min} is always met, so it checks nothing: ${lies}` });
    if (max !== undefined && max < lo) issues.push({ path: `/require/${i}/max`, message: `${max} can never be met: ${lies}` });
    if (max !== undefined && max > hi)
      issues.push({ path: `/require/${i}/max`, message: `${max} is always met, so it checks nothing: ${lies}` });
  });

  // Every scenario under every seed, so an override that does not fit one seed's world is found now, not mid-run.
  const worlds: ResolvedScenario[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.scenario === undefined) continue;
    const path = resolve(dir, entry.scenario);
    const found = new Set<string>();
    for (const seed of entry.seeds) {
      try {
        const world = await loadScenarioFile(path, { seed, users: entry.users, days: entry.days });
        checkWorldSize(world, overrides.confirmed === true, 'gate', entry.scenario);
        worlds.push(world);
      } catch (error) {
        for (const message of scenarioProblems(error)) {
          if (found.has(message)) continue;
          found.add(message);
          issues.push({ path: `/suite/${i}/scenario`, message: `${entry.scenario}${message}` });
        }
      }
    }
  }

  let instances: DetectorInstance[] = [];
  const registry = overrides.registry ?? detectorRegistry;
  try {
    const selection =
      overrides.detectors ?? (Array.isArray(raw.detectors) ? raw.detectors.filter((d): d is string => typeof d === 'string') : undefined);
    const params = overrides.params !== undefined ? readParamsFile(overrides.params) : raw.params;
    instances = resolveInstances(registry, selection, params, overrides.params);
  } catch (error) {
    if (!(error instanceof ParamsError || error instanceof InputError)) throw error;
    const where = (p: string) => {
      if (p.startsWith('--detectors')) return overrides.detectors ? p : p.replace(/^--detectors\[(\d+)\]$/, '/detectors/$1');
      return overrides.params !== undefined ? `--params ${overrides.params}${p === '' ? '' : ` ${p}`}` : `/params${p}`;
    };
    if (error instanceof InputError) issues.push({ path: `--params ${overrides.params}`, message: error.problem });
    else for (const issue of error.issues) issues.push({ path: where(issue.path), message: issue.message });
  }
  if (instances.length > 0) {
    const labels = new Set(['overall', ...instances.map((i) => instanceLabel({ id: i.definition.id, paramSet: i.paramSet }))]);
    requirements.forEach((r, i) => {
      if (typeof r.detector === 'string' && !labels.has(r.detector)) {
        issues.push({
          path: `/require/${i}/detector`,
          message: `no such detector in this gate (got "${r.detector}"; it runs ${[...labels].join(', ')})`,
        });
      }
    });
  }

  const baselinePath = typeof raw.baseline === 'string' && raw.baseline !== '' ? resolve(dir, raw.baseline) : undefined;
  let baseline: GateBaseline | undefined;
  if (overrides.updateBaseline && !baselinePath)
    issues.push({ path: '/baseline', message: 'missing: --update-baseline needs a baseline file to write' });
  if (baselinePath && !overrides.updateBaseline) {
    const read = readBaseline(baselinePath);
    if ('message' in read) issues.push({ path: '/baseline', message: read.message });
    else baseline = read.baseline;
  }

  if (issues.length > 0) throw new FileContentError(file, 'gate file', issues);
  const gate = value as GateFile;
  return {
    file,
    gate,
    scenarioPaths: gate.suite.map((s) => resolve(dir, s.scenario)),
    ...(baselinePath ? { baselinePath } : {}),
    worlds,
    instances,
    ...(baseline ? { baseline } : {}),
  };
}

/** The problems of a scenario that would not load, each as a message to follow its file name. */
function scenarioProblems(error: unknown): string[] {
  if (error instanceof ScenarioError) return error.issues.map((i) => `${i.path === '' ? '' : ` ${i.path}`}: ${i.message}`);
  if (error instanceof PushstormError) return [`: ${error.message}`];
  throw error;
}

function readBaseline(path: string): { baseline: GateBaseline } | { message: string } {
  if (!existsSync(path)) return { message: `${path} does not exist; run the gate with --update-baseline to create it` };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { message: `${path} is not JSON (${(error as Error).message})` };
  }
  if (!Array.isArray((value as GateBaseline | null)?.entries)) return { message: `${path} has no list of entries` };
  return { baseline: value as GateBaseline };
}
