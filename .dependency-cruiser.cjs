/**
 * The layers, and the one direction their imports run (see docs/design.md#layout):
 *   engine/model ← generators ← detectors, engine/runtime ← engine/formats ← engine/evaluate ← engine/tools ← engine/cli
 * `npm run lint:layers` checks them; CI runs it.
 */
const layer = (name, from, allowed) => ({
  name,
  comment: `${from} may import only ${allowed.join(', ') || 'nothing of the project'} (and the scenario JSON Schema)`,
  severity: 'error',
  from: { path: `^${from}/` },
  to: {
    path: '^(engine|generators|detectors|scenarios|test|examples)/',
    pathNot: [`^${from}/`, '^scenarios/[^/]+\\.json$', ...allowed.map((a) => `^${a}/`)],
  },
});

/** Every folder that has an `_internal/` subfolder, relative to the repository root. */
function internalFolders(roots) {
  const { readdirSync } = require('node:fs');
  const { join } = require('node:path');
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name === '_internal') found.push(dir);
      else walk(join(dir, entry.name));
    }
  };
  for (const root of roots) walk(root);
  return found;
}

module.exports = {
  forbidden: [
    layer('model-imports-nothing', 'engine/model', []),
    layer('generators-on-model', 'generators', ['engine/model']),
    layer('runtime-on-model', 'engine/runtime', ['engine/model']),
    layer('detectors-on-runtime', 'detectors', ['engine/model', 'engine/runtime']),
    layer('formats-on-runtime', 'engine/formats', ['engine/model', 'engine/runtime']),
    layer('evaluate-on-formats', 'engine/evaluate', ['engine/model', 'engine/runtime', 'engine/formats', 'generators', 'detectors']),
    layer('tools-on-evaluate', 'engine/tools', [
      'engine/model',
      'engine/runtime',
      'engine/formats',
      'engine/evaluate',
      'generators',
      'detectors',
    ]),
    {
      name: 'library-entry-below-cli',
      comment: 'engine/index.ts is the library: it exposes the layers below the CLI, never the CLI',
      severity: 'error',
      from: { path: '^engine/index\\.ts$' },
      to: { path: '^engine/cli/' },
    },
    {
      name: 'examples-use-the-public-entry',
      comment: 'examples show what a user of the package can write: they import engine/index.ts, nothing deeper',
      severity: 'error',
      from: { path: '^examples/' },
      to: { path: '^(engine|generators|detectors)/', pathNot: '^engine/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle of imports makes load order matter and the layers meaningless',
      severity: 'error',
      from: { path: '^(engine|generators|detectors)/' },
      to: { circular: true },
    },
    // An _internal/ folder serves the folder that holds it (and that folder's subfolders), no one else.
    ...internalFolders(['engine', 'generators', 'detectors']).map((dir) => ({
      name: 'internals-stay-home',
      comment: `${dir}/_internal/ is private to ${dir}/`,
      severity: 'error',
      from: { pathNot: `^${dir}/` },
      to: { path: `^${dir}/_internal/` },
    })),
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      from: { path: '^(engine|generators|detectors|bin)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
