import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SpaceScenario } from '../../../generators/space/index.ts';
import { SPACE_MANIFEST, type SpaceManifest } from '../../evaluate/space/SpaceManifest.ts';
import { replaceOwnedFiles } from '../../formats/files/ownedFiles.ts';
import { writeJsonFileAtomic } from '../../formats/files/writeJsonFileAtomic.ts';
import { writeTextFileAtomic } from '../../formats/files/writeTextFileAtomic.ts';
import { pushstormVersion } from '../../model/version.ts';

/** What {@link writeSpaceSample} wrote. */
export interface WrittenSpace {
  folder: string;
  manifest: SpaceManifest;
  /** Files of an earlier sample in the folder that this one replaced. */
  removed: string[];
}

/**
 * Writes a sample of the scenario space to `folder`: one YAML scenario file per world (`<name>.yaml`, opening with a
 * comment on what it was drawn as) and `space.json`, the manifest `pushstorm space score` reads. Each file appears
 * under its real name only once complete; files an earlier sample left in the folder are removed.
 */
export function writeSpaceSample(
  folder: string,
  drawn: readonly SpaceScenario[],
  options: { seed: number; families: readonly string[] },
): WrittenSpace {
  mkdirSync(folder, { recursive: true });
  const scenarios: SpaceManifest['scenarios'] = [];
  for (const world of drawn) {
    const file = `${world.scenario.name}.yaml`;
    const header = [
      `# ${world.scenario.name} — drawn from the pushstorm scenario space (pushstorm space sample --seed ${options.seed}).`,
      `# Attack family: ${world.family}. Benign noise: ${world.noise.length > 0 ? world.noise.join(', ') : 'routine only'}.`,
      '# A valid scenario like any other: run it with pushstorm run, edit it, keep it as a regression case.',
    ].join('\n');
    writeTextFileAtomic(join(folder, file), `${header}\n${stringify(world.scenario, { lineWidth: 0 })}`);
    scenarios.push({ file, name: world.scenario.name, family: world.family, noise: [...world.noise] });
  }
  const manifest: SpaceManifest = { pushstormVersion, seed: options.seed, n: drawn.length, families: [...options.families], scenarios };
  writeJsonFileAtomic(join(folder, SPACE_MANIFEST), manifest);
  const removed = replaceOwnedFiles(folder, [SPACE_MANIFEST, ...scenarios.map((s) => s.file)]);
  return { folder, manifest, removed };
}
