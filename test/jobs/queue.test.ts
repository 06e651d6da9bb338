import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportJson } from '../../src/export/json.ts';
import { PostgresRepository } from '../../src/store/postgres/postgres-repository.ts';
import { createTestDatabase, needsPostgres } from '../helpers/postgres.ts';
import { repoRoot, samplesDir } from '../helpers/shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'quipu-queue-'));
const corpus = join(dir, 'corpus');
const itemCount = Number(process.env.QUIPU_QUEUE_TEST_ITEMS ?? 120);
const drops: (() => Promise<void>)[] = [];
let server: Server | undefined;
let base = '';

before(() => {
  // Distinct articles recombined from the samples' paragraphs, so every item is new content.
  mkdirSync(corpus, { recursive: true });
  const paragraphs = readdirSync(samplesDir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) =>
      readFileSync(join(samplesDir, f), 'utf8')
        .split(/\n\s*\n/)
        .filter((p) => p.split(/\s+/).length > 25),
    );
  for (let i = 0; i < itemCount; i++) {
    const body = [0, 1, 2].map((k) => paragraphs[(i * 7 + k * 13) % paragraphs.length]).join('\n\n');
    writeFileSync(join(corpus, `item-${String(i).padStart(4, '0')}.txt`), `Queue item ${i}\n\nBy Desk ${i % 5} – Condorpress – November ${1 + (i % 28)}, 2025\n\n${body}\n\nItem ${i}.\n`);
  }
});

