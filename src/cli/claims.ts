/** `quipu claims`: the ledger of who said what, across the stored articles. */
import { type Hedge, hedges } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import { listClaims } from '../annotate/quotes/claims.ts';
import { printJson, printTable, withRepository } from './output.ts';

export async function claimsCommand(options: { db: string; by?: string; about?: string; hedge?: string; limit: number; json: boolean }): Promise<void> {
  if (options.hedge && !(hedges as readonly string[]).includes(options.hedge)) {
    throw new QuipuError('E_CONFIG', `--hedge takes one of ${hedges.join(', ')}, not "${options.hedge}"`);
  }
  await withRepository(options.db, async (repository) => {
    const rows = [];
    for await (const article of repository.allArticles()) {
      const claims = listClaims([{ id: article.id, text: article.text, ...article.layers }], {
        ...(options.by ? { by: options.by } : {}),
        ...(options.about ? { about: options.about } : {}),
        ...(options.hedge ? { hedge: options.hedge as Hedge } : {}),
      });
      rows.push(...claims.map((claim) => ({ ...claim, outlet: article.meta.outlet, published: article.meta.published })));
    }
    const shown = rows.slice(0, options.limit);
    if (options.json) return printJson({ total: rows.length, items: shown });
    printTable(
      ['speaker', 'cue', 'hedge', 'outlet', 'published', 'article', 'content'],
      shown.map((c) => [c.speakerEntity ?? c.speaker ?? '(unattributed)', c.recipient ? `${c.cue} (to ${c.recipient})` : c.cue, c.hedge, c.outlet ?? '', c.published ?? '', c.articleId.slice(0, 10), c.content]),
      6,
    );
    process.stdout.write(`${shown.length} of ${rows.length} claims\n`);
  });
}
