/**
 * The stored claims ledger's SQL, shared by both engines (kysely-repository.ts calls it): an article's rows replaced in
 * the linking transaction, and a page of them by filter and sort. Sort columns compare by code point on both engines.
 */
import { type Kysely, sql } from 'kysely';
import type { ClaimQuery, ClaimRecord, Page } from './repository.ts';
import type { Database as Schema, Engine } from './schema.ts';

/** Replaces the article's claims and the names they are found by. */
export async function putClaims(trx: Kysely<Schema>, articleId: string, claims: readonly ClaimRecord[]): Promise<void> {
  await trx.deleteFrom('analysis_claim_terms').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('analysis_claims').where('article_id', '=', articleId).execute();
  const rows = claims.map((c) => ({
    article_id: articleId,
    seq: c.seq,
    published: c.published,
    speaker_sort: c.speakerSort,
    outlet_sort: c.outletSort,
    hedge: c.hedge,
    speaker_key: c.speakerKey,
    speaker_bare: c.speakerBare,
    data: c.data,
    version: c.version,
  }));
  for (let i = 0; i < rows.length; i += 100)
    await trx
      .insertInto('analysis_claims')
      .values(rows.slice(i, i + 100))
      .execute();
  const terms = claims.flatMap((c) => [
    ...[...new Set(c.by)].map((term) => ({ article_id: articleId, seq: c.seq, role: 'by', term })),
    ...[...new Set(c.about)].map((term) => ({ article_id: articleId, seq: c.seq, role: 'about', term })),
  ]);
  for (let i = 0; i < terms.length; i += 200)
    await trx
      .insertInto('analysis_claim_terms')
      .values(terms.slice(i, i + 200))
      .execute();
}

const sortColumns = { published: 'published', speaker: 'speaker_sort', hedge: 'hedge', outlet: 'outlet_sort' } as const;

/**
 * A page of claims. Rows without the sort value (an unattributed claim, an undated article) list last in either order;
 * ties go by article id, then place in the article. A name filter looks for the folded words inside any name a claim is
 * found by; the speaker filter follows the speaker's name to the entity it belongs to now.
 */
export async function pageClaims(db: Kysely<Schema>, engine: Engine, query: ClaimQuery, paging: { limit: number; offset: number }): Promise<Page<{ articleId: string; seq: number; data: string }>> {
  const contains = (term: string) => (engine === 'postgres' ? sql<boolean>`strpos(term, ${term}) > 0` : sql<boolean>`instr(term, ${term}) > 0`);
  let q = db.selectFrom('analysis_claims as c');
  if (query.hedge) q = q.where('c.hedge', '=', query.hedge);
  for (const role of ['by', 'about'] as const) {
    const term = query[role];
    if (!term) continue;
    const found = db.selectFrom('analysis_claim_terms').select(['article_id', 'seq']).where('role', '=', role).where(contains(term));
    q = q.where(sql<boolean>`(c.article_id, c.seq) in (${found})`);
  }
  if (query.speakerEntity) {
    const names = db.selectFrom('entity_names').select('key').where('entity_id', '=', query.speakerEntity);
    // As the name is read everywhere: the stored name it folds to, else the same without titles ("Mr Etxeberri").
    q = q.where((eb) => eb.or([eb('c.speaker_key', 'in', names), eb.and([eb('c.speaker_bare', 'in', names), sql<boolean>`not exists (select 1 from entity_names n where n.key = c.speaker_key)`])]));
  }
  const column = sql.ref(`c.${sortColumns[query.sort ?? 'published']}`);
  // Two ranges, each read in index order: the rows with the sort value, then those without it (listed last either way).
  const valued = q.where(column, '>', '');
  const empty = q.where(column, '=', '');
  const counts = await Promise.all([valued, empty].map((range) => range.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()));
  const [withValue, without] = counts.map((c) => Number(c.n)) as [number, number];
  const keys: { article_id: string; seq: number }[] = [];
  if (paging.offset < withValue) {
    keys.push(
      ...(await valued
        .select(['c.article_id', 'c.seq'])
        .orderBy(column, query.descending ? 'desc' : 'asc')
        .orderBy('c.article_id')
        .orderBy('c.seq')
        .limit(paging.limit)
        .offset(paging.offset)
        .execute()),
    );
  }
  const rest = paging.limit - keys.length;
  if (rest > 0 && without > 0) {
    keys.push(
      ...(await empty
        .select(['c.article_id', 'c.seq'])
        .orderBy('c.article_id')
        .orderBy('c.seq')
        .limit(rest)
        .offset(Math.max(0, paging.offset - withValue))
        .execute()),
    );
  }
  const data = new Map<string, string>();
  const wanted = new Set(keys.map((k) => `${k.article_id}\u0000${k.seq}`));
  if (keys.length > 0) {
    // An article holds a few claims: its rows are read whole and those of the page kept.
    const rows = await db
      .selectFrom('analysis_claims')
      .select(['article_id', 'seq', 'data'])
      .where('article_id', 'in', [...new Set(keys.map((k) => k.article_id))])
      .execute();
    for (const r of rows) if (wanted.has(`${r.article_id}\u0000${r.seq}`)) data.set(`${r.article_id}\u0000${r.seq}`, r.data);
  }
  const items = keys.map((k) => ({ articleId: k.article_id, seq: Number(k.seq), data: data.get(`${k.article_id}\u0000${k.seq}`)! }));
  return { items, total: withValue + without, ...paging };
}
