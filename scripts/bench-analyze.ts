/**
 * `npm run bench:analyze`: what keeping the findings current costs per article, on the API bench store (the samples
 * plus the synthetic corpus, scripts/lib/api-store.ts, built once through the real ingest and shared with bench:api).
 * For articles spread evenly over the store, the article's findings update is run again as ingest runs it (its done
 * mark removed, so its facts are stored anew and the findings they touch rebuilt or, for figure groups, marked to be
 * rebuilt once for the batch), each in its own linking transaction: the same work as for a new article, without entity linking. It
 * changes nothing (the update is idempotent). First the whole store is reanalyzed (timed; a store built by an older
 * version is brought up to this one). Printed: median, p95 and max per article, beside the floor — the same transaction
 * storing the article's facts alone, without rebuilding any finding.
 *
 * Options: --articles N (synthetic articles, default 10000), --source synthetic|ingest (how the store is built, default
 * synthetic: scripts/lib/api-store.ts), --sample N (articles timed, default 200), --no-reanalyze (a store this version
 * built or reanalyzed: the first step is skipped).
 * A third row times the update as linking runs it after merging two of the article's entities (the one with the fewest
 * names into the one with the most, whatever their types: a worst case), in a transaction rolled back after; a fourth
 * the same for two of its entities of one type (of the type most of its entities have), as linking merges them.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../src/core/doc.ts';
import { recountMovedPairs } from '../src/analyze/entity-pairs.ts';
import { reanalyze } from '../src/analyze/reanalyze.ts';
import { analyzeArticle, rebuildStaleFindings, storeFacts } from '../src/analyze/update.ts';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';
import { apiBenchStore, storeSourceOption } from './lib/api-store.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const db = await apiBenchStore(root, option('articles', 10_000), console.log, storeSourceOption(args));
const repository = new SqliteRepository(db);
await repository.migrate();
try {
  let started = performance.now();
  if (!args.includes('--no-reanalyze')) {
    await reanalyze(repository);
    console.log(`reanalyze of the whole store: ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
  const { total } = await repository.listArticles({ limit: 1 });
  const sample = Math.min(option('sample', 200), total);
  const ids: string[] = [];
  for (let offset = 0; ids.length < sample; offset += Math.max(1, Math.floor(total / sample))) {
    const [summary] = (await repository.listArticles({ limit: 1, offset: Math.min(offset, total - 1) })).items;
    ids.push(summary!.id);
    if (offset >= total - 1) break;
  }
  const update: number[] = [];
  const floor: number[] = [];
  const merged: number[] = [];
  const mergedOfType: number[] = [];
  const rollback = new Error('rolled back');
  for (const id of ids) {
    const article = (await repository.getArticle(id))!;
    const doc: Doc = { id, contentHash: article.contentHash, text: article.text, meta: article.meta, sourceMap: article.sourceMap, messages: article.messages, ...article.layers };
    for (const [times, work] of [
      [floor, storeFacts],
      [update, analyzeArticle],
    ] as const) {
      await repository.linkTransaction(async (link) => {
        // Taken out of the entity pairs while its facts are those it was counted from (as ingest does before analysing
        // an article again), then no longer analysed: the update counts it anew, as a new article. Left counted, it was
        // counted twice, and the store's pairs were wrong after the bench.
        if (work === analyzeArticle) await recountMovedPairs(link.analysis, id, true);
        await link.analysis.putFacts(id, 'analyzed', []);
        started = performance.now();
        await work(link.analysis, doc);
        times.push(performance.now() - started);
      });
    }
    // As when linking the article merged one of its entities into another: the entity of its with the fewest names
    // into the one with the most (a newcomer into a person named on many days), whatever their types (a worst case:
    // a place merged into a much-named person), and the same among its entities of one type (what linking merges).
    // Timed, then rolled back.
    for (const [times, oneType] of [
      [merged, false],
      [mergedOfType, true],
    ] as const) {
      await repository
        .linkTransaction(async (link) => {
          const entities = [...new Set((await link.analysis.entitiesOfNames([...(await link.analysis.mentionNames(id)).values()])).values())];
          const types = await link.analysis.entityTypes(entities);
          const sized = await Promise.all(entities.map(async (entity) => ({ entity, type: oneType ? (types.get(entity) ?? '') : '', names: (await link.analysis.namesOfEntities([entity])).length })));
          // The type with the most of the article's entities (ties: code-point order), or every entity at once.
          const byType = new Map<string, typeof sized>();
          for (const e of sized) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
          const [, chosen = []] = [...byType].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))[0] ?? [];
          if (chosen.length < 2) return;
          chosen.sort((a, b) => a.names - b.names || a.entity.localeCompare(b.entity));
          const from = chosen[0]!.entity;
          const to = chosen.at(-1)!.entity;
          await recountMovedPairs(link.analysis, id, true);
          await link.analysis.putFacts(id, 'analyzed', []);
          await link.mergeEntity(from, to);
          started = performance.now();
          await analyzeArticle(link.analysis, doc, new Set([from, to]));
          times.push(performance.now() - started);
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
    }
  }
  // What the article marked stale is regrouped once per batch of items (src/jobs/ingest-job.ts): timed here for the
  // whole sample as one batch, and shared out over its articles.
  started = performance.now();
  await repository.linkTransaction((link) => rebuildStaleFindings(link.analysis));
  const batchRebuild = performance.now() - started;
  console.log(`findings update per article in a ${total}-article store (${ids.length} articles spread over it; ms)`);
  console.log(`${''.padEnd(44)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`);
  const row = (name: string, times: number[]) =>
    console.log(
      `${name.padEnd(44)} ${percentile(times, 0.5).toFixed(1).padStart(8)} ${percentile(times, 0.95).toFixed(1).padStart(8)} ${Math.max(...times)
        .toFixed(1)
        .padStart(8)}`,
    );
  row('store facts, rebuild events and date conflicts', update);
  row(`the same after a merge of two of its entities (${merged.length})`, merged);
  row(`the same, the two of one type (${mergedOfType.length})`, mergedOfType);
  console.log(`rebuild of the figure groups the ${ids.length} articles made stale, once: ${batchRebuild.toFixed(0)} ms (${(batchRebuild / ids.length).toFixed(1)} ms an article)`);
  row('floor: store the facts alone', floor);
} finally {
  await repository.close();
}
