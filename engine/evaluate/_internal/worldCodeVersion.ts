import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../model/packageRoot.ts';
import { pushstormVersion } from '../../model/version.ts';

let memo: string | undefined;

/**
 * What a cached world's `version` is: the pushstorm version and {@link worldCodeFingerprint} of the code running now.
 * A release changes the version; a working copy whose simulator was edited changes the fingerprint, so neither ever
 * reads a world an older simulator made. Computed once per process (about 1 MB read, a few ms).
 */
export function worldCodeVersion(): string {
  // This file sits in engine/evaluate/_internal/ of the sources or of dist/: the code root is three folders up.
  memo ??= `${pushstormVersion}+${worldCodeFingerprint(fileURLToPath(new URL('../../../', import.meta.url)), packageRoot)}`;
  return memo;
}

/**
 * A fingerprint of the code that makes worlds: every file of `generators/` and `engine/model/` under `codeRoot` (the
 * sources or the build), by path and content, and the pinned dependencies of `packageDir/package.json` (xstate,
 * faker…). 16 hex digits of a sha256.
 */
export function worldCodeFingerprint(codeRoot: string, packageDir: string): string {
  const hash = createHash('sha256');
  for (const folder of ['generators', join('engine', 'model')]) {
    const files = readdirSync(join(codeRoot, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files)
      hash
        .update(`${relative(codeRoot, file)}\n`)
        .update(readFileSync(file))
        .update('\n');
  }
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  hash.update(JSON.stringify(pkg.dependencies ?? {}));
  return hash.digest('hex').slice(0, 16);
}
