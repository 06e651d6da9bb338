/** Commands that read the store: list, show, search, stats. */
import { QuipuError } from '../core/errors.ts';
import { analysisVersion } from '../analyze/update.ts';
import type { Repository } from '../store/repository.ts';
import { printJson, printTable, safe, style, withRepository } from './output.ts';

interface DbOptions {
  db: string;
  json: boolean;
}

export async function listCommand(options: DbOptions & { outlet?: string; language?: string; from?: string; to?: string; limit: number; offset: number }) {
  await withRepository(options.db, async (repository) => {
    const page = await repository.listArticles({
      ...(options.outlet ? { outlet: options.outlet } : {}),
      ...(options.language ? { language: options.language } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      limit: options.limit,
      offset: options.offset,
    });
    if (options.json) return printJson(page);
    printTable(
      ['id', 'published', 'outlet', 'lang', 'chars', 'title'],
      page.items.map((a) => [a.id.slice(0, 10), a.meta.published ?? '', a.meta.outlet ?? '', a.meta.language, a.length, a.meta.title ?? '(untitled)']),
      5,
    );
    process.stdout.write(style.dim(`${page.offset + 1}–${page.offset + page.items.length} of ${page.total}\n`));
  });
}

export async function showCommand(id: string, options: DbOptions) {
  await withRepository(options.db, async (repository) => {
    const article = await repository.getArticle(await resolveId(repository, id));
    if (!article) throw new QuipuError('E_NOT_FOUND', `No article with id ${id}`);
    if (options.json) return printJson(article);
    const { meta } = article;
    const rows: [string, string][] = [
      ['id', article.id],
      ['title', meta.title ?? ''],
      ['outlet', meta.outlet ?? ''],
      ['via', meta.via ?? ''],
      ['authors', meta.authors.join('; ')],
      ['translator', meta.translator ?? ''],
      ['published', meta.published ?? ''],
      ['dateline', meta.datelinePlace ?? ''],
      ['language', meta.language],
      ['source', meta.partCount > 1 ? `${meta.source} (part ${meta.partIndex + 1} of ${meta.partCount})` : meta.source],
      ['hash', article.contentHash],
    ];
    for (const [key, value] of rows) if (value) process.stdout.write(`${style.bold(key.padEnd(11))}${safe(value)}\n`);
    for (const message of article.messages) process.stdout.write(`${style.dim(`! ${message.rule}: ${safe(message.reason)}`)}\n`);
    process.stdout.write(`\n${safe(article.text).replace(/\uFFFD/g, '?')}\n`);
  });
}

export async function searchCommand(words: string[], options: DbOptions & { limit: number; offset: number }) {
  await withRepository(options.db, async (repository) => {
    const page = await repository.search(words.join(' '), { limit: options.limit, offset: options.offset });
    if (options.json) return printJson(page);
    if (page.items.length === 0) {
      process.stdout.write(`No articles match ${JSON.stringify(words.join(' '))}.\n`);
      return;
    }
    for (const hit of page.items) {
      const a = hit.article;
      process.stdout.write(`${style.bold(safe(a.meta.title ?? '(untitled)'))}  ${style.dim(`${a.id.slice(0, 10)} · ${[a.meta.outlet, a.meta.published].filter(Boolean).join(' · ')}`)}\n`);
      let line = '';
      let last = 0;
      for (const [start, end] of hit.highlights) {
        line += safe(hit.snippet.slice(last, start)) + style.bold(`[${safe(hit.snippet.slice(start, end))}]`);
        last = end;
      }
      process.stdout.write(`  ${line}${safe(hit.snippet.slice(last))}\n\n`);
    }
    process.stdout.write(style.dim(`${page.offset + 1}–${page.offset + page.items.length} of ${page.total}\n`));
  });
}

export async function statsCommand(options: DbOptions) {
  await withRepository(options.db, async (repository) => {
    const stats = await repository.stats();
    const analysis = await repository.analysisVersions();
    if (options.json) return printJson({ ...stats, analysis });
    process.stdout.write(`${style.bold(`${stats.articles} articles`)} from ${stats.sources} sources, ${stats.characters.toLocaleString('en')} characters\n`);
    process.stdout.write(`published ${stats.published.earliest ?? '?'} … ${stats.published.latest ?? '?'}\n\n`);
    printTable(
      ['outlet', 'articles'],
      stats.outlets.map((o) => [o.outlet ?? '(unknown)', o.articles]),
    );
    process.stdout.write('\n');
    printTable(
      ['language', 'articles'],
      stats.languages.map((l) => [l.language, l.articles]),
    );
    // Articles and findings made by another version of the analysis than this one (or by none) are told, with the cure.
    process.stdout.write('\n');
    printTable(
      ['analysis', 'version', 'rows'],
      analysis.map((a) => [a.layer, a.version, a.rows]),
    );
    const analysed = analysis.filter((a) => a.layer === 'articles').reduce((n, a) => n + a.rows, 0);
    const stale = analysis.some((a) => a.version !== analysisVersion) || analysed < stats.articles;
    if (stale) process.stdout.write(`findings of mixed or old versions, or articles never analysed (this Quipu makes version ${analysisVersion}): run \`quipu reanalyze\`\n`);
  });
}

/** Accepts a unique id prefix, as git does for commits. */
async function resolveId(repository: Repository, prefix: string): Promise<string> {
  const matches = await repository.idsWithPrefix(prefix, 2);
  if (matches.length > 1) throw new QuipuError('E_CONFIG', `The id prefix ${prefix} matches several articles; give more characters`);
  return matches[0] ?? prefix;
}
