/**
 * The stored claims ledger's SQL, shared by both engines (kysely-repository.ts calls it): an article's rows replaced in
 * the linking transaction, and a page of them by filter and sort. Sort columns compare by code point on both engines.
 */
import { type Kysely, sql } from 'kysely';
import type { ClaimQuery, ClaimRecord, Page } from './repository.ts';
import type { Database as Schema, Engine } from './schema.ts';
import { compareCodePoints } from '../core/names.ts';
import { keptCount } from './kept-counts.ts';
import { nameGroups } from './name-groups.ts';

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
  if (query.speakerEntity && !query.hedge && !query.by && !query.about && (query.sort ?? 'published') === 'published' && query.descending && paging.offset + paging.limit <= speakerPageReach) {
    return pageSpeakerClaims(db, query.speakerEntity, paging);
  }
  return pageClaimsWhere(db, engine, query, paging);
}

/** `pageClaims` by one query over every claim the filter matches (sorted whole). */
export async function pageClaimsWhere(
  db: Kysely<Schema>,
  engine: Engine,
  query: ClaimQuery,
  paging: { limit: number; offset: number },
): Promise<Page<{ articleId: string; seq: number; data: string }>> {
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
  const count = (range: typeof q) =>
    range
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  // With no filter but the hedge the total is kept (kept-counts.ts); the rows without the sort value are few, or fewer.
  const kept = !query.by && !query.about && !query.speakerEntity;
  const [total, without] = await Promise.all([kept ? keptCount(db, 'claims', 'claim', query.hedge || undefined) : count(valued), count(empty)]);
  const withValue = kept ? total - without : total;
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
  return { items: await claimData(db, keys), total: withValue + without, ...paging };
}

/** The claims with these keys, in their order, with their stored data. */
async function claimData(db: Kysely<Schema>, keys: readonly { article_id: string; seq: number }[]): Promise<{ articleId: string; seq: number; data: string }[]> {
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
  return keys.map((k) => ({ articleId: k.article_id, seq: Number(k.seq), data: data.get(`${k.article_id}\u0000${k.seq}`)! }));
}

/** How deep a page of one speaker's claims, latest first, is read along each of its names (deeper pages: the general query). */
const speakerPageReach = 1000;

/**
 * A page of the claims an entity makes, latest article first (the entity page's and the ledger's speaker filter), read
 * along the index of each of the entity's names (its speaker's name as written, or without titles when that is no
 * stored name) rather than sorting every claim of a much-quoted speaker: each name's first claims of the page, merged.
 * The same rows in the same order as the general query: dated ones latest first, then undated ones, ties by article
 * id and place; counts read from the same indexes.
 */
async function pageSpeakerClaims(db: Kysely<Schema>, entityId: string, paging: { limit: number; offset: number }): Promise<Page<{ articleId: string; seq: number; data: string }>> {
  const names = (await db.selectFrom('entity_names').select('key').where('entity_id', '=', entityId).execute()).map((r) => r.key);
  if (names.length === 0) return { items: [], total: 0, ...paging };
  const unstored = sql<boolean>`not exists (select 1 from entity_names n where n.key = c.speaker_key)`;
  const byName = (name: string | readonly string[]) => {
    const one = typeof name === 'string';
    return [
      db.selectFrom('analysis_claims as c').where('c.speaker_key', one ? '=' : 'in', name),
      db
        .selectFrom('analysis_claims as c')
        .where('c.speaker_bare', one ? '=' : 'in', name)
        .where(unstored),
    ];
  };
  let total = 0;
  let dated = 0;
  for (const q of byName(names)) {
    const [all, withDate] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      q
        .where('c.published', '>', '')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    total += Number(all.n);
    dated += Number(withDate.n);
  }
  const reach = paging.offset + paging.limit;
  const latest: { article_id: string; seq: number; published: string }[] = [];
  const undated: { article_id: string; seq: number }[] = [];
  for (const name of nameGroups(names)) {
    for (const q of byName(name)) {
      // Every dated claim up to the page's end comes before any undated one.
      if (dated > 0) {
        for (const r of await q
          .where('c.published', '>', '')
          .select(['c.article_id', 'c.seq', 'c.published'])
          .orderBy('c.published', 'desc')
          .orderBy('c.article_id')
          .orderBy('c.seq')
          .limit(reach)
          .execute())
          latest.push({ ...r, seq: Number(r.seq) });
      }
      if (reach > dated && total > dated) {
        for (const r of await q.where('c.published', '=', '').select(['c.article_id', 'c.seq']).orderBy('c.article_id').orderBy('c.seq').limit(reach).execute())
          undated.push({ ...r, seq: Number(r.seq) });
      }
    }
  }
  const byPlace = (a: { article_id: string; seq: number }, b: { article_id: string; seq: number }) => compareCodePoints(a.article_id, b.article_id) || a.seq - b.seq;
  latest.sort((a, b) => compareCodePoints(b.published, a.published) || byPlace(a, b));
  undated.sort(byPlace);
  const keys = [...latest, ...undated].slice(paging.offset, reach);
  return { items: await claimData(db, keys), total, ...paging };
}
