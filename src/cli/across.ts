/**
 * `quipu conflicts`, `quipu figures`, `quipu copies` and `quipu sources`: the pile compared with itself — figures that
 * agree, conflict or evolve across outlets, articles that copy others (linked at ingest), outlets and whom they cite.
 * Figure groups and date conflicts are the findings stored at ingest (src/analyze), as the API and the export read them.
 */
import { QuipuError } from '../core/errors.ts';
import { type FigureMeasure, figureMeasures } from '../core/doc.ts';
import { allDateConflicts, allFigureGroups } from '../analyze/read.ts';
import { storedSources } from '../analyze/sources.ts';
import { storedOrigins } from '../analyze/origins.ts';
import type { Copy } from '../link/copies.ts';
import { type ValueOrigins, valueOrigins } from '../link/figure-origins.ts';
import { describeGroup } from '../core/figure-words.ts';
import { type FigureGroup, figureRecords } from '../link/figure-groups.ts';
import { type CopyRecord, type Repository, storedDoc } from '../store/repository.ts';
import { printJson, printTable, safe, style, truncate, withRepository } from './output.ts';

export async function conflictsCommand(options: { db: string; all: boolean; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const groups = (await allFigureGroups(repository)).filter((g) => options.all || g.verdict !== 'agree');
    // as link/date-conflicts.ts gives them: the stored reports without the sentence and title the API shows
    const dates = (await allDateConflicts(repository)).map((c) => ({ ...c, reports: c.reports.map(({ title: _title, text: _text, ...report }) => report) }));
    // The origins and citations of the articles the groups hold, as stored at analysis time (analyze/origins.ts).
    const { articles: origin, citations } = await storedOrigins(repository, [...new Set(groups.flatMap((g) => g.reports.map((r) => r.articleId)))].sort());
    // A copy that changed a fact of its original is a finding of its own, read beside the figures that disagree.
    const stored = await repository.listCopies();
    const copyChanges = stored.filter((c) => (c.changes ?? []).length > 0);
    // Corroboration: reports carried by copies, or by one wire agency's story, are one origin.
    const links: Copy[] = stored.map((c) => ({ copy: c.copyId, original: c.originalId, similarity: c.similarity, kind: c.kind as Copy['kind'] }));
    const withOrigins = groups.map((g) => ({ ...g, origins: valueOrigins(g, origin, links, citations) }));
    if (options.json) return printJson({ figures: withOrigins, dates, copyChanges });
    if (dates.length > 0) {
      process.stdout.write(`\n${style.bold(`dates that disagree (${dates.length})`)}\n`);
      for (const c of dates) {
        const name = (await repository.getEntity(c.entityId))?.name ?? c.entityId;
        process.stdout.write(`${style.bold(`${safe(name)}: ${c.happening}`)} on ${c.values.map((v) => v.date).join(' vs ')}\n`);
        printTable(
          ['date', 'outlet', 'article'],
          c.reports.map((r) => [r.date, r.outlet ?? '(unknown)', r.articleId.slice(0, 10)]),
        );
      }
    }
    for (const verdict of ['conflict', 'outlier', 'superseded', 'scope', 'evolving', 'agree'] as const) {
      const shown = withOrigins.filter((g) => g.verdict === verdict);
      if (shown.length === 0) continue;
      process.stdout.write(`\n${style.bold(`${verdict} (${shown.length})`)}\n`);
      for (const group of shown) printGroup(group);
    }
    if (copyChanges.length > 0) await printCopyChanges(repository, copyChanges);
    if (groups.length === 0) process.stdout.write('No figure is reported by more than one article.\n');
  });
}

/** Each copy that changed a fact, under its pair ("copy ← original"), one line per change. */
async function printCopyChanges(repository: Repository, copies: readonly CopyRecord[]): Promise<void> {
  const summaries = new Map((await repository.articleSummaries(copies.flatMap((c) => [c.copyId, c.originalId]))).map((a) => [a.id, a]));
  const label = (id: string) => {
    const meta = summaries.get(id)?.meta;
    return meta ? `${meta.outlet ?? '(unknown)'}${meta.published ? ` ${meta.published}` : ''}: ${truncate(meta.title ?? '(untitled)', 50)}` : id.slice(0, 10);
  };
  process.stdout.write(`\n${style.bold(`copies that changed a fact (${copies.length})`)}\n`);
  for (const c of copies) {
    process.stdout.write(`${style.bold(safe(label(c.copyId)))}${c.translated ? ' (translated)' : ''}\n  copies ${safe(label(c.originalId))}\n`);
    printTable(
      ['kind', 'change', 'source says', 'copy says'],
      (c.changes ?? []).map((x) => [x.kind, safe(x.note), safe(x.original.text), safe(x.copy.text)]),
      1,
    );
  }
}

function printGroup(group: FigureGroup & { origins: ValueOrigins[] }): void {
  process.stdout.write(`${style.bold(safe(describeGroup(group)))}: ${group.values.join(' vs ')} — ${group.articles} articles, ${group.outlets} outlets\n`);
  process.stdout.write(`  ${group.verdict}: ${safe(group.why)}\n`);
  // Only worth a line when copies or a shared wire story make fewer witnesses than articles.
  if (group.origins.some((o) => o.origins < o.articles)) {
    process.stdout.write(`  independent origins: ${group.origins.map((o) => `${o.value}: ${o.origins} of ${o.articles} article${o.articles === 1 ? '' : 's'}`).join('; ')}\n`);
  }
  printTable(
    ['reported', 'outlet', 'value', 'article'],
    group.reports.map((r) => [r.reported ?? '', r.outlet ?? '(unknown)', r.duration ?? `${r.approx ? `${r.approx} ` : ''}${r.value}${r.unit === 'percent' ? '%' : ''}`, r.articleId.slice(0, 10)]),
  );
}

