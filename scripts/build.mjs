#!/usr/bin/env node
// Bundles the CLI into dist/ so a command starts in a fraction of a second: loading kysely and our
// sources file by file through tsx costs seconds. Native and file-loading packages stay external.
import { build } from 'esbuild';

await build({
  // The item worker is its own entry: worker threads load a file, and the CLI starts dist/item-worker.mjs beside it.
  entryPoints: [
    { in: 'src/cli/main.ts', out: 'cli' },
    { in: 'src/jobs/item-worker.ts', out: 'item-worker' },
    // The server's ingest process (src/server/ingest-process.ts) starts dist/ingest-child.mjs.
    { in: 'src/server/ingest-child.ts', out: 'ingest-child' },
  ],
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3', 'jsdom', 'pdfjs-dist', 'tsx'],
  // Bundled CommonJS packages call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __quipuCreateRequire } from 'node:module'; const require = __quipuCreateRequire(import.meta.url);" },
});
