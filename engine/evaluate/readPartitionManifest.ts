import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from '../model/errors/describeFsError.ts';
import { FileContentError } from '../model/errors/FileContentError.ts';
import { InputError } from '../model/errors/InputError.ts';
import { schemaIssues } from '../model/errors/schemaIssues.ts';
import { validatePartitionManifest } from './generated/validatePartitionManifest.ts';
import { PARTITION_MANIFEST, type PartitionManifest } from './PartitionManifest.ts';

/**
 * Reads and checks the {@link PartitionManifest} of a partition's folder (`simulate --partition`).
 *
 * @throws InputError when there is none (the folder is not a partition's); FileContentError when it is not JSON or
 * not a manifest (every problem listed, up to 20).
 */
export function readPartitionManifest(dir: string): PartitionManifest {
  const path = join(dir, PARTITION_MANIFEST);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(path, `${describeFsError(error)}: a partition's folder holds one (simulate --partition K/N)`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FileContentError(path, 'partition manifest', [{ path: '', message: `not JSON (${(error as Error).message})` }]);
  }
  if (!validatePartitionManifest(value))
    throw new FileContentError(path, 'partition manifest', schemaIssues(validatePartitionManifest.errors).slice(0, 20));
  if (value.partition.index > value.partition.count)
    throw new FileContentError(path, 'partition manifest', [
      { path: '/partition/index', message: `must be at most count (${value.partition.count})` },
    ]);
  return value;
}
