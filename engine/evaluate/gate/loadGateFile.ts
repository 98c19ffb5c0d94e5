import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import AjvModule from 'ajv';
import { parse as parseYaml } from 'yaml';
import { FileContentError, type FileContentIssue } from '../../model/errors/FileContentError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import { describeFsError } from '../../model/errors/describeFsError.ts';
import { schemaIssues } from '../../model/errors/schemaIssues.ts';
import { gateFileSchema, type GateFile } from './GateFile.ts';

const Ajv = AjvModule.default;
const validateGate = new Ajv({ allErrors: true, verbose: true, strict: false }).compile<GateFile>(gateFileSchema);

/** A gate file, validated, with its scenario and baseline paths resolved against the file's directory. */
export interface LoadedGate {
  file: string;
  gate: GateFile;
  scenarioPaths: string[];
  baselinePath?: string;
}

/**
 * Reads a gate file (YAML or JSON) and checks it against the gate schema and itself: every problem is reported at
 * once — unknown keys, wrong types, a requirement naming a scenario not in the suite, a min above its max.
 *
 * @throws InputError when the file cannot be read; FileContentError listing the problems.
 */
export function loadGateFile(file: string): LoadedGate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, describeFsError(error), { cause: error });
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new FileContentError(file, 'gate file', [{ path: '', message: `not YAML or JSON (${(error as Error).message.split('\n')[0]})` }]);
  }
  if (!validateGate(value)) throw new FileContentError(file, 'gate file', schemaIssues(validateGate.errors).slice(0, 20));
  const gate = value;
  const issues: FileContentIssue[] = [];
  const names = gate.suite.map((s) => s.scenario.replace(/^.*\//, '').replace(/\.(ya?ml|json)$/, ''));
  (gate.require ?? []).forEach((r, i) => {
    (r.scenarios ?? []).forEach((name, k) => {
      if (!names.includes(name)) issues.push({ path: `/require/${i}/scenarios/${k}`, message: `not a scenario of the suite (got "${name}"; the suite has ${names.join(', ')})` });
    });
    if (r.min !== undefined && r.max !== undefined && r.min > r.max) issues.push({ path: `/require/${i}`, message: `min ${r.min} is above max ${r.max}` });
  });
  if (issues.length > 0) throw new FileContentError(file, 'gate file', issues);
  const dir = dirname(file);
  return {
    file,
    gate,
    scenarioPaths: gate.suite.map((s) => resolve(dir, s.scenario)),
    ...(gate.baseline ? { baselinePath: resolve(dir, gate.baseline) } : {}),
  };
}
