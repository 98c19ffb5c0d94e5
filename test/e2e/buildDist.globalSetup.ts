/**
 * Global setup of the end-to-end tests: rebuilds dist/ from the current sources (`tsc -p tsconfig.build.json`,
 * incremental, so a build with nothing to do takes a few seconds), because the tests run bin/pushstorm.mjs and it runs
 * dist/. A stale build would test yesterday's code. Runs of vitest started at the same time take turns (a lock
 * folder), so one never reads files the other is writing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const lock = join(repo, 'node_modules', '.cache', 'pushstorm-build.lock');
/** Waits of 200 ms after which a lock is taken to be left over from a killed run (a build takes seconds). */
const STALE_AFTER_WAITS = 5 * 60 * 5;

export default async function buildDist(): Promise<void> {
  await acquireLock();
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json')], { cwd: repo, encoding: 'utf8' });
    // 0: built; 2: type errors, every file emitted all the same (`npm run typecheck` reports them); else nothing emitted.
    if (build.status === 2) process.stderr.write(`dist/ built with type errors:\n${build.stdout}`);
    else if (build.status !== 0) throw new Error(`building dist/ failed (tsc exit ${build.status}):\n${build.stdout}${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function acquireLock(): Promise<void> {
  mkdirSync(dirname(lock), { recursive: true });
  for (let waits = 0; ; waits++) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (waits >= STALE_AFTER_WAITS) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
}
