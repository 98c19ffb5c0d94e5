import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { worldCodeFingerprint, worldCodeVersion } from '../../../../engine/evaluate/_internal/worldCodeVersion.ts';
import { pushstormVersion } from '../../../../engine/model/version.ts';

const root = mkdtempSync(join(tmpdir(), 'pushstorm-code-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('worldCodeVersion', () => {
  it('is the pushstorm version and a fingerprint of the running code', () => {
    expect(worldCodeVersion()).toMatch(new RegExp(`^${pushstormVersion.replaceAll('.', '\\.')}\\+[0-9a-f]{16}$`));
    expect(worldCodeVersion()).toBe(worldCodeVersion());
  });

  it('changes with any file of the simulator or the model, a renamed file, or a dependency, and with nothing else', () => {
    write('generators/world/a.js', 'export const a = 1;');
    write('engine/model/b.js', 'export const b = 1;');
    write('engine/formats/c.js', 'export const c = 1;');
    write('package.json', JSON.stringify({ version: '1.0.0', dependencies: { xstate: '5.0.0' } }));
    const seen = [worldCodeFingerprint(root, root)];
    const fingerprintAfter = (edit: () => void) => {
      edit();
      seen.push(worldCodeFingerprint(root, root));
    };
    fingerprintAfter(() => write('engine/formats/c.js', 'export const c = 2;')); // not world code: same
    expect(seen[1]).toBe(seen[0]);
    fingerprintAfter(() => write('generators/world/a.js', 'export const a = 2;'));
    fingerprintAfter(() => write('engine/model/b.js', 'export const b = 2;'));
    fingerprintAfter(() => write('generators/world/deeper/d.js', ''));
    fingerprintAfter(() => write('package.json', JSON.stringify({ version: '1.0.0', dependencies: { xstate: '5.0.1' } })));
    expect(new Set(seen.slice(1)).size).toBe(seen.length - 1);
  });
});
