import type { ExportTarget } from './ExportTarget.ts';
import { eqlTarget } from './eql/eqlTarget.ts';
import { esqlTarget } from './esql/esqlTarget.ts';
import { kqlTarget } from './kql/kqlTarget.ts';
import { sigmaTarget } from './sigma/sigmaTarget.ts';
import { splTarget } from './spl/splTarget.ts';
import { sqlTarget } from './sql/sqlTarget.ts';

/** Every language `pushstorm export` writes, in the order `--help` lists them. */
export const exportTargets = [
  sqlTarget,
  sigmaTarget,
  splTarget,
  kqlTarget,
  eqlTarget,
  esqlTarget,
] as const satisfies readonly ExportTarget[];

/** The id of an export target (`sql`, `sigma`…). */
export type ExportTargetId = (typeof exportTargets)[number]['id'];

/** The ids of {@link exportTargets}. */
export const exportTargetIds: readonly ExportTargetId[] = exportTargets.map((t) => t.id);
