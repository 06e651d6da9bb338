/**
 * Totals read from `kept_counts` (schema.ts 0023), which triggers keep as rows are written: a page over a whole kind
 * (and verdict) answers its total from one or a few rows instead of counting every row of the kind.
 */
import type { Kysely } from 'kysely';
import type { Database as Schema, keptCounted } from './schema.ts';

/** How many rows of `counted` have this kind (and this verdict or hedge, '' for none; every verdict when undefined). */
export async function keptCount(db: Kysely<Schema>, counted: keyof typeof keptCounted, kind: string, verdict?: string): Promise<number> {
  let q = db.selectFrom('kept_counts').where('counted', '=', counted).where('kind', '=', kind);
  if (verdict !== undefined) q = q.where('verdict', '=', verdict);
  const row = await q.select((eb) => eb.fn.sum<number | string | null>('n').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
