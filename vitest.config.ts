import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const e2e = 'test/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves a core free, which on a 2-core CI machine runs the files one at a time: 516 s there,
    // 379 s with two forks (the e2e files spend much of their time waiting on the processes they spawn).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, e2e] } },
      // The end-to-end tests run bin/pushstorm.mjs, which runs the compiled dist/: it is rebuilt from the current
      // sources before they start (a project's global setup runs only when one of its tests is about to).
      { extends: true, test: { name: 'e2e', include: [e2e], globalSetup: ['test/e2e/buildDist.globalSetup.ts'] } },
    ],
  },
});
