/**
 * `npm run bench:store`: builds (or finds) the API bench store of the samples plus N synthetic articles
 * (scripts/lib/api-store.ts), so a long build can run apart from the benches that read it.
 *
 * Options: --articles N (default 10000), --source synthetic|ingest (default synthetic).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiBenchStore, storeSourceOption } from './lib/api-store.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const at = args.indexOf('--articles');
const started = performance.now();
const db = await apiBenchStore(root, at >= 0 ? Number(args[at + 1]) : 10_000, console.log, storeSourceOption(args));
console.log(`${db} ready (${((performance.now() - started) / 1000).toFixed(0)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);
