/**
 * The API under load while it ingests: the server (in its own process, as `quipu serve` runs) takes an upload of the
 * sample articles plus one hostile item that keeps its annotation worker busy (1 MB of text on one line), and while
 * both are being processed, autocannon drives the read endpoints with 50 clients. Prints errors and latencies
 * (p50, p95, max) and whether the jobs were still running when the load ended, so the figure is the one asked for.
 * `npx tsx scripts/bench-api-hostile.ts [--connections 50] [--seconds 20] [--hostile-kb 1024] [--no-hostile]` (the last: the samples
 * alone, for comparison; a smaller hostile item is annotated within the load's window, so its storing and linking fall in it too)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPaths, startServer } from './lib/api-load.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    'no-hostile': { type: 'boolean', default: false },
    'hostile-kb': { type: 'string', default: '1024' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);

const sentence = 'The council of Valmora met on Tuesday, 7 October 2025, and the mayor, Ines Arrate, promised a second vote on the budget. ';

async function upload(url: string, files: { name: string; bytes: Buffer }[]): Promise<string> {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)]), file.name);
  const response = await fetch(`${url}/api/ingest`, { method: 'POST', body: form });
  if (response.status !== 202) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function jobState(url: string, id: string): Promise<string> {
  return ((await (await fetch(`${url}/api/jobs/${id}`)).json()) as { status: string }).status;
}

const dir = mkdtempSync(join(tmpdir(), 'quipu-api-hostile-'));
const { url, child } = await startServer(root, join(dir, 'store.db'), join(root, 'dist', 'web'));
try {
  const samples = join(root, 'samples', 'articles');
  const files = readdirSync(samples).map((name) => ({ name, bytes: readFileSync(join(samples, name)) }));
  const hostile = { name: 'one-line.txt', bytes: Buffer.from(`Valmora budget\n\n${sentence.repeat(Math.ceil((Number(values['hostile-kb']) * 1024) / sentence.length))}`) };
  // The hostile item first: the worker is busy with it from the start, and the samples wait behind it.
  const jobs = [await upload(url, values['no-hostile'] ? files.slice(0, 1) : [hostile]), await upload(url, files)];
  const probe = performance.now();
  const stats = await fetch(`${url}/api/stats`);
  console.error(`one GET /api/stats before the load: ${stats.status} in ${(performance.now() - probe).toFixed(0)} ms`);
  const paths = ['/api/stats', '/api/articles?limit=20', '/api/jobs/' + jobs[0], '/api/search?q=council', '/api/entities?limit=20'];
  child.kill('SIGUSR2'); // the server's event-loop delay from here on: the load's window
  const { latencies, non200, result } = await loadPaths(url, paths, connections, seconds);
  child.kill('SIGUSR2');
  const states = await Promise.all(jobs.map((id) => jobState(url, id)));
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  console.log(
    JSON.stringify({
      connections,
      seconds,
      requests: latencies.length,
      errors: non200 + result.errors + result.timeouts,
      non200,
      connectionErrors: result.errors,
      timeouts: result.timeouts,
      p50: at(50),
      p95: at(95),
      max: at(100),
      jobsWhenLoadEnded: { hostile: states[0], samples: states[1] },
    }),
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