export async function copiesCommand(options: { db: string; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const copies = await repository.listCopies();
    if (options.json) return printJson({ items: copies, total: copies.length });
    if (copies.length === 0) {
      process.stdout.write('No copies found.\n');
      return;
    }
    const title = async (id: string) => {
      const article = await repository.getArticle(id);
      return article ? `${article.meta.outlet ?? '(unknown)'}: ${article.meta.title ?? '(untitled)'}` : id;
    };
    const rows = [];
    for (const c of copies) {
      // Extent: how many paragraphs of the original the copy carries and what share of the copy they make; changes as source → copy.
      const shared = c.extent ? `${c.extent.length} ¶, ${Math.round((c.coverage ?? 0) * 100)}%` : '';
      rows.push([
        `${c.kind}${c.translated ? ' (translated)' : ''}`,
        c.similarity.toFixed(2),
        shared,
        truncate(await title(c.copyId), 36),
        truncate(await title(c.originalId), 36),
        safe((c.changes ?? []).map((x) => `${x.original.text} → ${x.copy.text}`).join(', ')),
      ]);
    }
    printTable(['kind', 'similarity', 'shared', 'copy', 'original', 'changes'], rows, 5);
  });
}

/** Words users type for a measure ("deaths" is `killed`). */
const measureAliases: Record<string, FigureMeasure> = {
  deaths: 'killed',
  dead: 'killed',
  death: 'killed',
  killed: 'killed',
  muertos: 'killed',
  injuries: 'injured',
  wounded: 'injured',
  heridos: 'injured',
  arrests: 'detained',
  arrested: 'detained',
  detenidos: 'detained',
  votes: 'votes_for',
  sentences: 'sentence',
  prison: 'sentence',
};
const measures: readonly string[] = figureMeasures;

/** The measure a user means, or a usage error naming the choices. */
export function parseMeasure(text: string): FigureMeasure {
  const key = text.toLowerCase();
  const measure = measureAliases[key] ?? (measures as string[]).find((m) => m === key);
  if (!measure) throw new QuipuError('E_CONFIG', `--measure must be one of ${measures.join(', ')} (or deaths, injuries, arrests), not "${text}"`);
  return measure as FigureMeasure;
}

export async function figuresCommand(options: { db: string; measure?: string; limit: number; json: boolean }): Promise<void> {
  const measure = options.measure ? parseMeasure(options.measure) : undefined;
  await withRepository(options.db, async (repository) => {
    const records = [];
    for await (const article of repository.allArticles()) records.push(...figureRecords(storedDoc(article)).filter((r) => !measure || r.measure === measure));
    records.sort((a, b) => a.measure.localeCompare(b.measure) || (a.date ?? a.reported ?? '').localeCompare(b.date ?? b.reported ?? '') || (a.place ?? '').localeCompare(b.place ?? ''));
    if (options.json) return printJson({ items: records, total: records.length });
    if (records.length === 0) {
      process.stdout.write('No figures found.\n');
      return;
    }
    printTable(
      ['measure', 'value', 'place', 'refers to', 'reported', 'outlet', 'article'],
      records
        .slice(0, options.limit)
        .map((r) => [
          r.measure,
          r.duration ?? `${r.approx ? `${r.approx} ` : ''}${r.value}${r.high !== undefined ? `-${r.high}` : ''}${r.unit === 'percent' ? '%' : ''}`,
          safe(r.place ?? ''),
          r.date ?? (r.cumulative ? `running${r.since ? ` since ${r.since}` : ''}` : ''),
          r.reported ?? '',
          safe(r.outlet ?? '(unknown)'),
          `${r.articleId.slice(0, 10)}:${r.start}`,
        ]),
      2,
    );
    if (records.length > options.limit) process.stdout.write(style.dim(`${options.limit} of ${records.length} shown (--limit)\n`));
  });
}

export async function sourcesCommand(options: { db: string; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const sources = await storedSources(repository);
    if (options.json) return printJson(sources);
    if (sources.outlets.length === 0) {
      process.stdout.write('The store is empty.\n');
      return;
    }
    const copied = (outlet: string) => sources.edges.filter((e) => e.from === outlet && e.syndicated + e.repost > 0).map((e) => `${safe(e.to)} (${e.syndicated + e.repost})`);
    const cited = (outlet: string) => sources.edges.filter((e) => e.from === outlet && e.citations > 0).map((e) => safe(e.to));
    printTable(
      ['outlet', 'articles', 'lang', 'first', 'last', 'copies from', 'cites'],
      sources.outlets.map((o) => [
        truncate(safe(o.outlet), 28),
        o.articles,
        o.languages.join(','),
        o.earliest ?? '',
        o.latest ?? '',
        truncate(copied(o.outlet).join(', '), 40),
        truncate([...cited(o.outlet), ...o.citesOutside.map((c) => `${safe(c.name)}*`)].join(', '), 50),
      ]),
      6,
    );
    if (sources.unknownOutlet > 0) process.stdout.write(`${sources.unknownOutlet} articles without an outlet\n`);
    process.stdout.write(style.dim('* cited source outside the pile\n'));
  });
}
