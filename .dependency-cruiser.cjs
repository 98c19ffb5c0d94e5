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

module.exports = {
  forbidden: [
    layer('model-imports-nothing', 'engine/model', []),
    layer('generators-on-model', 'generators', ['engine/model']),
    layer('runtime-on-model', 'engine/runtime', ['engine/model']),
    layer('detectors-on-runtime', 'detectors', ['engine/model', 'engine/runtime']),
    layer('formats-on-runtime', 'engine/formats', ['engine/model', 'engine/runtime']),
    layer('evaluate-on-formats', 'engine/evaluate', ['engine/model', 'engine/runtime', 'engine/formats', 'generators', 'detectors']),
    layer('tools-on-evaluate', 'engine/tools', ['engine/model', 'engine/runtime', 'engine/formats', 'engine/evaluate', 'generators', 'detectors']),
    {
      name: 'no-circular',
      comment: 'a cycle of imports makes load order matter and the layers meaningless',
      severity: 'error',
      from: { path: '^(engine|generators|detectors)/' },
      to: { circular: true },
    },
    {
      name: 'internals-stay-home',
      comment: 'an _internal/ folder serves the folder that holds it (and that folder\'s subfolders), no one else',
      severity: 'error',
      from: { path: '^(engine|generators|detectors)/' },
      to: {
        path: '^(.+)/_internal/',
        pathNot: '^$1/',
      },
    },
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
