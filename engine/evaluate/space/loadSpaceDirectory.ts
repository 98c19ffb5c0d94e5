import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import { describeFsError } from '../../model/errors/describeFsError.ts';
import { InputError } from '../../model/errors/InputError.ts';
import { SPACE_MANIFEST, type SpaceManifest } from './SpaceManifest.ts';
import type { SpaceWorld } from './scoreSpace.ts';

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The manifest's scenario list, or a sentence saying what is wrong with it. */
function entriesOf(manifest: unknown): SpaceManifest['scenarios'] | string {
  const scenarios = (manifest as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(scenarios)) return 'has no "scenarios" list';
  for (const [index, entry] of scenarios.entries()) {
    const e = entry as Record<string, unknown> | null;
    if (typeof e?.file !== 'string' || typeof e.family !== 'string' || typeof e.name !== 'string' || !isStringArray(e.noise))
      return `scenarios[${index}] needs file, name, family (strings) and noise (a list of strings)`;
    if (e.file.includes('/') || e.file.includes('\\') || e.file.startsWith('.'))
      return `scenarios[${index}].file must be a file name in the folder (got ${JSON.stringify(e.file)})`;
  }
  return scenarios as SpaceManifest['scenarios'];
}

/**
 * The worlds of a space folder as `pushstorm space sample` writes it: `space.json` names each scenario file with its
 * family and noise kinds; every file is loaded and validated (a scenario edited by hand is checked like any other).
 *
 * @throws InputError for a missing or malformed manifest; ScenarioError for an invalid scenario file.
 */
export async function loadSpaceDirectory(folder: string): Promise<SpaceWorld[]> {
  const path = join(folder, SPACE_MANIFEST);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `is not JSON: ${error.message}` : describeFsError(error);
    throw new InputError(path, `${reason} (a space folder holds the ${SPACE_MANIFEST} that pushstorm space sample writes)`, {
      cause: error,
    });
  }
  const entries = entriesOf(manifest);
  if (typeof entries === 'string') throw new InputError(path, entries);
  const worlds: SpaceWorld[] = [];
  for (const entry of entries) {
    worlds.push({ family: entry.family, noise: entry.noise, scenario: await loadScenarioFile(join(folder, entry.file)) });
  }
  return worlds;
}
