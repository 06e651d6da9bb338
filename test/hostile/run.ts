/** Runs hostile cases through the real ingest (default pipeline in a worker, under a time budget) into one store. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { type ItemRunner, workerRunner } from '../../src/jobs/item-runner.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import type { StoreStats } from '../../src/store/repository.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';
import type { HostileCase } from './cases.ts';

/** What one case came to, and whether that is what it expected. */
export interface CaseOutcome {
  name: string;
  /** `E_CODE` or `N article(s)`. */
  result: string;
  ms: number;
  /** CPU time of the whole process over the case (every thread: the worker's annotation, storing and linking). */
  cpuMs: number;
  passed: boolean;
  /** Why it did not pass, when it did not. */
  problem: string | null;
}

export interface HostileBench {
  run(testCase: HostileCase): Promise<CaseOutcome>;
  close(): Promise<void>;
}

/** A store, a worker and a temporary folder for a run of cases; `timeoutMs` is the per-item budget. */
export async function hostileBench(timeoutMs: number): Promise<HostileBench> {
  const dir = mkdtempSync(join(tmpdir(), 'quipu-hostile-'));
  const repository = new SqliteRepository(join(dir, 'store.db'));
  await repository.migrate();
  const pipeline = await defaultPipeline();
  const runner: ItemRunner = workerRunner({ timeoutMs });
  // Served cases: the body of the case being run, sent as is with its headers (a compressed body stays compressed).
  let serving: { body: Buffer; headers: Record<string, string> } | null = null;
  const server = createServer((_request, response) => {
    if (!serving) return void response.writeHead(404).end();
    response.writeHead(200, { ...serving.headers, 'content-length': String(serving.body.length) });
    response.end(serving.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const counts = (stats: StoreStats) => `${stats.articles} articles, ${stats.sources} sources, ${stats.characters} characters`;
  return {
    async run(testCase) {
      const served = testCase.served;
      const path = served ? `${origin}/${testCase.file}` : join(dir, testCase.file);
      if (served) serving = { body: testCase.make(), headers: served };
      else writeFileSync(path, testCase.make());
      const before = await repository.stats();
      // A worker replaced after an overrun loads its models again: that is not the next case's time.
      await runner.warm();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const summary = await ingest([path], repository, { pipeline, runner, allowPrivate: served !== undefined });
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      if (served) serving = null;
      else rmSync(path);
      const after = await repository.stats();
      const failure = summary.failed[0];
      // Cases share sentences, so an article may be a duplicate of an earlier case's: stored all the same.
      const stored = summary.articles.length;
      const result = failure ? failure.code : `${stored} article${stored === 1 ? '' : 's'}`;
      let problem: string | null = null;
      if ('code' in testCase.expected) {
        if (failure?.code !== testCase.expected.code) problem = `expected ${testCase.expected.code}, got ${result}${failure ? `: ${failure.message}` : ''}`;
        // an item of a feed is named by the feed and its place in it (feed.rss#item-1)
        else if (failure.item !== path && !failure.item.startsWith(`${path}#`)) problem = `the failure names ${failure.item}, not the item`;
        else if (counts(after) !== counts(before)) problem = `the store changed: ${counts(before)} → ${counts(after)}`;
      } else if ('articles' in testCase.expected) {
        if (stored !== testCase.expected.articles) problem = `expected ${testCase.expected.articles} article(s), got ${result}${failure ? `: ${failure.message}` : ''}`;
      } else if (failure && failure.code !== 'E_TIMEOUT') {
        problem = `expected articles or E_TIMEOUT, got ${failure.code}: ${failure.message}`;
      } else if (failure && counts(after) !== counts(before)) {
        problem = `the store changed: ${counts(before)} → ${counts(after)}`;
      }
      return { name: testCase.name, result, ms, cpuMs, passed: problem === null, problem };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await runner.close();
      await repository.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
