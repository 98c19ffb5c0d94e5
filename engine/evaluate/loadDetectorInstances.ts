import { readFileSync } from 'node:fs';
import { parseYamlText } from '../model/text/parseYamlText.ts';
import { detectorRegistry } from '../../detectors/index.ts';
import { describeFsError } from '../model/errors/describeFsError.ts';
import { InputError } from '../model/errors/InputError.ts';
import { ParamsError } from '../model/errors/ParamsError.ts';
import type { AnyDetectorDefinition } from '../runtime/DetectorDefinition.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import { resolveInstances } from '../runtime/resolveInstances.ts';

/** Which detectors to run and with what parameters, as `--detectors` and `--params` give them. */
export interface DetectorSelection {
  /** Detector ids, a list or comma-separated (`--detectors a,b`); default every detector of the registry. */
  detectors?: string | readonly string[];
  /** A parameter file, YAML or JSON, in the format `pushstorm detect --params` reads (and `tune --write-params` writes). */
  params?: string;
  /** The detectors to choose from; default the built-in ones (a caller adds its own, e.g. plug-in modules). */
  registry?: ReadonlyMap<string, AnyDetectorDefinition>;
}

/**
 * Reads a parameter file (YAML or JSON) as written, unchecked: `resolveInstances` checks it against the detectors.
 *
 * @throws InputError when it cannot be read; ParamsError when it is neither YAML nor JSON.
 */
export function readParamsFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, describeFsError(error), { cause: error });
  }
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new ParamsError(file, [{ path: '', message: `not YAML or JSON: ${parsed.message}` }]);
  return parsed.value;
}

/**
 * The detector instances a `--detectors` selection and a `--params` file describe — what `run`, `detect` and `gate`
 * run — with every unknown detector or parameter and every value off its range or step reported at once.
 *
 * @throws InputError, ParamsError (exit 2), before anything runs.
 * @example loadDetectorInstances({ detectors: 'mfa-without-login', params: 'tuned.yaml' })
 */
export function loadDetectorInstances(selection: DetectorSelection = {}): DetectorInstance[] {
  const ids =
    typeof selection.detectors === 'string'
      ? selection.detectors
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : selection.detectors;
  const paramFile = selection.params === undefined ? undefined : readParamsFile(selection.params);
  return resolveInstances(selection.registry ?? detectorRegistry, ids, paramFile, selection.params);
}
