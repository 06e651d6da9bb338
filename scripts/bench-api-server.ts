/**
 * The API bench's server, in its own process so the load generator does not share its event loop: serves the
 * given store and web build on a free loopback port and prints `{"url": …}` once it listens. Ends on SIGTERM.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultItemTimeoutMs } from '../src/jobs/item-runner.ts';
import { defaultPipeline } from '../src/jobs/pipeline.ts';
import { processIngest } from '../src/server/ingest-process.ts';
import { serve } from '../src/server/serve.ts';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';

const [db, staticDir] = process.argv.slice(2) as [string, string];
const repository = new SqliteRepository(db);
await repository.migrate();
// Uploads are ingested in a child process, as `quipu serve` does (src/server/start.ts): an upload never holds the event
// loop nor grows the server's memory, and the child is stopped once uploads leave it idle.
const ingestProcess = processIngest({ store: db, timeoutMs: defaultItemTimeoutMs() });
const server = await serve({ port: 0, host: '127.0.0.1', repository, pipeline: await defaultPipeline(), ingestProcess, allowPrivate: false, staticDir, logError: (e) => console.error(e) });
console.log(JSON.stringify({ url: server.url }));
// How long the event loop was held at a stretch: what a request arriving at the worst moment waits before it is read,
// on any machine load (the latencies the load generator sees add the CPU it shares with the server).
const delay = monitorEventLoopDelay({ resolution: 10 });
process.on('SIGUSR2', () => {
  const ms = (ns: number) => Math.round(ns / 1e6);
  // Where the resident memory is: V8's heap, buffers outside it (the answer cache), and the rest (SQLite's page caches
  // and statements, code) as RSS less those.
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const memory = process.memoryUsage();
  console.error(
    JSON.stringify({
      eventLoopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      memoryMB: { rss: mb(memory.rss), heapUsed: mb(memory.heapUsed), heapTotal: mb(memory.heapTotal), external: mb(memory.external), arrayBuffers: mb(memory.arrayBuffers) },
    }),
  );
  delay.reset();
});
delay.enable();
process.on('SIGTERM', () => {
  // A snapshot still building would hold the close: the bench is over either way.
  setTimeout(() => process.exit(0), 3000).unref();
  void server
    .close()
    .then(() => ingestProcess.close())
    .then(() => repository.close())
    .then(() => process.exit(0));
});
