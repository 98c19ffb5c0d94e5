import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { evasionBoundary } from '../../evaluate/report/charts/evasionBoundary.ts';
import { renderSvg } from '../../evaluate/report/renderSvg.ts';
import { replaceOwnedFiles } from '../../formats/files/ownedFiles.ts';
import { writeJsonFileAtomic } from '../../formats/files/writeJsonFileAtomic.ts';
import { writeTextFileAtomic } from '../../formats/files/writeTextFileAtomic.ts';
import { formatDuration } from '../../model/duration/parseDuration.ts';
import { pushstormVersion } from '../../model/version.ts';
import type { EvadeOptions, EvadeResult } from './searchEvasions.ts';
import type { Boundary } from './sweepBoundary.ts';

/** The files {@link writeEvasions} wrote, relative to the folder. */
export interface WrittenEvasions {
  files: string[];
}

/**
 * Writes a search's findings to `folder`: `evasion-<k>.yaml` per evasion, cheapest first (a complete scenario:
 * `pushstorm run` on it replays the attack), `evade.json` (the search, its budget and every evasion with its outcome),
 * and with a boundary `boundary.svg` and `boundary.json`. Files an earlier search left there are removed.
 */
export async function writeEvasions(
  folder: string,
  result: EvadeResult,
  options: Omit<EvadeOptions, 'onWorld'> & { detectors: string[] },
  boundary?: Boundary,
): Promise<WrittenEvasions> {
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  result.evasions.forEach((evasion, k) => {
    const file = `evasion-${k + 1}.yaml`;
    const { outcome } = evasion;
    const alerted =
      outcome.alerts.length > 0 ? outcome.alerts.map((a) => `${a.detector} +${formatDuration(a.afterMs)}`).join(', ') : 'none';
    const header = [
      `# Found by pushstorm evade --family ${options.family} --seed ${options.seed} (goal: ${options.goal}).`,
      `# The victim (user 0) approves prompt ${outcome.prompts}${outcome.days === null ? '' : `, ${formatDuration(Math.round(outcome.days * 86_400) * 1000)} after the first`}, and no detector of the set alerted ${options.goal === 'compromise' ? 'before the approval' : 'at all'}.`,
      `# Alerts after the approval: ${alerted}. Replay it: pushstorm run ${file}`,
    ].join('\n');
    writeTextFileAtomic(join(folder, file), `${header}\n${stringify({ ...evasion.scenario, name: `evasion-${k + 1}` }, { lineWidth: 0 })}`);
    files.push(file);
  });
  const summary = {
    pushstormVersion,
    family: options.family,
    goal: options.goal,
    budget: options.budget,
    seed: options.seed,
    detectors: options.detectors,
    world: result.context,
    worlds: result.worlds,
    cleanRounds: result.cleanRounds,
    evasions: result.evasions.map((e, k) => ({ file: files[k], attack: e.attack, outcome: e.outcome })),
  };
  writeJsonFileAtomic(join(folder, 'evade.json'), summary);
  files.push('evade.json');
  if (boundary) {
    writeJsonFileAtomic(join(folder, 'boundary.json'), boundary);
    const title = `${options.family}: what the detectors catch (goal ${options.goal})`;
    writeTextFileAtomic(join(folder, 'boundary.svg'), await renderSvg(evasionBoundary(boundary.cells, boundary.axes, title)));
    files.push('boundary.json', 'boundary.svg');
  }
  replaceOwnedFiles(folder, files);
  return { files };
}
