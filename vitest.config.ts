import { configDefaults, defineConfig } from 'vitest/config';

const e2e = 'test/e2e/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, e2e] } },
      // The end-to-end tests run bin/pushstorm.mjs, which runs the compiled dist/: it is rebuilt from the current
      // sources before they start (a project's global setup runs only when one of its tests is about to).
      { extends: true, test: { name: 'e2e', include: [e2e], globalSetup: ['test/e2e/buildDist.globalSetup.ts'] } },
    ],
  },
});