after(async () => {
  for (const drop of drops) await drop().catch(() => undefined);
  server?.closeAllConnections();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function quipu(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), ...args], { encoding: 'utf8', timeout: 300_000 });
  // An enqueue stopped part way leaves fewer jobs than items: the stores compared would differ for the wrong reason.
  assert.equal(result.signal, null, `quipu ${args.join(' ')} was stopped (${result.signal}) before it finished:\n${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function startWorker(url: string, extra: string[] = []): ChildProcess {
  return spawn(process.execPath, [join(repoRoot, 'bin', 'quipu.js'), 'worker', '--db', url, '--exit-when-idle', '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** Everything a run stored, without timestamps: what two runs must agree on. */
async function exportStore(url: string): Promise<unknown[]> {
  const repository = new PostgresRepository(url, { poolSize: 2 });
  try {
    const rows: unknown[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await repository.listArticles({ limit: 500, offset });
      for (const summary of page.items) {
        const article = await repository.getArticle(summary.id);
        rows.push({ id: article!.id, hash: article!.contentHash, meta: article!.meta, text: article!.text, layers: article!.layers, messages: article!.messages });
      }
      if (page.items.length < 500) break;
    }
    rows.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
    // The copy links, entities, event and figure groups must come out the same too: concurrent workers may not lose or
    // duplicate a link, nor split or merge an entity differently (the export is deterministic for a given pile).
    return [...rows, { copies: await repository.listCopies() }, { export: await exportJson(repository) }];
  } finally {
    await repository.close();
  }
}

async function database(): Promise<string> {
  const created = await createTestDatabase();
  drops.push(created.drop);
  return created.url;
}

test('queue: 4 workers on items enqueued twice store exactly what one worker stores', { skip: needsPostgres, timeout: Math.max(600_000, itemCount * 1_000) }, async () => {
  const single = await database();
  assert.equal(quipu(['ingest', '--queue', corpus, samplesDir, '--db', single]).status, 0);
  assert.equal(await exited(startWorker(single, ['--concurrency', '1'])), 0);

  const parallel = await database();
  for (let round = 0; round < 2; round++) assert.equal(quipu(['ingest', '--queue', corpus, samplesDir, '--db', parallel]).status, 0);
  const workers = [0, 1, 2, 3].map(() => startWorker(parallel, ['--concurrency', '2']));
  assert.deepEqual(await Promise.all(workers.map(exited)), [0, 0, 0, 0]);

  const [one, four] = [await exportStore(single), await exportStore(parallel)];
  assert.equal(one.length, itemCount + 20 + 2);
  assert.ok(((one.at(-2) as { copies: unknown[] }).copies.length ?? 0) >= 2, 'the samples hold at least two copies');
  const exported = (one.at(-1) as { export: { entities: unknown[]; conflicts: unknown[]; events: unknown[] } }).export;
  assert.ok(exported.entities.length > 50 && exported.conflicts.length > 0 && exported.events.length > 0, 'the runs compared hold entities, groups and conflicts');
  assert.deepEqual(four, one);
  const jobs = JSON.parse(quipu(['jobs', '--db', parallel, '--json']).stdout);
  assert.equal(jobs.completed, 2 * (itemCount + 17));
  assert.equal(jobs.deadLetters.length, 0);
});

test('queue: a worker killed with SIGKILL mid-batch loses nothing; its jobs are taken back and retried', { skip: needsPostgres, timeout: 600_000 }, async () => {
  const reference = await database();
  assert.equal(quipu(['ingest', '--queue', corpus, '--db', reference]).status, 0);
  assert.equal(await exited(startWorker(reference)), 0);

  const faulty = await database();
  assert.equal(quipu(['ingest', '--queue', corpus, '--db', faulty, '--job-timeout', '3']).status, 0);
  const victim = startWorker(faulty, ['--concurrency', '4', '--job-timeout', '3', '--maintenance-seconds', '1']);
  let processed = 0;
  victim.stdout!.on('data', () => undefined);
  // Kill it once it has stored some articles but long before the batch is done.
  const repository = new PostgresRepository(faulty, { poolSize: 1 });
  while (processed < itemCount / 6) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    processed = (await repository.stats()).articles;
  }
  victim.kill('SIGKILL');
  await exited(victim);
  const atKill = (await repository.stats()).articles;
  await repository.close();
  assert.ok(atKill < itemCount, `the worker was killed mid-batch (${atKill} of ${itemCount} stored)`);

  assert.equal(await exited(startWorker(faulty, ['--concurrency', '2', '--job-timeout', '3', '--maintenance-seconds', '1'])), 0);
  const [after, expected] = [await exportStore(faulty), await exportStore(reference)];
  assert.deepEqual(after, expected, whatDiffers(after, expected, quipu(['jobs', '--db', faulty, '--json']).stdout));
});

/** Which articles or findings two exports disagree on, and the faulty queue's state: a plain deep diff of 240 stored articles says neither. */
function whatDiffers(after: unknown[], expected: unknown[], jobs: string): string {
  type Row = { id: string; meta?: { source?: string } } & Record<string, unknown>;
  const isArticle = (r: unknown): r is Row => typeof r === 'object' && r !== null && 'id' in r;
  const [got, want] = [after, expected].map((rows) => new Map(rows.filter(isArticle).map((r) => [r.id, r]))) as [Map<string, Row>, Map<string, Row>];
  const name = (row: Row) => row.meta?.source ?? row.id;
  const absent = (from: Map<string, Row>, other: Map<string, Row>) =>
    [...from.values()]
      .filter((r) => !other.has(r.id))
      .map(name)
      .join(', ') || 'none';
  const lines = [`missing: ${absent(want, got)}`, `extra: ${absent(got, want)}`];
  for (const [id, row] of want) {
    const other = got.get(id);
    if (!other) continue;
    const fields = Object.keys(row).filter((key) => JSON.stringify(row[key]) !== JSON.stringify(other[key]));
    if (fields.length > 0) lines.push(`${name(row)} differs in ${fields.join(', ')}`);
  }
  const [gotRest, wantRest] = [after, expected].map((rows) => rows.filter((r) => !isArticle(r))) as [unknown[], unknown[]];
  for (const [index, part] of wantRest.entries()) {
    if (JSON.stringify(part) !== JSON.stringify(gotRest[index])) lines.push(`the stores differ in ${Object.keys(part as object).join(', ')}`);
  }
  return `${lines.join('\n')}\njobs: ${jobs}`;
}

test('queue: permanent failures become dead letters at once; network failures after their retries', { skip: needsPostgres, timeout: 300_000 }, async () => {
  server = createServer((request, response) => {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('gone');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = await database();
  const refused = 'http://127.0.0.1:9/nothing-listens-here';
  assert.equal(quipu(['ingest', '--queue', `${base}/missing`, refused, '--allow-private', '--db', url, '--retries', '1']).status, 0);
  assert.equal(await exited(startWorker(url, ['--retries', '1'])), 0);
  const jobs = JSON.parse(quipu(['jobs', '--db', url, '--json']).stdout) as { deadLetters: { code: string; locator: string; message: string }[] };
  const byCode = Object.fromEntries(jobs.deadLetters.map((d) => [d.code, d]));
  assert.match(byCode.E_HTTP_STATUS?.message ?? '', /404/);
  assert.equal(byCode.E_RETRIES_EXHAUSTED?.locator, refused);
  assert.match(byCode.E_RETRIES_EXHAUSTED?.message ?? '', /E_NETWORK/);
});
