/**
 * `quipu conflicts`, `quipu figures`, `quipu copies` and `quipu sources`: the pile compared with itself — figures that
 * agree, conflict or evolve across outlets, articles that copy others (linked at ingest), outlets and whom they cite.
 * Figure groups are computed from the stored figures on each call (a grouping over records, no text is re-read).
 */
import { QuipuError } from '../core/errors.ts';
import type { Doc, FigureMeasure } from '../core/doc.ts';
import { findCitations, resolveCitations } from '../link/citations.ts';
import { type FigureGroup, figureRecords, groupFigures } from '../link/figure-groups.ts';
import type { Repository, StoredArticle } from '../store/repository.ts';
import { printJson, printTable, safe, style, truncate, withRepository } from './output.ts';

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

/** Words users type for a measure ("deaths" is `killed`). */
const measureAliases: Record<string, FigureMeasure> = {
  deaths: 'killed', dead: 'killed', death: 'killed', killed: 'killed', muertos: 'killed', injuries: 'injured', wounded: 'injured', heridos: 'injured',
  arrests: 'detained', arrested: 'detained', detenidos: 'detained', votes: 'votes_for', sentences: 'sentence', prison: 'sentence',
};
const measures: FigureMeasure[] = ['killed', 'injured', 'hospitalized', 'detained', 'missing', 'displaced', 'protesters', 'votes_for', 'votes_against', 'abstentions', 'votes_needed', 'seats', 'approval', 'disapproval', 'money', 'troops', 'sentence', 'other'];

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
    for await (const article of repository.allArticles()) records.push(...figureRecords(asDoc(article)).filter((r) => !measure || r.measure === measure));
    records.sort((a, b) => a.measure.localeCompare(b.measure) || (a.date ?? a.reported ?? '').localeCompare(b.date ?? b.reported ?? '') || (a.place ?? '').localeCompare(b.place ?? ''));
    if (options.json) return printJson(records);
    if (records.length === 0) {
      process.stdout.write('No figures found.\n');
      return;
    }
    printTable(
      ['measure', 'value', 'place', 'refers to', 'reported', 'outlet', 'article'],
      records.slice(0, options.limit).map((r) => [
        r.measure, r.duration ?? `${r.approx ? `${r.approx} ` : ''}${r.value}${r.high !== undefined ? `-${r.high}` : ''}${r.unit === 'percent' ? '%' : ''}`,
        safe(r.place ?? ''), r.date ?? (r.cumulative ? `running${r.since ? ` since ${r.since}` : ''}` : ''), r.reported ?? '', safe(r.outlet ?? '(unknown)'), `${r.articleId.slice(0, 10)}:${r.start}`,
      ]),
      2,
    );
    if (records.length > options.limit) process.stdout.write(style.dim(`${options.limit} of ${records.length} shown (--limit)\n`));
  });
}

export interface SourceProfile {
  outlet: string;
  articles: number;
  languages: string[];
  first: string | null;
  last: string | null;
  /** Outlets whose articles this one copies (syndication, reposts), with how many. */
  copies: { outlet: string; articles: number }[];
  /** Outlets or authors this one cites ("according to", "as reported by"), with how many citations. */
  cites: { name: string; citations: number; inPile: boolean }[];
}

/** Outlets, their articles, who copies whom and who cites whom. */
export async function sourceProfiles(repository: Repository): Promise<SourceProfile[]> {
  const articles: { id: string; outlet: string; language: string; published: string | null; authors: string[]; text: string }[] = [];
  for await (const a of repository.allArticles()) articles.push({ id: a.id, outlet: a.meta.outlet ?? '(unknown)', language: a.meta.language, published: a.meta.published, authors: a.meta.authors, text: a.text });
  const outletOf = new Map(articles.map((a) => [a.id, a.outlet]));
  const outlets = [...new Set(articles.map((a) => a.outlet).filter((o) => o !== '(unknown)'))];
  const citations = resolveCitations(articles.flatMap((a) => findCitations(a.id, a.text, { outlets })), articles.map((a) => ({ id: a.id, outlet: a.outlet, authors: a.authors, published: a.published })));
  const copies = await repository.listCopies();
  const profiles = new Map<string, SourceProfile>();
  for (const a of articles) {
    const p = profiles.get(a.outlet) ?? { outlet: a.outlet, articles: 0, languages: [], first: null, last: null, copies: [], cites: [] };
    p.articles++;
    if (!p.languages.includes(a.language)) p.languages.push(a.language);
    if (a.published && (!p.first || a.published < p.first)) p.first = a.published;
    if (a.published && (!p.last || a.published > p.last)) p.last = a.published;
    profiles.set(a.outlet, p);
  }
  for (const c of copies) {
    const p = profiles.get(outletOf.get(c.copyId) ?? '');
    const original = outletOf.get(c.originalId);
    if (!p || !original) continue;
    const row = p.copies.find((x) => x.outlet === original) ?? p.copies[p.copies.push({ outlet: original, articles: 0 }) - 1]!;
    row.articles++;
  }
  for (const c of citations) {
    const p = profiles.get(outletOf.get(c.citing) ?? '');
    if (!p) continue;
    for (const name of c.names) {
      const inPile = outlets.some((o) => o.toLowerCase() === name.toLowerCase()) || !!c.citedArticle;
      const row = p.cites.find((x) => x.name === name) ?? p.cites[p.cites.push({ name, citations: 0, inPile }) - 1]!;
      row.citations++;
    }
  }
  return [...profiles.values()].sort((a, b) => b.articles - a.articles || a.outlet.localeCompare(b.outlet));
}

export async function sourcesCommand(options: { db: string; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const profiles = await sourceProfiles(repository);
    if (options.json) return printJson(profiles);
    if (profiles.length === 0) {
      process.stdout.write('The store is empty.\n');
      return;
    }
    printTable(
      ['outlet', 'articles', 'lang', 'first', 'last', 'copies from', 'cites'],
      profiles.map((p) => [
        truncate(safe(p.outlet), 28), p.articles, p.languages.join(','), p.first ?? '', p.last ?? '',
        truncate(p.copies.map((c) => `${safe(c.outlet)} (${c.articles})`).join(', '), 40), truncate(p.cites.map((c) => `${safe(c.name)}${c.inPile ? '' : '*'}`).join(', '), 50),
      ]),
      6,
    );
    process.stdout.write(style.dim('* cited source outside the pile\n'));
  });
}
