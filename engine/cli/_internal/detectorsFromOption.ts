import { Option } from 'commander';
import { repeatable } from './repeatable.ts';
import { detectorRegistry } from '../../../detectors/index.ts';
import { loadDetectorModules } from '../../evaluate/loadDetectorModules.ts';
import type { AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
// The module itself, not the export's index: a detecting command should not load the six export targets.
import { type Windowing, windowings } from '../../tools/export/Windowing.ts';

/** The option `--detectors-from` gives a command's options. */
export interface DetectorsFromOptions {
  detectorsFrom?: string[];
  sqlDetector?: string[];
  windowing?: Windowing;
}

/**
 * `--detectors-from <module>` (repeatable), for a command's `.addOption(…)`: detector modules whose definitions join
 * the built-in ones for that run.
 */
export function detectorsFromOption(): Option {
  return new Option(
    '--detectors-from <module>',
    'also load the detectors this module exports (.js, .mjs or .ts: a DetectorDefinition or an array of them as default export, or named ones); repeatable',
  ).argParser(repeatable);
}

/**
 * `--sql-detector <file>` (repeatable): a SQL detector — a query with a `/* pushstorm detector … *\/` header naming its
 * parameters, key and decision-time columns — run on DuckDB over the world's events, scored like a built-in one.
 */
export function sqlDetectorOption(): Option {
  return new Option(
    '--sql-detector <file>',
    'also run this SQL detector (a query over the events table with a pushstorm header; docs/sql-detectors.md); repeatable',
  ).argParser(repeatable);
}

/**
 * `--windowing <own|sliding|tumbling>`: with `tumbling`, every detector that states a sliding-window shape runs as its
 * tumbling-window variant (fixed buckets, as ES|QL and KQL `bin()` exports count); with `sliding`, every fixed-bucket
 * detector runs as its sliding-window variant (as an EQL `sequence … with runs` counts) — to see what such an export
 * catches. `own` (the default) runs each detector as it is written.
 */
export function windowingOption(): Option {
  return new Option(
    '--windowing <mode>',
    'own: each detector as written; tumbling: each exportable sliding-window detector as its fixed-bucket variant, what an ES|QL or KQL bin() export catches; sliding: each fixed-bucket detector as its sliding-window variant, what an EQL sequence export catches (docs/export.md)',
  )
    .choices([...windowings])
    .default('own');
}

/**
 * The detectors a command chooses from: the built-in ones, plus those of every `--detectors-from` module and
 * `--sql-detector` file, as `--windowing` counts them.
 *
 * @throws DetectorModuleError (exit 2) for a module that is missing, fails to import or exports no valid definition.
 */
export async function detectorRegistryFor(options: DetectorsFromOptions, cwd: string): Promise<ReadonlyMap<string, AnyDetectorDefinition>> {
  const files = [...(options.detectorsFrom ?? []), ...(options.sqlDetector ?? [])];
  const registry = files.length === 0 ? detectorRegistry : (await loadDetectorModules(files, { cwd })).registry;
  const windowing = options.windowing ?? 'own';
  if (windowing === 'own') return registry;
  // Loaded only when asked: the variants bring the SQL writer (tumbling) and the record conditions (sliding).
  const { withWindowing } = await import('../../tools/export/withWindowing.ts');
  return withWindowing(registry, windowing);
}
