// Folder directions of the Node side, checked in `npm run lint` (`depcruise -c .config/dependency-cruiser.cjs`).
// hosts (app, http, cli) → backend → ipc → services → (db, workers → (formats, analysis)) → model → lib; shared/ is below
// everything. analysis (language, variant, Korean markers, glossary, watchlist) is pure like formats, and the two stay apart.
// Tests obey the same directions as the folder they sit in; only tests, benchmarks and e2e may use test-support.

/** Each layer and what it may import inside electron/ (besides itself and shared/). */
const layers = {
  lib: [],
  model: ['lib'],
  formats: ['model', 'lib'],
  analysis: ['model', 'lib'],
  db: ['model', 'lib'],
  workers: ['formats', 'analysis', 'model', 'lib'],
  services: ['db', 'workers', 'formats', 'analysis', 'model', 'lib'],
  ipc: ['services', 'model', 'lib'],
  backend: ['ipc', 'services', 'lib'],
  cli: ['backend', 'lib'],
  http: ['backend', 'lib'],
  app: ['backend', 'ipc', 'lib'],
  preload: [],
};

const folderOf = (layer) => (layer === 'backend' ? '^electron/backend\\.ts$' : `^electron/${layer}/`);
const allLayers = Object.keys(layers);

const directionRules = allLayers.map((layer) => {
  const allowed = new Set([layer, ...layers[layer]]);
  const forbidden = allLayers.filter((other) => !allowed.has(other)).map(folderOf);
  return {
    name: `${layer}-direction`,
    comment: `electron/${layer} may import only: ${[...allowed].join(', ')} (and shared/)`,
    severity: 'error',
    from: { path: folderOf(layer) },
    to: { path: [...forbidden, '^electron/main\\.ts$', '^renderer/'] },
  };
});

module.exports = {
  forbidden: [
    ...directionRules,
    {
      name: 'test-support-only-in-tests',
      comment: 'test kits and evidence generators serve tests, benchmarks and e2e, never the product',
      severity: 'error',
      from: { path: '^electron/', pathNot: ['\\.test\\.ts$', '^electron/test-support/', '^electron/bench/'] },
      to: { path: '^electron/test-support/' },
    },
    {
      name: 'shared-imports-neither-side',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^electron/', '^renderer/', '^e2e/'] },
    },
    {
      name: 'renderer-only-through-the-contract',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '^e2e/'] },
    },
    {
      name: 'no-circular',
      comment: 'a cycle makes two modules one; split or invert it',
      severity: 'error',
      from: { path: '^(electron|shared|renderer)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^out/', '^node_modules/', '^test-results/', '^e2e/artifacts/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
