/** `quipu claims`: the ledger of who said what, as stored at ingest (analyze/claims.ts), latest articles first. */
import { type Hedge, hedges } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import { type ClaimRow, claimPage } from '../analyze/claims.ts';
import { printJson, printTable, withRepository } from './output.ts';

export async function claimsCommand(options: { db: string; by?: string; about?: string; hedge?: string; limit: number; json: boolean }): Promise<void> {
  if (options.hedge && !(hedges as readonly string[]).includes(options.hedge)) {
    throw new QuipuError('E_CONFIG', `--hedge takes one of ${hedges.join(', ')}, not "${options.hedge}"`);
  }
  await withRepository(options.db, async (repository) => {
    const filter = { ...(options.by ? { by: options.by } : {}), ...(options.about ? { about: options.about } : {}), ...(options.hedge ? { hedge: options.hedge } : {}) };
    // The store answers at most 500 rows a page.
    const shown: ClaimRow[] = [];
    let total = 0;
    do {
      const page = await claimPage(repository, { ...filter, sort: 'published', order: 'desc', limit: Math.min(500, options.limit - shown.length), offset: shown.length });
      shown.push(...page.items);
      total = page.total;
      if (page.items.length === 0) break;
    } while (shown.length < Math.min(options.limit, total));
    if (options.json) return printJson({ total, items: shown });
    printTable(
      ['speaker', 'cue', 'hedge', 'outlet', 'published', 'article', 'content'],
      shown.map((c) => [
        c.speakerEntity ?? c.speaker ?? '(unattributed)',
        c.recipient ? `${c.cue} (to ${c.recipient})` : c.cue,
        c.hedge,
        c.outlet ?? '',
        c.published ?? '',
        c.articleId.slice(0, 10),
        c.content,
      ]),
      6,
    );
    process.stdout.write(`${shown.length} of ${total} claims\n`);
  });
}
