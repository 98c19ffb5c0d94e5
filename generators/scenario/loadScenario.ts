import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ScenarioError } from '../../engine/model/errors/ScenarioError.ts';
import type { ScenarioIssue } from '../../engine/model/errors/ScenarioError.ts';
import type { Scenario } from '../../engine/model/generated/scenario.ts';
import type { ResolvedScenario, ScenarioOverrides } from './ResolvedScenario.ts';
import { buildResolvedScenario } from './_internal/buildResolvedScenario.ts';
import { canonicalJson } from '../../engine/model/canonicalJson.ts';
import { checkOverrides, validOverride } from './_internal/checkOverrides.ts';
import { checkScenarioSemantics } from './_internal/checkScenarioSemantics.ts';
import type { FilledScenario } from './_internal/FilledScenario.ts';
import { parseScenarioText } from './_internal/parseScenarioText.ts';
import { validateScenarioSchema } from './_internal/validateScenarioSchema.ts';

const formats: Record<string, 'json' | 'yaml'> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

/**
 * Reads a scenario file (`.yaml`, `.yml` or `.json`), validates it and resolves it; see {@link resolveScenario}.
 *
 * @param file Path as the user gave it; it is named as given in error messages.
 * @throws ScenarioError (exit code 2) when the file cannot be read or parsed, or for every problem in it.
 * @example const scenario = await loadScenarioFile('scenarios/uber-burst.yaml', { seed: 7 });
 */
export async function loadScenarioFile(file: string, overrides?: ScenarioOverrides): Promise<ResolvedScenario> {
  const extension = path.extname(file).toLowerCase();
  const format = formats[extension];
  if (!format) {
    throw new ScenarioError(file, [
      {
        path: '',
        message: `unsupported file extension ${JSON.stringify(extension)} (expected .yaml, .yml or .json)`,
        allowed: Object.keys(formats),
      },
    ]);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [{ path: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  const parsed = parseScenarioText(text, format);
  if (!parsed.ok) throw new ScenarioError(file, [parsed.issue]);
  return resolveScenario(parsed.value, overrides, file);
}

/** A deep copy of plain data; a value that is not data (a function, a class instance with hidden state) is an issue. */
function copy(raw: unknown): { ok: true; value: unknown } | { ok: false; issue: ScenarioIssue } {
  try {
    return { ok: true, value: structuredClone(raw) };
  } catch (error) {
    return {
      ok: false,
      issue: { path: '', message: `must be plain data (as parsed from YAML or JSON): ${(error as Error).message}` },
    };
  }
}

/**
 * Validates a parsed scenario and resolves it: every default filled, overrides applied (`seed` replaces the seed,
 * `users` the population size, `days` the duration), durations in ms, "HH:MM" in minutes, weights normalised.
 * Pure and synchronous; `raw` is not modified (defaults go into a copy), and `source` in the result is a copy of it.
 *
 * All problems — schema violations, cross-field contradictions, bad overrides — are collected and thrown together.
 *
 * @param file Only for error messages.
 * @throws ScenarioError listing every problem.
 */
export function resolveScenario(raw: unknown, overrides?: ScenarioOverrides, file?: string): ResolvedScenario {
  const copied = copy(raw);
  if (!copied.ok) throw new ScenarioError(file, [copied.issue]);
  const filled = copied.value;
  const schemaIssues = validateScenarioSchema(filled);
  // A path the schema already complained about needs no second, derived complaint (e.g. day 1.5 "beyond the end").
  const reported = new Set(schemaIssues.map((issue) => issue.path));
  const issues = [
    ...schemaIssues,
    ...checkScenarioSemantics(filled, overrides).filter((issue) => !reported.has(issue.path)),
    ...checkOverrides(overrides),
  ];
  if (issues.length > 0) throw new ScenarioError(file, issues);

  const resolved = buildResolvedScenario(filled as FilledScenario, {
    seed: validOverride(overrides, 'seed'),
    users: validOverride(overrides, 'users'),
    days: validOverride(overrides, 'days'),
  });
  const hash = createHash('sha256').update(canonicalJson(resolved)).digest('hex');
  return { ...resolved, source: structuredClone(raw) as Scenario, hash };
}
