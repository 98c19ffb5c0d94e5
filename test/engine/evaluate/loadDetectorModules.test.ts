import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../detectors/index.ts';
import { checkDetectorDefinition } from '../../../engine/evaluate/checkDetectorDefinition.ts';
import { loadDetectorModules } from '../../../engine/evaluate/loadDetectorModules.ts';
import { DetectorModuleError } from '../../../engine/model/errors/DetectorModuleError.ts';
import { pushesFromNewCountry } from '../../../examples/detectors/pushesFromNewCountry.ts';

let dir: string;

/** A definition as module source text, with `overrides` spliced over a valid one. */
const definition = (id: string, overrides = '') => `{
  id: '${id}', version: '1.0.0', title: 'T', description: 'D', severity: 'high', attack: { technique: 'T1621' },
  needs: ['mfa.result'], entity: 'user', keyOf: (e) => e.user,
  params: { threshold: { default: 3, min: 1, max: 9, step: 1, unit: 'count', description: 'n' } },
  create: () => ({ idleMs: 60000, init: () => null, onEvent() {} }), ${overrides}
}`;

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

async function problemsOf(...files: string[]): Promise<{ file: string; lines: string[] }> {
  try {
    await loadDetectorModules(files, { cwd: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(DetectorModuleError);
    const e = error as DetectorModuleError;
    expect(e.exitCode).toBe(2);
    return { file: e.file, lines: e.issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)) };
  }
  throw new Error('expected a DetectorModuleError');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-plugins-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDetectorModules', () => {
  it('adds a default export, a default array and named definitions to the built-in detectors, each once', async () => {
    write('one.mjs', `export default ${definition('one')};`);
    write(
      'many.mjs',
      `const a = ${definition('a')}; export default [a, ${definition('b')}]; export { a }; export const helper = () => 1; export const LIMIT = 3;`,
    );
    write('named.mjs', `export const c = ${definition('c')}; export const d = ${definition('d')};`);
    const { registry, added } = await loadDetectorModules(['one.mjs', 'many.mjs', 'named.mjs'], { cwd: dir });
    expect(added.map((d) => d.id)).toEqual(['one', 'a', 'b', 'c', 'd']);
    expect([...registry.keys()]).toEqual([...detectorRegistry.keys(), 'one', 'a', 'b', 'c', 'd']);
    expect(detectorRegistry.has('one')).toBe(false);
  });

  it('loads a TypeScript module through tsx: the example plug-in', async () => {
    const { added } = await loadDetectorModules([join(process.cwd(), 'examples/detectors/pushesFromNewCountry.ts')]);
    expect(added.map((d) => d.id)).toEqual(['pushes-from-new-country']);
    expect(checkDetectorDefinition(pushesFromNewCountry, '')).toEqual([]);
    expect(checkDetectorDefinition({ ...pushesFromNewCountry, library: { catches: 'uber-burst' } }, '')).toEqual([]);
    expect(checkDetectorDefinition({ ...pushesFromNewCountry, library: 'uber-burst' }, 'x')).toEqual([
      { path: 'x.library', message: 'must be { catches: "<library scenario>" } or { silent: "<why>" } when given' },
    ]);
  });

  it('names a module that is not there, throws on import or exports nothing usable', async () => {
    expect(await problemsOf('missing.mjs')).toEqual({ file: 'missing.mjs', lines: [`not found (looked for ${join(dir, 'missing.mjs')})`] });
    write('throws.mjs', `throw new Error('no database configured');`);
    expect(await problemsOf('throws.mjs')).toEqual({ file: 'throws.mjs', lines: ['failed to import: no database configured'] });
    write('syntax.mjs', `export default {`);
    expect((await problemsOf('syntax.mjs')).lines[0]).toMatch(/^failed to import: /);
    write('nothing.mjs', `export const answer = 42; export function f() {}`);
    expect((await problemsOf('nothing.mjs')).lines).toEqual([
      'exports no detector definition (export default a definition or an array of them, or export definitions by name)',
    ]);
  });

  it('reports every problem of every definition in the module: missing fields, logic, bad parameter specs', async () => {
    write(
      'bad.mjs',
      `export default [{ id: 'Bad Id', params: { n: 3 } }, ${definition('ok', `params: { w: { default: 0, min: 1, max: 9, step: 1, unit: 'ms', description: 'w' }, s: { default: 2, min: 1, max: 9, step: 0, unit: 'count', description: 's' }, u: { default: 1, min: 1, max: 2, step: 1, unit: 'hours', description: 'u' } }, needs: ['mfa.reslt'], create: undefined`)}];`,
    );
    expect((await problemsOf('bad.mjs')).lines).toEqual([
      'default[0].id: "Bad Id" must be lower-case letters, digits and dashes, as the built-in ids',
      'default[0].version: must be a non-empty string, e.g. "1.0.0"',
      'default[0].title: must be a non-empty string, e.g. "Pushes from a new country"',
      'default[0].description: must be a non-empty string, e.g. one sentence for the analyst',
      'default[0].severity: must be one of "low", "medium", "high", "critical"',
      'default[0].entity: must be one of "user", "device", "source" (what its keys are)',
      'default[0].attack: must be { technique: "T1621" } (and an optional analytic)',
      'default[0].needs: must list the event types it reads, e.g. ["mfa.result"]',
      'default[0].keyOf: must be a function (event) => key or undefined',
      'default[0].create: must be a function (params) => logic { init, onEvent, idleMs }',
      'default[0].params.n: must be { default, min, max, step, unit, description }',
      expect.stringMatching(/^default\[1\]\.needs\[0\]: "mfa\.reslt" is not an event type \("auth\.attempt", /),
      'default[1].create: must be a function (params) => logic { init, onEvent, idleMs }',
      'default[1].params.w.default: must be within [1ms, 9ms] (got 0s)',
      'default[1].params.s.step: must be above 0 (got 0)',
      'default[1].params.u.unit: must be "count" or "ms"',
    ]);
  });

  it('refuses an id of a built-in detector or of another module’s, naming both', async () => {
    write('clash.mjs', `export default ${definition('denied-burst')};`);
    expect(await problemsOf('clash.mjs')).toEqual({
      file: 'clash.mjs',
      lines: ['default.id: "denied-burst" is the id of a built-in detector; give yours another'],
    });
    write('first.mjs', `export default ${definition('mine')};`);
    write('second.mjs', `export const again = ${definition('mine')};`);
    expect(await problemsOf('first.mjs', 'second.mjs')).toEqual({
      file: 'second.mjs',
      lines: ['again.id: "mine" is already the id of a detector from first.mjs'],
    });
  });

  it('says which module and what in the message, for the CLI to print', async () => {
    write('msg.mjs', `export default ${definition('m', 'create: 1')};`);
    await expect(loadDetectorModules(['msg.mjs'], { cwd: dir })).rejects.toThrow(
      'detectors from msg.mjs: 1 problem\n  default.create: must be a function (params) => logic { init, onEvent, idleMs }',
    );
    write('shared.mjs', `export default ${definition('s', 'createShared: 1')};`);
    await expect(loadDetectorModules(['shared.mjs'], { cwd: dir })).rejects.toThrow(
      'detectors from shared.mjs: 1 problem\n  default.createShared: must be a function (paramSets) => logic { init, onEvent, idleMs[] } when given',
    );
    await expect(loadDetectorModules(['gone.js'], { cwd: dir })).rejects.toThrow(/^detectors from gone\.js: not found/);
  });
});
