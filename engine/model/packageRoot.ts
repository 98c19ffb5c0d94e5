import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PushstormError } from './errors/PushstormError.ts';

/**
 * The folder holding pushstorm's `package.json`, found by walking up from `moduleUrl` to the nearest `package.json`.
 * Walking rather than a fixed `../..` keeps the answer right whether the module runs from the TypeScript sources
 * (`engine/model/`), from the build (`dist/engine/model/`) or from an installed copy (`node_modules/pushstorm/dist/…`).
 *
 * @example
 * ```ts
 * findPackageRoot(import.meta.url); // '/home/me/pushstorm'
 * ```
 */
export function findPackageRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new PushstormError(`no package.json in ${start} or any folder above it`);
  }
}

/** Absolute path of the pushstorm package root: bundled scenarios and `package.json` are found from here. */
export const packageRoot: string = findPackageRoot(import.meta.url);
