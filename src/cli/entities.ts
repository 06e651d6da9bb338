/** `quipu entities` and `quipu entity NAME`: who is in the pile, one entity per person, place or organization. */
import { QuipuError } from '../core/errors.ts';
import { foldName } from '../link/entity-names.ts';
import type { Repository } from '../store/repository.ts';
import { printJson, printTable, safe, style, truncate, withRepository } from './output.ts';

const types = ['PER', 'ORG', 'LOC', 'MISC'];

export async function entitiesCommand(options: { db: string; type?: string; query?: string; limit: number; offset: number; json: boolean }): Promise<void> {
  const type = options.type?.toUpperCase();
  if (type && !types.includes(type)) throw new QuipuError('E_CONFIG', `--type must be one of ${types.join(', ')}, not "${options.type}"`);
  await withRepository(options.db, async (repository) => {
    const page = await repository.listEntities({ type, query: options.query, limit: options.limit, offset: options.offset });
    if (options.json) return printJson(page);
    if (page.items.length === 0) {
      process.stdout.write('No entities found.\n');
      return;
    }
    printTable(
      ['entity', 'type', 'name', 'mentions', 'articles'],
      page.items.map((e) => [e.id.slice(0, 10), e.type, truncate(safe(e.name), 50), e.mentions, e.articles]),
      2,
    );
    process.stdout.write(style.dim(`${page.offset + 1}–${page.offset + page.items.length} of ${page.total}\n`));
  });
}

/** The entity a user means by `name`: an id or id prefix, an exact name or alias (accents and case ignored), else a name containing it. */
async function findEntity(repository: Repository, name: string): Promise<string[]> {
  if (/^[0-9a-f]{6,16}$/.test(name)) {
    const hits = await repository.entityIdsWithPrefix(name, 20);
    if (hits.length > 0) return hits;
  }
  const exact = await repository.entitiesNamed(foldName(name));
  if (exact.length > 0) return exact;
  return (await repository.listEntities({ query: name, limit: 20 })).items.map((e) => e.id);
}

export async function entityCommand(name: string, options: { db: string; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const ids = await findEntity(repository, name);
    if (ids.length === 0) throw new QuipuError('E_NOT_FOUND', `No entity is named "${name}"`);
    const details = [];
    for (const id of ids) details.push((await repository.getEntity(id))!);
    details.sort((a, b) => b.mentions - a.mentions);
    if (options.json) return printJson(details.length === 1 ? details[0] : details);
    if (details.length > 1) {
      process.stdout.write(`${details.length} entities match "${safe(name)}":\n`);
      printTable(
        ['entity', 'type', 'name', 'mentions', 'articles'],
        details.map((e) => [e.id.slice(0, 10), e.type, truncate(safe(e.name), 50), e.mentions, e.articles]),
        2,
      );
      return;
    }
    const entity = details[0]!;
    process.stdout.write(`${style.bold(safe(entity.name))}  ${entity.type}  ${style.dim(entity.id)}\n`);
    process.stdout.write(`${entity.mentions} mentions in ${entity.articles} articles\n`);
    process.stdout.write(`aliases: ${entity.aliases.map((a) => `${safe(a.text)} (${a.mentions})`).join(', ')}\n`);
    if (entity.roles.length > 0) process.stdout.write(`roles: ${[...new Set(entity.roles.map((r) => safe(r.role)))].join('; ')}\n`);
    const rows = [];
    for (const id of entity.articleIds) {
      const article = await repository.getArticle(id);
      const first = entity.mentionList.find((m) => m.articleId === id)!;
      rows.push([id.slice(0, 10), article?.meta.published ?? '', safe(article?.meta.outlet ?? '(unknown)'), truncate(safe(article?.meta.title ?? '(untitled)'), 50), `${first.start}-${first.end}`]);
    }
    printTable(['article', 'published', 'outlet', 'title', 'first mention'], rows, 3);
  });
}
