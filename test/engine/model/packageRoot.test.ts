import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PushstormError } from '../../../engine/model/errors/PushstormError.ts';
import { findPackageRoot, packageRoot } from '../../../engine/model/packageRoot.ts';
import { pushstormVersion } from '../../../engine/model/version.ts';

describe('findPackageRoot', () => {
  it('finds the nearest package.json above a module, however deep (sources, dist/, node_modules/)', () => {
    const root = mkdtempSync(join(tmpdir(), 'pushstorm-root-'));
    writeFileSync(join(root, 'package.json'), '{"name":"pushstorm","version":"9.9.9"}');
    for (const dir of ['engine/model', 'dist/engine/model']) {
      mkdirSync(join(root, dir), { recursive: true });
      expect(findPackageRoot(pathToFileURL(join(root, dir, 'packageRoot.js')).href)).toBe(root);
    }
  });

  it('throws a PushstormError naming the folder when there is none', () => {
    expect(() => findPackageRoot('file:///packageRoot.js')).toThrow(PushstormError);
  });

  it('is the repository root from the sources, where the version comes from', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('pushstorm');
    expect(pushstormVersion).toBe(pkg.version);
  });
});
