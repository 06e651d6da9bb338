/**
 * `quipu conflicts` and `quipu copies`: the pile compared with itself — figures that agree, conflict or
 * evolve across outlets, and articles that copy others. Computed over the whole store on each call for now;
 * incremental linking at ingest is the next step (issue 6).
 */
import type { Doc } from '../core/doc.ts';
import { type FigureGroup, figureRecords, groupFigures } from '../link/figure-groups.ts';
import type { StoredArticle } from '../store/repository.ts';
import { printJson, printTable, style, truncate, withRepository } from './output.ts';

function asDoc(article: StoredArticle): Doc {
  return { id: article.id, contentHash: article.contentHash, text: article.text, meta: article.meta, sourceMap: article.sourceMap, messages: article.messages, ...article.layers };
}

export async function conflictsCommand(options: { db: string; all: boolean; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const records = [];
    for await (const article of repository.allArticles()) records.push(...figureRecords(asDoc(article)));
    const groups = groupFigures(records).filter((g) => g.articles > 1 && (options.all || g.verdict !== 'agree'));
    if (options.json) return printJson(groups);
    for (const verdict of ['conflict', 'evolving', 'agree'] as const) {
      const shown = groups.filter((g) => g.verdict === verdict);
      if (shown.length === 0) continue;
      process.stdout.write(`\n${style.bold(`${verdict} (${shown.length})`)}\n`);
      for (const group of shown) printGroup(group);
    }
    if (groups.length === 0) process.stdout.write('No figure is reported by more than one article.\n');
  });
}

function printGroup(group: FigureGroup): void {
  const what = [group.measure, group.place && `in ${group.place}`, group.date && `on ${group.date}`, group.since && `since ${group.since}`].filter(Boolean).join(' ');
  process.stdout.write(`${style.bold(what)}: ${group.values.join(' vs ')} — ${group.articles} articles, ${group.outlets} outlets\n`);
  printTable(
    ['reported', 'outlet', 'value', 'article'],
    group.reports.map((r) => [r.reported ?? '', r.outlet ?? '(unknown)', r.duration ?? `${r.approx ? `${r.approx} ` : ''}${r.value}${r.unit === 'percent' ? '%' : ''}`, r.articleId.slice(0, 10)]),
  );
}

export async function copiesCommand(options: { db: string; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const copies = await repository.listCopies();
    if (options.json) return printJson(copies);
    if (copies.length === 0) {
      process.stdout.write('No copies found.\n');
      return;
    }
    const title = async (id: string) => {
      const article = await repository.getArticle(id);
      return article ? `${article.meta.outlet ?? '(unknown)'}: ${article.meta.title ?? '(untitled)'}` : id;
    };
    const rows = [];
    for (const c of copies) rows.push([c.kind, c.similarity.toFixed(2), truncate(await title(c.copyId), 50), truncate(await title(c.originalId), 50)]);
    printTable(['kind', 'similarity', 'copy', 'original'], rows, 2);
  });
}
