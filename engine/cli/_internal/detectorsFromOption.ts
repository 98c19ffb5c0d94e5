import { Option } from 'commander';
import { detectorRegistry } from '../../../detectors/index.ts';
import { loadDetectorModules } from '../../evaluate/loadDetectorModules.ts';
import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';

/** The option `--detectors-from` gives a command's options. */
export interface DetectorsFromOptions {
  detectorsFrom?: string[];
}

/**
 * `--detectors-from <module>` (repeatable), for a command's `.addOption(…)`: detector modules whose definitions join
 * the built-in ones for that run.
 */
export function detectorsFromOption(): Option {
  return new Option(
    '--detectors-from <module>',
    'also load the detectors this module exports (.js, .mjs or .ts: a DetectorDefinition or an array of them as default export, or named ones); repeatable',
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
}

/**
 * The detectors a command chooses from: the built-in ones, plus those of every `--detectors-from` module.
 *
 * @throws DetectorModuleError (exit 2) for a module that is missing, fails to import or exports no valid definition.
 */
export async function detectorRegistryFor(options: DetectorsFromOptions, cwd: string): Promise<ReadonlyMap<string, AnyDetectorDefinition>> {
  if (options.detectorsFrom === undefined || options.detectorsFrom.length === 0) return detectorRegistry;
  return (await loadDetectorModules(options.detectorsFrom, { cwd })).registry;
}
