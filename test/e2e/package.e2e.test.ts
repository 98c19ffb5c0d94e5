/**
 * The package as a user gets it: `npm pack`, installed into an empty folder with `npm install --offline <tarball>`,
 * then the CLI through `npx pushstorm` and the library through `import('pushstorm')`, from that folder. One install
 * shared by every case (it takes a few seconds; the whole file well under a minute).
 *
 * Offline: `npm ci` leaves every dependency's tarball in the npm cache, but not the registry's metadata that
 * resolving the package's version ranges needs; the empty folder is therefore given a lockfile holding the
 * repository's own resolution of the runtime dependencies (the versions the tests ran with), and npm installs from the
 * cache alone. dist/ is the one the e2e global setup has just built from the sources (`--ignore-scripts`: the
 * `prepare` script's clean build would pull dist/ from under other e2e files running beside this one).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string };
let scratch: string;
let consumer: string;
let packed: { filename: string; files: Array<{ path: string }> };

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', npm_config_offline: 'true', npm_config_update_notifier: 'false' },
  });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The repository's lock entries of the runtime dependencies (not the dev ones), as a lock of an empty project. */
function seedLockfile(): object {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const packages: Record<string, unknown> = { '': { name: 'consumer' } };
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pushstorm-package-'));
  const packDir = join(scratch, 'pack');
  mkdirSync(packDir);
  packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], repo), 'npm pack'))[0];
  consumer = join(scratch, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify(seedLockfile()));
  ok(
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(packDir, packed.filename)], consumer),
    'npm install --offline of the tarball (is the npm cache filled? run `npm ci` once)',
  );
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the compiled code, the bin, the bundled scenarios and the README, and no sources or tests', () => {
    const paths = packed.files.map((f) => f.path);
    for (const path of [
      'package.json',
      'README.md',
      'bin/pushstorm.mjs',
      'dist/engine/index.js',
      'dist/engine/index.d.ts',
      'dist/engine/cli/main.js',
      'scenarios/default.yaml',
      'scenarios/scenario.schema.json',
      // Scenarios are checked by the validator compiled from that schema ahead of time (the compiled code imports no
      // schema file any more).
      'dist/engine/model/generated/validateScenario.js',
      'dist/generators/world/_internal/partitionWorker.js',
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    expect(
      paths.filter((p) => p.startsWith('test/') || p.includes('tsbuildinfo') || (p.endsWith('.mjs') && p !== 'bin/pushstorm.mjs')),
    ).toEqual([]);
  });

  it('installs without tsx or any dev dependency: the CLI runs compiled JavaScript', () => {
    expect(existsSync(join(consumer, 'node_modules', 'pushstorm', 'dist', 'engine', 'cli', 'main.js'))).toBe(true);
    for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild']) expect(existsSync(join(consumer, 'node_modules', dev)), dev).toBe(false);
  });

  it('npx pushstorm --version prints the package version', () => {
    expect(ok(run('npx', ['pushstorm', '--version'], consumer), 'pushstorm --version').trim()).toBe(pkg.version);
  });

  it('npx pushstorm run runs the bundled default scenario from the package (none in the folder) and prints the score', () => {
    const out = ok(run('npx', ['pushstorm', 'run', '--users', '60', '--days', '4'], consumer), 'pushstorm run');
    expect(out).toMatch(/^scenario default \(hash [0-9a-f]{12}\), seed 1, pushstorm /m);
    expect(out).toMatch(/^60 users × 4 days, [\d,]+ events, [1-9]\d* incidents?/m);
    expect(out).toMatch(/^overall \(all but baselines\) +\d+ +\d+%/m);
    const outputs = /^outputs +(\S+?)\/? \(/m.exec(out)?.[1];
    expect(outputs, out).toMatch(/^out\/default-seed1/);
    const score = JSON.parse(readFileSync(join(consumer, outputs!, 'score.json'), 'utf8'));
    expect(score.provenance.pushstormVersion).toBe(pkg.version);
    // From a worker thread too: the compiled worker starts without tsx.
    ok(
      run('npx', ['pushstorm', 'simulate', 'node_modules/pushstorm/scenarios/tiny.yaml', '--workers', '2', '--out', 'w'], consumer),
      'simulate --workers 2',
    );
    expect(readFileSync(join(consumer, 'w', 'events.ndjson'), 'utf8').split('\n').length).toBeGreaterThan(100);
  });

  it("import('pushstorm') gives the library: simulate → detect → score", () => {
    const script = `import('pushstorm').then(async (m) => {
      const world = await m.simulate('node_modules/pushstorm/scenarios/tiny.yaml');
      const { alerts, instances } = await m.detect(world.events);
      const score = m.score(world.truth, alerts, { events: world.events, instances });
      console.log(JSON.stringify({ events: world.events.length, alerts: alerts.length, recall: score.overall.recall, version: m.pushstormVersion }));
    })`;
    const result = JSON.parse(ok(run(process.execPath, ['-e', script], consumer), 'import pushstorm'));
    expect(result.events).toBeGreaterThan(100);
    expect(result.alerts).toBeGreaterThan(0);
    expect(result.recall).toBe(1);
    expect(result.version).toBe(pkg.version);
  });

  it('its type declarations serve a strict TypeScript program (nodenext, no skipLibCheck)', () => {
    writeFileSync(
      join(consumer, 'use.ts'),
      `import { detect, score, simulate, ScenarioError, type DetectorDefinition, type Score } from 'pushstorm';
const world = await simulate('scenario.yaml', { seed: 2 });
const { alerts, instances } = await detect(world.events, { detectors: ['mfa-without-login'] });
const result: Score = score(world.truth, alerts, { events: world.events, instances });
const mine: DetectorDefinition | undefined = undefined;
console.log(result.overall.recall, mine, ScenarioError);
`,
    );
    const tsconfig = {
      compilerOptions: {
        module: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        typeRoots: [join(repo, 'node_modules', '@types')],
        types: ['node'],
      },
      files: ['use.ts'],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig));
    ok(run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], consumer), 'tsc on a consumer');
  });
});
