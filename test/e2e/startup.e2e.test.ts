/**
 * What each command loads: start-up time is mostly module loading, so the heavy dependencies (the simulation's
 * xstate and faker, the report's vega) must load only in the commands that need them. Each case runs the compiled
 * CLI with a module-loading hook that lists every module imported, and checks the list (no timing is asserted).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'pushstorm.mjs');
let scratch: string;
let register: string;

/** The files `pushstorm …args` loads, as absolute paths. */
function filesLoadedBy(...args: string[]): string[] {
  const list = join(scratch, `modules-${args.join('-').replace(/\W+/g, '_')}.txt`);
  writeFileSync(list, '');
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, bin, ...args], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, PUSHSTORM_MODULE_LIST: list },
  });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(list, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
}

/** Loaded files as modules: project files as paths under dist/, packages by name. */
const modulesOf = (files: string[]): string[] =>
  files.map((path) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    return pkg ? pkg[1] : path.slice(repo.length);
  });

/** The modules `pushstorm …args` imports. */
const modulesLoadedBy = (...args: string[]): string[] => modulesOf(filesLoadedBy(...args));

/**
 * ajv's compiler among loaded files: anything of ajv but its small runtime helpers (`ajv/dist/runtime/`), which the
 * validators generated ahead of time (`npm run gen:validators`) require.
 */
const ajvCompiler = (files: string[]) => files.filter((path) => /node_modules\/ajv\/(?!dist\/runtime\/)/.test(path));

const heavy = ['xstate', '@faker-js/faker', 'vega', 'vega-lite'];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pushstorm-startup-'));
  const hooks = join(scratch, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.PUSHSTORM_MODULE_LIST) appendFileSync(process.env.PUSHSTORM_MODULE_LIST, url + '\\n');
  return next(url, context);
}`,
  );
  register = join(scratch, 'register.mjs');
  // The hook sees ES modules; CommonJS ones that are required (not imported) are in the require cache at exit.
  writeFileSync(
    register,
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(pathToFileURL(hooks).href)});
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(process.env.PUSHSTORM_MODULE_LIST, Object.keys(cache).map((p) => pathToFileURL(p).href + '\\n').join('')));
`,
  );
  const sim = spawnSync(process.execPath, [bin, 'simulate', join(repo, 'scenarios', 'tiny.yaml'), '--out', 'tiny'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  expect(sim.status, sim.stderr).toBe(0);
});

describe('start-up: what each command loads', () => {
  it('--version loads no command module and no dependency but commander', () => {
    const loaded = modulesLoadedBy('--version');
    expect(loaded.filter((m) => m.endsWith('Command.js'))).toEqual([]);
    expect([...new Set(loaded.filter((m) => !m.startsWith('dist/') && !m.startsWith('bin/')))]).toEqual(['commander']);
  });

  it('the top-level help loads no command module either', () => {
    expect(modulesLoadedBy('--help').filter((m) => m.endsWith('Command.js'))).toEqual([]);
  });

  it('detect loads its own command only, and neither the simulation nor the report', () => {
    const files = filesLoadedBy('detect', 'tiny/events.ndjson', '--out', 'alerts.ndjson');
    const loaded = modulesOf(files);
    expect(loaded.filter((m) => m.endsWith('Command.js'))).toEqual(['dist/engine/cli/detectCommand.js']);
    for (const name of heavy) expect(loaded, name).not.toContain(name);
    expect(loaded.filter((m) => m.startsWith('dist/generators/'))).toEqual([]);
    expect(loaded.filter((m) => m.startsWith('dist/engine/evaluate/report/'))).toEqual([]);
    expect(ajvCompiler(files)).toEqual([]);
  });

  it('detect says what is wrong with a bad line with the event validator generated ahead of time, not ajv compiling', () => {
    const lines = readFileSync(join(scratch, 'tiny', 'events.ndjson'), 'utf8')
      .split('\n')
      .slice(0, 3);
    writeFileSync(
      join(scratch, 'bad.ndjson'),
      [...lines, '{"id":"x","time":"2026-03-02","source":"idp","type":"auth.attempt","user":"a@x.io"}\n'].join('\n'),
    );
    const files = filesLoadedBy('detect', 'bad.ndjson', '--out', 'bad-alerts.ndjson');
    expect(files).toContain(join(repo, 'dist', 'engine', 'model', 'generated', 'validateEvent.js'));
    expect(ajvCompiler(files)).toEqual([]);
    expect(readFileSync(join(scratch, 'bad-alerts.quarantine.ndjson'), 'utf8')).toContain('bad_timestamp');
  });

  it('gate from a filled world cache loads neither the simulation nor ajv’s compiler', () => {
    const gate = join(scratch, 'cached.yaml');
    writeFileSync(
      gate,
      `name: cached\nsuite:\n  - { scenario: ${JSON.stringify(join(repo, 'scenarios', 'tiny.yaml'))}, seeds: [1] }\n` +
        'require:\n  - { detector: overall, figure: falseAlerts, max: 100 }\n',
    );
    // The control: the first run simulates the world (and stores it).
    expect(modulesLoadedBy('gate', gate, '--cache', 'gate-worlds')).toContain('xstate');
    const files = filesLoadedBy('gate', gate, '--cache', 'gate-worlds');
    const loaded = modulesOf(files);
    for (const name of heavy) expect(loaded, name).not.toContain(name);
    expect(loaded.filter((m) => m.startsWith('dist/generators/world/_internal/'))).toEqual([]);
    expect(ajvCompiler(files)).toEqual([]);
  });

  it('a command that can use the world cache loads Apache Arrow only when the cache is on, as its one-file build', () => {
    const args = ['run', join(repo, 'scenarios', 'tiny.yaml'), '--users', '10', '--days', '1', '-q'];
    expect(modulesLoadedBy(...args, '--out', 'run-plain', '--no-cache')).not.toContain('apache-arrow');
    const files = filesLoadedBy(...args, '--out', 'run-cached', '--cache', 'worlds');
    // Not the package's module entry (about 150 files): the one file that holds the same library.
    expect(files.filter((path) => path.includes('/node_modules/apache-arrow/')).map((path) => path.replace(/.*\//, ''))).toEqual([
      'Arrow.esnext.min.js',
    ]);
  });

  it('the control: simulate does load the simulation (the hook sees what it should)', () => {
    const loaded = modulesLoadedBy('simulate', join(repo, 'scenarios', 'tiny.yaml'), '--out', 'again');
    expect(loaded).toContain('xstate');
    expect(loaded).toContain('@faker-js/faker');
  });
});
