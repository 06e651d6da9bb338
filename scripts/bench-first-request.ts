/**
 * `tsx scripts/bench-first-request.ts STORE [--runs N] [--only VIEW]`: the CPU time of each API view's first request on
 * an empty answer cache (what the first request after an ingest pays), in this process: a fresh app over the same
 * open store for every request, so SQLite's page cache is warm as a running server's is, and only the computation
 * counts. Each URL is asked `runs` times (default 5), alternating with the others; the median and all runs are printed,
 * CPU (process.cpuUsage: user and system) and wall. Load the machine's other work puts on it moves wall, not CPU.
 */
import { defaultPipeline } from '../src/jobs/pipeline.ts';
import { createApp } from '../src/server/app.ts';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';

const args = process.argv.slice(2);
const store = args[0];
if (!store) throw new Error('usage: tsx scripts/bench-first-request.ts STORE [--runs N]');
const at = args.indexOf('--runs');
const runs = at >= 0 ? Number(args[at + 1]) : 5;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]! : null;

const repository = new SqliteRepository(store);
await repository.migrate();
const pipeline = await defaultPipeline();
const app = () => createApp({ repository, pipeline, allowPrivate: false, maxUploadBytes: 1 << 20, logError: (e) => console.error(e) });

const ask = async (path: string, on = app()): Promise<unknown> => {
  const response = await on.request(path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
};
const entities = (await ask('/api/entities?limit=60')) as { items: { key: string }[] };
// The first URL of each view as scripts/bench-api.ts asks it after an ingest, and a few more of the views found slow.
const views: [string, string][] = [
  ['articles list', '/api/articles?limit=50&offset=0'],
  ['stats', '/api/stats'],
  ['entities list', '/api/entities?limit=100&offset=0'],
  ['entities ?type=PER', '/api/entities?type=PER'],
  ['entity detail', `/api/entities/${encodeURIComponent(entities.items[0]!.key)}`],
  ['entity detail #2', `/api/entities/${encodeURIComponent(entities.items[1]!.key)}`],
  ['sources', '/api/sources'],
  ['graph', '/api/graph'],
  ['graph ?link=quote', '/api/graph?link=quote'],
  ['graph ?limit=150', '/api/graph?limit=150'],
];
if (only) views.splice(0, views.length, ...views.filter(([name]) => name.startsWith(only)));

const cpu: number[][] = views.map(() => []);
const wall: number[][] = views.map(() => []);
for (const [, path] of views) await ask(path); // warms SQLite's page cache and the statement caches
for (let run = 0; run < runs; run++) {
  for (const [i, [, path]] of views.entries()) {
    // The app is made before the clock starts: a server makes it once, its cache is what a new store version empties.
    const fresh = app();
    const before = process.cpuUsage();
    const started = performance.now();
    await ask(path, fresh);
    wall[i]!.push(performance.now() - started);
    const used = process.cpuUsage(before);
    cpu[i]!.push((used.user + used.system) / 1000);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`first request on an empty answer cache, ${runs} runs each (ms)`);
console.log(`${'view'.padEnd(22)} ${'CPU med'.padStart(8)} ${'wall med'.padStart(9)}   CPU runs`);
for (const [i, [name]] of views.entries()) {
  console.log(`${name.padEnd(22)} ${median(cpu[i]!).toFixed(1).padStart(8)} ${median(wall[i]!).toFixed(1).padStart(9)}   ${cpu[i]!.map((v) => v.toFixed(0)).join(' ')}`);
}
await repository.close();
