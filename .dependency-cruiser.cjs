// Keeps the import direction of ARCHITECTURE.md: a folder imports only folders listed before it.
const layers = ['core', 'contract', 'ingest', 'annotate', 'store', 'link', 'analyze', 'export', 'eval', 'jobs', 'server', 'cli'];

const forbidden = layers.map((layer, index) => ({
  name: `${layer}-imports-only-earlier-layers`,
  comment: `src/${layer} may import only ${layers.slice(0, index).join(', ') || 'no other layer'} (see ARCHITECTURE in README)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${[...layers.slice(index + 1), 'web'].join('|')})/` },
}));

forbidden.push(
  {
    name: 'web-talks-to-the-api-only',
    comment: 'the browser app imports no server, store or node-side code',
    severity: 'error',
    from: { path: '^src/web/' },
    to: { path: `^src/(${layers.filter((l) => l !== 'core' && l !== 'contract').join('|')})/` },
  },
  {
    name: 'web-takes-only-types-from-the-contract',
    comment: 'the API contract is zod schemas: the browser app imports their types (import type), so zod stays out of the bundle',
    severity: 'error',
    from: { path: '^src/web/' },
    to: { path: '^src/contract/', dependencyTypesNot: ['type-only'] },
  },
  {
    name: 'annotate-never-touches-store',
    severity: 'error',
    from: { path: '^src/annotate/' },
    to: { path: '(^src/store/|better-sqlite3|kysely|^pg$)' },
  },
  {
    name: 'no-circular',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
);

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
