/**
 * What both engines share: every query written once with kysely, so SQLite and PostgreSQL behave alike.
 * An engine adds its connection and its full-text search (FTS5 or tsvector).
 */
import { createHash } from 'node:crypto';
import { type Kysely, Migrator, type Selectable, sql } from 'kysely';
import type { Doc, Layers, SourceAnchor } from '../core/doc.ts';
import { asQuipuError, QuipuError } from '../core/errors.ts';
import { compareCodePoints, foldName } from '../core/names.ts';
import type {
  AnalysisStore,
  ArticleFilter,
  ArticleSummary,
  ClaimQuery,
  CopyCandidate,
  CopyCursor,
  CopyFilter,
  CopyRecord,
  EntityDetail,
  EntityPairCount,
  EntitySummary,
  FactRecord,
  FindingQuery,
  FindingRecord,
  LinkStore,
  NameRecord,
  OutletCount,
  Page,
  Repository,
  SaveResult,
  SearchHit,
  SourceRecord,
  StoredArticle,
  StoreStats,
  WriteBatch,
} from './repository.ts';
import {
  type ArticlesTable,
  changedCopyCondition,
  type CopiesTable,
  copyLinksSetting,
  kindTerm,
  type Database as Schema,
  type Engine,
  migrationProvider,
  unpairedCondition,
  recountEntityPairs,
  entityArticlesSql,
  entityArticleCountsSql,
  entityInArticlesSql,
  pairCountsSql,
  pairedEntityArticles,
  sourceCountSetting,
  tallyKeyOf,
  tallyStored,
} from './schema.ts';
import { pageClaims, putClaims } from './claims-store.ts';
import { keptCount } from './kept-counts.ts';
import { nameGroups } from './name-groups.ts';
import { decodeLayer, encodeLayer } from './layer-codec.ts';
import { candidatesInOrder, keptCandidates, majorityType, type MentionTally, tallyMentions } from './link-rows.ts';

const defaultLimit = 20;
/** How long a write keeps retrying while another process holds the store: a long link of a large item takes seconds. */
const busyRetryMs = 120_000;
const maxLimit = 500;
/** Marks the engines put around matched words in snippets; never found in stored text, which is cleaned of control characters. */
export const highlightOpen = '\u0002';
export const highlightClose = '\u0003';

export abstract class KyselyRepository implements Repository {
  abstract readonly engine: Engine;

  protected constructor(
    protected readonly db: Kysely<Schema>,
    /** Where the store is, for messages (a file path or a connection URL without its password). */
    readonly location: string,
  ) {}

  async migrate(): Promise<void> {
    // The migrator reads the migration state and migrates in one transaction that holds the write lock (SQLite: begin
    // immediate; PostgreSQL: an advisory lock), so a second process opening a new store waits, then finds nothing to do.
    try {
      await this.retryBusy(async () => {
        const { error } = await new Migrator({ db: this.db, provider: migrationProvider(this.engine) }).migrateToLatest();
        if (error) throw error;
      });
    } catch (error) {
      throw asQuipuError(error, this.location, 'E_STORE');
    }
  }

  writeBatch(): WriteBatch | null {
    return null;
  }

  /** True when `error` means another writer holds the store and the same work may succeed a moment later. */
  protected isBusy(_error: unknown): boolean {
    return false;
  }

  /**
   * Runs `work` again, after a growing pause, while the store answers that another writer holds it. The pause is
   * awaited, never a blocking wait, so a server keeps answering readers while an ingest in another process writes.
   */
  protected async retryBusy<T>(work: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + busyRetryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!this.isBusy(error) || performance.now() > deadline) throw error;
        // Jittered so that two writers that collided do not collide again on the same beat.
        const pause = Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /** Takes the engine's store-wide linking lock inside `trx` (PostgreSQL: an advisory lock; SQLite has one writer anyway). */
  protected abstract lockForLinking(trx: Kysely<Schema>): Promise<void>;

  async linkTransaction<T>(work: (link: LinkStore) => Promise<T>): Promise<T> {
    return this.retryBusy(() => this.linkTransactionOnce(work));
  }

  private linkTransactionOnce<T>(work: (link: LinkStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockForLinking(trx);
      return work(this.linkStore(trx));
    });
  }

  /** The linking store inside transaction `trx` (an engine may run its hot statements its own way). */
  protected linkStore(trx: Kysely<Schema>): LinkStore {
    return {
      async addCopyKeys(articleId, keys, signature, paragraphs) {
        for (const chunk of chunks([...keys], 300)) {
          await trx
            .insertInto('copy_keys')
            .values(chunk.map((key) => ({ key, article_id: articleId })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        const encoded = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64');
        await trx
          .insertInto('signatures')
          .values({ article_id: articleId, signature: encoded, paragraphs: paragraphs ? JSON.stringify(paragraphs) : null })
          .onConflict((oc) => oc.column('article_id').doNothing())
          .execute();
      },
      async copyCandidates(keys, excludeId, limits, keep): Promise<CopyCandidate[]> {
        if (keys.length === 0) return [];
        // Each key's postings read in index order, at most `perKey` of them (the lowest ids, as SQLite reads them), so a
        // key common to half the pile costs what a rare one does; then the articles sharing the most keys first, so a cut
        // at `limits.candidates` drops the weakest candidates, not arbitrary ones.
        const { rows: ranked } = await sql<{
          article_id: string;
          shared: number | string;
        }>`select "hit"."article_id", count(*) as "shared" from unnest(${[...new Set(keys)]}::text[]) as "wanted"("key") cross join lateral (select "copy_keys"."article_id" from "copy_keys" where "copy_keys"."key" = "wanted"."key" and "copy_keys"."article_id" != ${excludeId} order by "copy_keys"."article_id" limit ${limits.perKey}) as "hit" group by "hit"."article_id" order by "shared" desc, "hit"."article_id" limit ${limits.candidates}`.execute(
          trx,
        );
        if (ranked.length === 0) return [];
        // Their signatures first: only the candidates `keep` keeps on them are read in full.
        const signatures = await trx
          .selectFrom('signatures')
          .select(['signatures.article_id', 'signatures.signature'])
          .where(
            'signatures.article_id',
            'in',
            ranked.map((r) => r.article_id),
          )
          .execute();
        const kept = keptCandidates(ranked, signatures, keep);
        if (kept.length === 0) return [];
        const rows = await trx
          .selectFrom('articles')
          .innerJoin('signatures', 'signatures.article_id', 'articles.id')
          .select(['articles.id', 'articles.text', 'articles.published', 'articles.outlet', 'articles.via', 'articles.language', 'signatures.paragraphs'])
          .where(
            'articles.id',
            'in',
            kept.map((c) => c.id),
          )
          .execute();
        return candidatesInOrder(kept, rows);
      },
      async addCopies(copies) {
        if (copies.length === 0) return;
        const inserted = await trx
          .insertInto('copies')
          .values(copies.map((c) => ({ copy_id: c.copyId, original_id: c.originalId, similarity: c.similarity, kind: c.kind, detail: copyDetail(c) })))
          .onConflict((oc) => oc.columns(['copy_id', 'original_id']).doNothing())
          .executeTakeFirst();
        // Links already stored are not inserted again, nor counted.
        const added = Number(inserted.numInsertedOrUpdatedRows ?? 0);
        if (added > 0)
          await trx
            .updateTable('settings')
            .set({ value: sql<string>`cast(cast(value as bigint) + ${added} as text)` })
            .where('key', '=', copyLinksSetting)
            .execute();
      },
      async entitiesLinked(articleId) {
        return !!(await trx.selectFrom('entity_mentions').select('mention').where('article_id', '=', articleId).limit(1).executeTakeFirst());
      },
      async addNames(names, tokens, pairs) {
        const created = new Set<string>();
        for (const chunk of chunks(names, 200)) {
          const rows = await trx
            .insertInto('entity_names')
            .values(chunk.map((n) => ({ id: n.id, key: n.key, person: n.person ? 1 : 0, bare: n.bare ? 1 : 0, entity_id: n.id, mentions: 0, person_mentions: 0, articles: 0, attached: 0 })))
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .execute();
          for (const row of rows) created.add(row.id);
        }
        // A known name an article now uses as a person's: marked (never unmarked), and given its pair keys.
        const marked = new Set<string>();
        const wanted = names.filter((n) => n.person && !created.has(n.id)).map((n) => n.id);
        for (const chunk of chunks(wanted, 200)) {
          const rows = await trx.updateTable('entity_names').set({ person: 1 }).where('id', 'in', chunk).where('person', '=', 0).returning('id').execute();
          for (const row of rows) marked.add(row.id);
        }
        const personIds = new Set([...names.filter((n) => n.person && created.has(n.id)).map((n) => n.id), ...marked]);
        const tokenRows = [
          ...[...created].flatMap((id) => (tokens.get(id) ?? []).map((token) => ({ token, name_id: id }))),
          ...[...personIds].flatMap((id) => (pairs.get(id) ?? []).map((token) => ({ token, name_id: id }))),
        ];
        for (const chunk of chunks(tokenRows, 300))
          await trx
            .insertInto('entity_name_tokens')
            .values(chunk)
            .onConflict((oc) => oc.columns(['token', 'name_id']).doNothing())
            .execute();
        return new Set([...created, ...marked]);
      },
      async addMentions(mentions) {
        const tally: MentionTally = { counts: new Map(), forms: new Map() };
        const { counts, forms } = tally;
        const dated = await trx
          .selectFrom('articles')
          .select(['id', 'published'])
          .where('id', 'in', [...new Set(mentions.map((m) => m.articleId)), ''])
          .execute();
        const dates = new Map(dated.map((r) => [r.id, r.published ?? '']));
        for (const chunk of chunks(mentions, 100)) {
          const inserted = await trx
            .insertInto('entity_mentions')
            .values(
              chunk.map((m) => ({
                article_id: m.articleId,
                mention: m.mention,
                name_id: m.nameId,
                text: m.text,
                type: m.type,
                start: m.start,
                end: m.end,
                published_key: dates.get(m.articleId) ?? '',
              })),
            )
            .onConflict((oc) => oc.columns(['article_id', 'mention']).doNothing())
            .returning(['name_id', 'type', 'text'])
            .execute();
          tallyMentions(tally, inserted);
        }
        // One statement for every name's counts; an article's mentions are stored all at once, so a name with new
        // mentions is a name in one more article.
        for (const chunk of chunks([...counts], 200)) {
          const added = (field: 'all' | 'person') =>
            sql<number>`case id ${sql.join(
              chunk.map(([id, c]) => sql`when ${id} then ${c[field]}`),
              sql` `,
            )} else 0 end`;
          await trx
            .updateTable('entity_names')
            .set((eb) => ({ mentions: eb('mentions', '+', added('all')), person_mentions: eb('person_mentions', '+', added('person')), articles: eb('articles', '+', 1) }))
            .where(
              'id',
              'in',
              chunk.map(([id]) => id),
            )
            .execute();
        }
        for (const chunk of chunks([...forms.values()], 200)) {
          await trx
            .insertInto('entity_forms')
            .values(chunk)
            .onConflict((oc) => oc.columns(['name_id', 'text', 'type']).doUpdateSet((eb) => ({ mentions: eb('entity_forms.mentions', '+', eb.ref('excluded.mentions')) })))
            .execute();
        }
      },
      async addRoles(roles) {
        const gained = new Set<string>();
        if (roles.length === 0) return gained;
        const ids = [...new Set(roles.map((r) => r.nameId))];
        const known = await trx.selectFrom('entity_roles').select(['name_id', 'role_key']).distinct().where('name_id', 'in', ids).execute();
        const had = new Set(known.map((k) => `${k.name_id}|${k.role_key}`));
        for (const r of roles) if (!had.has(`${r.nameId}|${r.roleKey}`)) gained.add(r.nameId);
        for (const chunk of chunks(roles, 200)) {
          await trx
            .insertInto('entity_roles')
            .values(chunk.map((r) => ({ name_id: r.nameId, role_key: r.roleKey, role: r.role, text: r.text, article_id: r.articleId, start: r.start, end: r.end })))
            .onConflict((oc) => oc.columns(['name_id', 'article_id', 'start', 'role_key']).doNothing())
            .execute();
        }
        return gained;
      },
      async personNamesWithTokens(tokens) {
        if (tokens.length === 0) return [];
        const pairs: { token: string; name_id: string }[] = [];
        for (const chunk of chunks([...new Set(tokens)], 300)) {
          pairs.push(
            ...(await trx
              .selectFrom('entity_name_tokens')
              .innerJoin('entity_names', 'entity_names.id', 'entity_name_tokens.name_id')
              .select(['entity_name_tokens.token', 'entity_name_tokens.name_id'])
              .where('entity_name_tokens.token', 'in', chunk)
              .where('entity_names.person', '=', 1)
              .where('entity_names.bare', '=', 0)
              .execute()),
          );
        }
        const names = new Map<string, NameRecord>();
        for (const chunk of chunks([...new Set(pairs.map((p) => p.name_id))], 500)) for (const n of await namesWhere(trx, (q) => q.where('id', 'in', chunk))) names.set(n.id, n);
        return pairs.map((p) => ({ token: p.token, name: names.get(p.name_id)! })).sort((a, b) => (a.name.id < b.name.id ? -1 : a.name.id > b.name.id ? 1 : 0));
      },
      async personEntitiesWithToken(tokens, limit) {
        const out = new Map<string, string[]>();
        for (const token of [...new Set(tokens)]) {
          const rows = await trx
            .selectFrom('entity_name_tokens')
            .innerJoin('entity_names', 'entity_names.id', 'entity_name_tokens.name_id')
            .select('entity_names.entity_id')
            .distinct()
            .where('entity_name_tokens.token', '=', token)
            .where('entity_names.person', '=', 1)
            .where('entity_names.bare', '=', 0)
            .limit(limit)
            .execute();
          out.set(
            token,
            rows.map((r) => r.entity_id),
          );
        }
        return out;
      },
      async namesById(ids) {
        const out: NameRecord[] = [];
        for (const chunk of chunks([...new Set(ids)], 500)) appendAll(out, await namesWhere(trx, (q) => q.where('id', 'in', chunk)));
        return out;
      },
      namesOfEntity: (entityId) => namesWhere(trx, (q) => q.where('entity_id', '=', entityId)),
      async mergeEntity(from, to) {
        await trx.updateTable('entity_names').set({ entity_id: to }).where('entity_id', '=', from).execute();
      },
      async setNameEntity(nameId, entityId, attached = false) {
        await trx
          .updateTable('entity_names')
          .set({ entity_id: entityId, attached: attached ? 1 : 0 })
          .where('id', '=', nameId)
          .execute();
      },
      analysis: analysisStore(trx, this.engine),
    };
  }

  async listCopies(): Promise<CopyRecord[]> {
    const rows = await this.db.selectFrom('copies').selectAll().orderBy('copy_id').orderBy('original_id').execute();
    return rows.map(copyFromRow);
  }

  async pageCopies(options: CopyFilter & { limit?: number; offset?: number; after?: CopyCursor } = {}): Promise<Page<CopyRecord>> {
    const { limit, offset } = paging(options);
    let query = this.db.selectFrom('copies');
    // Written out, not bound: the partial index copies_changed (migration 0013) serves only this very condition.
    if (options.changed) query = query.where(sql.raw<boolean>(changedCopyCondition));
    if (options.copyId !== undefined) query = query.where('copy_id', '=', options.copyId);
    if (options.originalId !== undefined) query = query.where('original_id', '=', options.originalId);
    let rows = query.selectAll().orderBy('copy_id').orderBy('original_id').limit(limit);
    // After a cursor: the next rows along the primary key, however deep (an offset walks every row before it).
    const after = options.after;
    if (after) rows = rows.where((eb) => eb.or([eb('copy_id', '>', after.copyId), eb.and([eb('copy_id', '=', after.copyId), eb('original_id', '>', after.originalId)])]));
    else rows = rows.offset(offset);
    const filtered = options.changed || options.copyId !== undefined || options.originalId !== undefined;
    // Every link: the number kept as links are added; a filter is counted.
    const count = async () => Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const kept = async () => {
      const row = await this.db.selectFrom('settings').select('value').where('key', '=', copyLinksSetting).executeTakeFirst();
      return row ? Number(row.value) : count();
    };
    const [items, total] = await Promise.all([rows.execute(), filtered ? count() : kept()]);
    return { items: items.map(copyFromRow), total, limit, offset: after ? 0 : offset };
  }

  async listEntities(options: { type?: string; query?: string; limit?: number; offset?: number } = {}): Promise<Page<EntitySummary>> {
    const { limit, offset } = paging(options);
    let query = this.db
      .selectFrom('entity_names')
      .select(['entity_id as id', (eb) => eb.fn.sum<number>('mentions').as('mentions'), (eb) => eb.fn.sum<number>('articles').as('articles')])
      .where('mentions', '>', 0)
      .groupBy('entity_id');
    if (options.query) {
      const pattern = `%${foldName(options.query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where('entity_id', 'in', this.db.selectFrom('entity_names').select('entity_id').where(sql<boolean>`key like ${pattern} escape '\\'`));
    }
    if (options.type) {
      // The entity's type is the one most of its mentions carry: counted from the forms, not from the mentions.
      const byType = await this.db
        .selectFrom('entity_forms')
        .innerJoin('entity_names', 'entity_names.id', 'entity_forms.name_id')
        .select(['entity_names.entity_id as id', 'entity_forms.type', (eb) => eb.fn.sum<number>('entity_forms.mentions').as('n')])
        .groupBy(['entity_names.entity_id', 'entity_forms.type'])
        .execute();
      const votes = new Map<string, Map<string, number>>();
      for (const r of byType) votes.set(r.id, (votes.get(r.id) ?? new Map()).set(r.type, Number(r.n)));
      const ids = [...votes].filter(([, v]) => majorityType(v) === options.type).map(([id]) => id);
      if (ids.length === 0) return { items: [], total: 0, limit, offset };
      const wanted = new Set(ids);
      const rows = (await query.execute())
        .filter((r) => wanted.has(r.id))
        .map((r) => ({ id: r.id, mentions: Number(r.mentions), articles: Number(r.articles) }))
        .sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
      return this.entityPage(rows.slice(offset, offset + limit), rows.length, limit, offset);
    }
    const total = await this.db
      .selectFrom(query.as('entities'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query.orderBy('mentions', 'desc').orderBy('id').limit(limit).offset(offset).execute();
    return this.entityPage(rows, Number(total.n), limit, offset);
  }

  /** Entities of one page (already sorted and cut) with exact article counts, names and types. */
  private async entityPage(page: { id: string; mentions: number; articles: number }[], total: number, limit: number, offset: number): Promise<Page<EntitySummary>> {
    // Article counts shown are exact: a page's worth of entities counted from their mentions.
    const exact = new Map<string, number>();
    for (const chunk of chunks(
      page.map((r) => r.id),
      200,
    )) {
      const counted = await this.db
        .selectFrom('entity_mentions')
        .innerJoin('entity_names', 'entity_names.id', 'entity_mentions.name_id')
        .select(['entity_names.entity_id as id', (eb) => eb.fn.count<number>('entity_mentions.article_id').distinct().as('n')])
        .where('entity_names.entity_id', 'in', chunk)
        .groupBy('entity_names.entity_id')
        .execute();
      for (const c of counted) exact.set(c.id, Number(c.n));
    }
    const items = await this.summarize(page.map((r) => ({ id: r.id, mentions: Number(r.mentions), articles: exact.get(r.id) ?? Number(r.articles) })));
    return { items, total, limit, offset };
  }

  /**
   * Names and types of entities: as kept in `entity_labels` for those not marked stale since (schema.ts 0024), else
   * from the forms their names were written in (`nameAndType`), which a much-named entity has thousands of.
   */
  private async summarize(rows: { id: string; mentions: number; articles: number }[]): Promise<EntitySummary[]> {
    const labels = new Map<string, { name: string; key: string; type: string }>();
    for (const chunk of chunks([...new Set(rows.map((r) => r.id))], 300)) {
      for (const l of await this.db
        .selectFrom('entity_labels as l')
        .select(['l.entity_id', 'l.name', 'l.key', 'l.type'])
        .where('l.entity_id', 'in', chunk)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('entity_labels_stale as s').select('s.entity_id').whereRef('s.entity_id', '=', 'l.entity_id'))))
        .execute())
        labels.set(l.entity_id, { name: l.name, key: l.key, type: l.type });
    }
    const forms = new Map<string, StoredForm[]>();
    for (const chunk of chunks([...new Set(rows.map((r) => r.id).filter((id) => !labels.has(id)))], 300)) await readForms(this.db, forms, chunk);
    return rows.map((row) => ({ ...row, ...(labels.get(row.id) ?? nameAndType(forms.get(row.id) ?? [])) }));
  }

  async getEntity(id: string): Promise<EntityDetail | null> {
    const mentionRows = await this.db
      .selectFrom('entity_mentions')
      .innerJoin('entity_names', 'entity_names.id', 'entity_mentions.name_id')
      .select(['entity_mentions.article_id', 'entity_mentions.mention', 'entity_mentions.text', 'entity_mentions.type', 'entity_mentions.start', 'entity_mentions.end', 'entity_names.bare'])
      .where('entity_names.entity_id', '=', id)
      .orderBy('entity_mentions.article_id')
      .orderBy('entity_mentions.mention')
      .execute();
    if (mentionRows.length === 0) return null;
    const articleIds = [...new Set(mentionRows.map((m) => m.article_id))].sort();
    const [summary] = await this.summarize([{ id, mentions: mentionRows.length, articles: articleIds.length }]);
    const aliases = new Map<string, number>();
    for (const m of mentionRows) aliases.set(m.text, (aliases.get(m.text) ?? 0) + 1);
    const roles = await this.db
      .selectFrom('entity_roles')
      .innerJoin('entity_names', 'entity_names.id', 'entity_roles.name_id')
      .select(['entity_roles.role', 'entity_roles.text', 'entity_roles.article_id', 'entity_roles.start', 'entity_roles.end'])
      .where('entity_names.entity_id', '=', id)
      .orderBy('entity_roles.article_id')
      .orderBy('entity_roles.start')
      .execute();
    return {
      ...summary!,
      aliases: [...aliases].map(([text, mentions]) => ({ text, mentions })).sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text)),
      // Roles stored before their text was kept show the role itself.
      roles: roles.map((r) => ({ role: r.role, text: r.text || r.role, articleId: r.article_id, start: Number(r.start), end: Number(r.end) })),
      mentionList: mentionRows.map((m) => ({ articleId: m.article_id, mention: Number(m.mention), text: m.text, type: m.type, start: Number(m.start), end: Number(m.end) })),
      articleIds,
    };
  }

  async entityNames(ids: readonly string[]): Promise<Map<string, { name: string; key: string; type: string }>> {
    const out = new Map<string, { name: string; key: string; type: string }>();
    for (const chunk of chunks([...new Set(ids)], 300)) {
      for (const s of await this.summarize(chunk.map((id) => ({ id, mentions: 0, articles: 0 })))) out.set(s.id, { name: s.name, key: s.key, type: s.type });
    }
    return out;
  }

  findingsOfKind(kind: string): Promise<FindingRecord[]> {
    return analysisStore(this.db, this.engine).findingsOfKind(kind);
  }

  findingsWithKeys(kind: string, keys: readonly string[]): Promise<Map<string, FindingRecord>> {
    return analysisStore(this.db, this.engine).findings(kind, keys);
  }

  async pageFindings(query: FindingQuery): Promise<Page<FindingRecord>> {
    const { limit, offset } = paging(query);
    let q = this.db.selectFrom('analysis_findings').where('kind', '=', kindTerm(query.kind));
    if (query.verdict !== undefined) q = q.where('verdict', '=', query.verdict);
    if (query.key !== undefined) q = q.where('key', '=', query.key);
    if (query.parts) q = query.parts.length > 0 ? q.where('part', 'in', [...query.parts]) : q.where(sql<boolean>`1 = 0`);
    if (query.rankFrom !== undefined) q = q.where('rank', '>=', query.rankFrom);
    if (query.rankBefore !== undefined) q = q.where('rank', '<', query.rankBefore);
    let rows = q.selectAll();
    if (query.order === 'rank') rows = rows.orderBy('rank').orderBy('key');
    else if (query.order === 'rank-desc') rows = rows.orderBy('rank', 'desc').orderBy('key');
    else rows = rows.orderBy('key');
    const whole = query.key === undefined && !query.parts && query.rankFrom === undefined && query.rankBefore === undefined;
    const [items, total] = await Promise.all([
      rows.limit(limit).offset(offset).execute(),
      whole
        ? keptCount(this.db, 'findings', query.kind, query.verdict)
        : q
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
            .then((r) => Number(r.n)),
    ]);
    return { items: items.map((r) => ({ ...r, version: Number(r.version) })), total, limit, offset };
  }

  async pageFacts(query: FindingQuery): Promise<Page<FactRecord>> {
    const { limit, offset } = paging(query);
    let q = this.db.selectFrom('analysis_facts').where('kind', '=', kindTerm(query.kind));
    if (query.parts) q = query.parts.length > 0 ? q.where('part', 'in', [...query.parts]) : q.where(sql<boolean>`1 = 0`);
    if (query.rankFrom !== undefined) q = q.where('rank', '>=', query.rankFrom);
    if (query.rankBefore !== undefined) q = q.where('rank', '<', query.rankBefore);
    if (!query.parts) {
      // Every fact once: a page read along the (kind, rank) index, no grouping over the range.
      let rows = q.selectAll();
      if (query.order === 'rank') rows = rows.orderBy('rank').orderBy('article_id').orderBy('seq');
      else if (query.order === 'rank-desc') rows = rows.orderBy('rank', 'desc').orderBy('article_id').orderBy('seq');
      else rows = rows.orderBy('article_id').orderBy('seq');
      const whole = query.rankFrom === undefined && query.rankBefore === undefined;
      const [items, total] = await Promise.all([
        rows.limit(limit).offset(offset).execute(),
        whole
          ? keptCount(this.db, 'facts', query.kind)
          : q
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
              .then((r) => Number(r.n)),
      ]);
      return {
        items: items.map((r) => ({ articleId: r.article_id, kind: r.kind, seq: Number(r.seq), part: r.part, rank: r.rank, data: r.data, version: Number(r.version) })),
        total,
        limit,
        offset,
      };
    }
    // One row per article and rank: a fact stored under several of the parts asked for (one per name it holds) is listed once.
    const grouped = q
      .select(['article_id', 'rank', (eb) => eb.fn.min('seq').as('seq'), (eb) => eb.fn.min('part').as('part'), (eb) => eb.fn.min('data').as('data'), (eb) => eb.fn.min('version').as('version')])
      .groupBy(['article_id', 'rank']);
    let rows = grouped;
    if (query.order === 'rank') rows = rows.orderBy('rank').orderBy('article_id');
    else if (query.order === 'rank-desc') rows = rows.orderBy('rank', 'desc').orderBy('article_id');
    else rows = rows.orderBy('article_id').orderBy('seq');
    const [items, total] = await Promise.all([
      rows.limit(limit).offset(offset).execute(),
      this.db
        .selectFrom(grouped.as('facts'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: items.map((r) => ({ articleId: r.article_id, kind: query.kind, seq: Number(r.seq), part: String(r.part), rank: r.rank, data: String(r.data), version: Number(r.version) })),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  entitiesOfNames(nameIds: readonly string[]): Promise<Map<string, string>> {
    return analysisStore(this.db, this.engine).entitiesOfNames(nameIds);
  }

  namesOfEntities(entityIds: readonly string[]): Promise<string[]> {
    return analysisStore(this.db, this.engine).namesOfEntities(entityIds);
  }

  async entitiesWithWords(words: string): Promise<string[]> {
    const folded = foldName(words);
    if (!folded) return [];
    const pattern = `% ${folded.replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
    const rows = await this.db.selectFrom('entity_names').select('entity_id').distinct().where(sql<boolean>`(' ' || key || ' ') like ${pattern} escape '\\'`).execute();
    return rows.map((r) => r.entity_id).sort(compareCodePoints);
  }

  async analysisVersions(): Promise<{ layer: 'articles' | 'findings'; version: number; rows: number }[]> {
    // An analysed article leaves one `analyzed` fact (src/analyze/update.ts): its version is the article's.
    const [articles, findings] = await Promise.all([
      this.db
        .selectFrom('analysis_facts')
        .select(['version', (eb) => eb.fn.countAll<number>().as('n')])
        .where('kind', '=', 'analyzed')
        .groupBy('version')
        .orderBy('version')
        .execute(),
      this.db
        .selectFrom('analysis_findings')
        .select(['version', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('version')
        .orderBy('version')
        .execute(),
    ]);
    return [
      ...articles.map((r) => ({ layer: 'articles' as const, version: Number(r.version), rows: Number(r.n) })),
      ...findings.map((r) => ({ layer: 'findings' as const, version: Number(r.version), rows: Number(r.n) })),
    ];
  }

  factsInParts(kind: string, parts: readonly string[]): Promise<FactRecord[]> {
    return analysisStore(this.db, this.engine).factsInParts(kind, parts);
  }

  outletCounts(): Promise<OutletCount[]> {
    return outletCountsOf(this.db);
  }

  async articleIdsAfter(after: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  async entityIdsWithPrefix(prefix: string, limit: number): Promise<string[]> {
    if (!/^[0-9a-f]+$/.test(prefix)) return [];
    const rows = await this.db
      .selectFrom('entity_names')
      .select('entity_id')
      .distinct()
      .where('entity_id', '>=', prefix)
      .where('entity_id', '<', `${prefix}g`)
      .orderBy('entity_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.entity_id);
  }

  async entitiesNamed(key: string): Promise<string[]> {
    const rows = await this.db.selectFrom('entity_names').select('entity_id').distinct().where('key', '=', key).execute();
    return rows.map((r) => r.entity_id).sort();
  }

  async entitiesSharingArticles(id: string, limit: number): Promise<{ id: string; shared: number }[]> {
    const byShared = (x: { id: string; shared: number }, y: { id: string; shared: number }) => y.shared - x.shared || compareCodePoints(x.id, y.id);
    // An entity whose pairs are not kept is in a few articles: its pairs are counted from them.
    if (!(await pairedAmong(this.db, [id])).has(id)) return (await this.sharedArticlesCounted(id, false)).sort(byShared).slice(0, limit);
    // The pairs it is first in along the primary key, every one (a contiguous range); those it is second in along
    // entity_pairs_b, ordered by count (0025): the first `limit` and their ties at the cut, which hold the first `limit`
    // of that side in the order below. Read whole, that side was a lookup per pair (6,528 pairs, 21 ms, at 50,000 articles).
    const bySecond = this.db.selectFrom('entity_pairs').select(['a as id', 'articles']).where('b', '=', id).where('articles', '>', 0);
    const [first, top] = await Promise.all([
      this.db.selectFrom('entity_pairs').select(['b as id', 'articles']).where('a', '=', id).where('articles', '>', 0).execute(),
      bySecond.orderBy('articles', 'desc').limit(limit).execute(),
    ]);
    const cut = top.length === limit ? top.at(-1)!.articles : null;
    const second = cut === null ? top : [...top.filter((r) => Number(r.articles) > Number(cut)), ...(await bySecond.where('articles', '=', cut).execute())];
    const kept = [...first, ...second].map((r) => ({ id: r.id, shared: Number(r.articles) })).sort(byShared);
    // An entity whose pairs are not kept shares fewer than `pairedEntityArticles` articles with any other: when the
    // first `limit` kept all share more, none of those can be among them; else they are counted from this entity's articles.
    if (kept.length >= limit && kept[limit - 1]!.shared >= pairedEntityArticles) return kept.slice(0, limit);
    return [...kept, ...(await this.sharedArticlesCounted(id, true))].sort(byShared).slice(0, limit);
  }

  /** The articles entity `id` shares with each other entity (with `unpairedOnly`, each whose pairs are not kept), counted from its mentions. */
  private async sharedArticlesCounted(id: string, unpairedOnly: boolean): Promise<{ id: string; shared: number }[]> {
    const rows = await sql<{ id: string; shared: number }>`select o.entity_id as id, count(distinct m.article_id) as shared
      from entity_names n join entity_mentions m on m.name_id = n.id
      join entity_mentions p on p.article_id = m.article_id join entity_names o on o.id = p.name_id
      where n.entity_id = ${id} and o.entity_id <> ${id}
        and exists (select 1 from analysis_facts d where d.article_id = m.article_id and d.kind = 'analyzed')
        ${unpairedOnly ? sql`and o.entity_id not in (select entity_id from paired_entities)` : sql``}
      group by o.entity_id`.execute(this.db);
    return rows.rows.map((r) => ({ id: r.id, shared: Number(r.shared) }));
  }

  async entityArticlesByDate(id: string, limit: number): Promise<{ articleId: string; published: string | null; mentions: number; start: number; end: number }[]> {
    const names = await this.namesOfEntities([id]);
    // The first `limit` of each name along its index: the first `limit` of the entity are among them (an article before
    // one of those is in the entity's list before it).
    const firsts = new Map<string, string>();
    for (const name of nameGroups(names)) {
      const rows = await this.db
        .selectFrom('entity_mentions')
        .select(['published_key', 'article_id'])
        .distinct()
        .where('name_id', typeof name === 'string' ? '=' : 'in', name)
        .orderBy('published_key')
        .orderBy('article_id')
        .limit(limit)
        .execute();
      for (const r of rows) firsts.set(r.article_id, r.published_key);
    }
    const chosen = [...firsts]
      .sort(([a, x], [b, y]) => compareCodePoints(x, y) || compareCodePoints(a, b))
      .slice(0, limit)
      .map(([articleId]) => articleId);
    if (chosen.length === 0) return [];
    const mentions = await this.db
      .selectFrom('entity_mentions')
      .select(['article_id', 'start', 'end', 'published_key'])
      .where('article_id', 'in', chosen)
      .where('name_id', 'in', names)
      .orderBy('article_id')
      .orderBy('mention')
      .execute();
    const out = new Map<string, { articleId: string; published: string | null; mentions: number; start: number; end: number }>();
    for (const m of mentions) {
      const first = out.get(m.article_id);
      if (!first) out.set(m.article_id, { articleId: m.article_id, published: m.published_key || null, mentions: 1, start: Number(m.start), end: Number(m.end) });
      else {
        first.mentions++;
        if (Number(m.start) < first.start) Object.assign(first, { start: Number(m.start), end: Number(m.end) });
      }
    }
    return chosen.map((articleId) => out.get(articleId)!);
  }

  async entityAliases(id: string): Promise<EntityDetail['aliases']> {
    const rows = await this.db
      .selectFrom('entity_forms')
      .innerJoin('entity_names', 'entity_names.id', 'entity_forms.name_id')
      .select(['entity_forms.text', (eb) => eb.fn.sum<number>('entity_forms.mentions').as('mentions')])
      .where('entity_names.entity_id', '=', id)
      .groupBy('entity_forms.text')
      .execute();
    return rows
      .map((r) => ({ text: r.text, mentions: Number(r.mentions) }))
      .filter((a) => a.mentions > 0)
      .sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text));
  }

  async entityRoles(id: string, limit: number): Promise<EntityDetail['roles']> {
    const names = await this.namesOfEntities([id]);
    const rows: { role: string; role_key: string; text: string; article_id: string; start: number; end: number }[] = [];
    // Each name's first `limit` along its primary key (name, article, place, role), then the first `limit` of them all.
    for (const name of nameGroups(names)) {
      appendAll(
        rows,
        await this.db
          .selectFrom('entity_roles')
          .select(['role', 'role_key', 'text', 'article_id', 'start', 'end'])
          .where('name_id', typeof name === 'string' ? '=' : 'in', name)
          .orderBy('article_id')
          .orderBy('start')
          .orderBy('role_key')
          .limit(limit)
          .execute(),
      );
    }
    return rows
      .sort((a, b) => compareCodePoints(a.article_id, b.article_id) || Number(a.start) - Number(b.start) || compareCodePoints(a.role_key, b.role_key))
      .slice(0, limit)
      .map((r) => ({ role: r.role, text: r.text || r.role, articleId: r.article_id, start: Number(r.start), end: Number(r.end) }));
  }

  async entityPairsAmong(entityIds: readonly string[]): Promise<EntityPairCount[]> {
    const ids = [...new Set(entityIds)].sort(compareCodePoints);
    const out: EntityPairCount[] = [];
    // Each kept pair once, by its first entity: read along the primary key, a point range per entity.
    for (const chunk of chunks(ids, 100)) appendAll(out, (await this.db.selectFrom('entity_pairs').selectAll().where('a', 'in', chunk).where('b', 'in', ids).execute()).map(pairOf));
    // The pairs of those whose pairs are not kept, counted from their articles (a few each): those with another of `ids`.
    const paired = await pairedAmong(this.db, ids);
    const unpaired = new Set(ids.filter((id) => !paired.has(id)));
    const among = new Set(ids);
    const articles = new Set<string>();
    for (const id of unpaired) for (const r of (await entityArticlesOf(this.engine, id).execute(this.db)).rows) articles.add(r.article_id);
    for (const chunk of chunks([...articles], 300)) {
      const counted = await sql<Selectable<Schema['entity_pairs']>>`${pairCountsSql(this.engine, sql`m.article_id in (${sql.join(chunk)})`, (column) => sql`${column} in (${sql.join(ids)})`)}`.execute(
        this.db,
      );
      for (const r of counted.rows) if (among.has(r.a) && among.has(r.b) && (unpaired.has(r.a) || unpaired.has(r.b))) out.push(pairOf(r));
    }
    return mergedPairs(out);
  }

  async entityCooccurring(id: string, limit: number): Promise<(EntitySummary & { shared: number })[]> {
    const rows = await this.entitiesSharingArticles(id, limit);
    const shared = new Map(rows.map((r) => [r.id, r.shared]));
    const counts = new Map<string, number>();
    for (const chunk of chunks(
      rows.map((r) => r.id),
      300,
    )) {
      const sums = await this.db
        .selectFrom('entity_names')
        .select(['entity_id as id', (eb) => eb.fn.sum<number>('mentions').as('n')])
        .where('entity_id', 'in', chunk)
        .groupBy('entity_id')
        .execute();
      for (const r of sums) counts.set(r.id, Number(r.n));
    }
    const page = await this.entityPage(
      rows.map((r) => ({ id: r.id, mentions: counts.get(r.id) ?? 0, articles: 0 })),
      rows.length,
      limit,
      0,
    );
    return page.items.map((e) => ({ ...e, shared: shared.get(e.id)! })).sort((a, b) => b.shared - a.shared || b.mentions - a.mentions || compareCodePoints(a.name, b.name));
  }

  async articleSummaries(ids: readonly string[]): Promise<ArticleSummary[]> {
    const out: ArticleSummary[] = [];
    for (const chunk of chunks([...new Set(ids)], 300)) appendAll(out, (await this.db.selectFrom('articles').select(summaryColumns).where('id', 'in', chunk).execute()).map(summaryFromRow));
    return out;
  }

  async articleRefs(ids: readonly string[]): Promise<{ id: string; title: string | null; outlet: string | null; published: string | null }[]> {
    const out: { id: string; title: string | null; outlet: string | null; published: string | null }[] = [];
    for (const chunk of chunks([...new Set(ids)], 300)) appendAll(out, await this.db.selectFrom('articles').select(['id', 'title', 'outlet', 'published']).where('id', 'in', chunk).execute());
    return out;
  }

  async articleEntities(articleId: string): Promise<Map<number, string>> {
    const rows = await this.db
      .selectFrom('entity_mentions')
      .innerJoin('entity_names', 'entity_names.id', 'entity_mentions.name_id')
      .select(['entity_mentions.mention', 'entity_names.entity_id'])
      .where('entity_mentions.article_id', '=', articleId)
      .execute();
    return new Map(rows.map((r) => [Number(r.mention), r.entity_id]));
  }

  abstract search(query: string, options?: { limit?: number; offset?: number }): Promise<Page<SearchHit>>;

  async saveArticles(source: SourceRecord, docs: readonly Doc[]): Promise<SaveResult[]> {
    const rawHash = createHash('sha256').update(source.raw).digest('hex');
    const now = new Date().toISOString();
    try {
      return await this.retryBusy(() =>
        this.db.transaction().execute(async (trx) => {
          const results: SaveResult[] = [];
          let sourceId: number | undefined;
          let newSource = false;
          for (const doc of docs) {
            const known = await trx.selectFrom('articles').select('id').where('content_hash', '=', doc.contentHash).executeTakeFirst();
            if (known) {
              results.push({ id: doc.id, status: 'duplicate', existingId: known.id });
              continue;
            }
            if (sourceId === undefined) ({ id: sourceId, inserted: newSource } = await this.sourceId(trx, source, rawHash, now));
            // Another writer may store the same content between the check and the insert: the unique hash decides, without an error.
            const inserted = await trx
              .insertInto('articles')
              .values(articleRow(doc, sourceId, now))
              .onConflict((oc) => oc.column('content_hash').doNothing())
              .returning('id')
              .executeTakeFirst();
            if (!inserted) {
              const winner = await trx.selectFrom('articles').select('id').where('content_hash', '=', doc.contentHash).executeTakeFirstOrThrow();
              results.push({ id: doc.id, status: 'duplicate', existingId: winner.id });
              continue;
            }
            const layers = layerRows(doc);
            if (layers.length > 0) await trx.insertInto('layers').values(layers).execute();
            results.push({ id: doc.id, status: 'inserted' });
          }
          await countStored(
            trx,
            results.filter((r) => r.status === 'inserted').map((r) => r.id),
            newSource,
          );
          return results;
        }),
      );
    } catch (error) {
      throw new QuipuError('E_STORE', `Could not store ${source.locator}: ${(error as Error).message}; nothing of it was written`, source.locator, { cause: error });
    }
  }

  /** The id of the stored source with this raw item, stored now (`inserted`) when there was none. */
  private async sourceId(trx: Kysely<Schema>, source: SourceRecord, rawHash: string, now: string): Promise<{ id: number; inserted: boolean }> {
    const known = await trx.selectFrom('sources').select('id').where('raw_hash', '=', rawHash).executeTakeFirst();
    if (known) return { id: known.id, inserted: false };
    const inserted = await trx
      .insertInto('sources')
      .values({ locator: source.locator, kind: source.kind, content_type: source.contentType, charset: source.charset, raw: source.raw, raw_hash: rawHash, created_at: now })
      .onConflict((oc) => oc.column('raw_hash').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, inserted: true };
    return { id: (await trx.selectFrom('sources').select('id').where('raw_hash', '=', rawHash).executeTakeFirstOrThrow()).id, inserted: false };
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.withLayers([row]))[0]! : null;
  }

  async *allArticles(): AsyncGenerator<StoredArticle> {
    const pageSize = 200;
    for (let offset = 0; ; offset += pageSize) {
      const rows = await this.db.selectFrom('articles').selectAll().orderBy(sql`published is null`).orderBy('published', 'desc').orderBy('seq').limit(pageSize).offset(offset).execute();
      yield* await this.withLayers(rows);
      if (rows.length < pageSize) return;
    }
  }

  /** Full articles from their rows, with the layers of all of them read in one query. */
  private async withLayers(rows: readonly Selectable<ArticlesTable>[]): Promise<StoredArticle[]> {
    if (rows.length === 0) return [];
    const layerRows = await this.db
      .selectFrom('layers')
      .select(['article_id', 'name', 'data'])
      .where(
        'article_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const layersById = new Map<string, Partial<Layers>>(rows.map((r) => [r.id, {}]));
    const textOf = new Map(rows.map((r) => [r.id, r.text]));
    for (const layer of layerRows) (layersById.get(layer.article_id) as Record<string, unknown>)[layer.name] = decodeLayer(layer.name, layer.data, textOf.get(layer.article_id)!);
    return rows.map((row) => ({
      ...summaryFromRow(row),
      text: row.text,
      sourceMap: JSON.parse(row.source_map),
      messages: JSON.parse(row.messages),
      layers: layersById.get(row.id)!,
    }));
  }

  async idsWithPrefix(prefix: string, limit: number): Promise<string[]> {
    if (!/^[0-9a-f]+$/.test(prefix)) return [];
    const rows = await this.db.selectFrom('articles').select('id').where('id', '>=', prefix).where('id', '<', `${prefix}g`).limit(limit).execute();
    return rows.map((row) => row.id);
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Page<ArticleSummary>> {
    const { limit, offset } = paging(filter);
    let query = this.db.selectFrom('articles');
    if (filter.outlet) query = query.where(sql`lower(outlet)`, '=', filter.outlet.toLowerCase());
    if (filter.language) query = query.where('language', '=', filter.language);
    if (filter.from) query = query.where('published', '>=', filter.from);
    // A prefix covers its whole period: "2023-01" as an upper bound keeps every day of January.
    if (filter.to) query = query.where(sql`substr(published, 1, ${filter.to.length})`, '<=', filter.to);
    // Without dates, the totals are the counts kept as articles are stored (an outlet or a language is a few rows of them).
    const dated = filter.from !== undefined || filter.to !== undefined;
    const tally = dated ? null : await this.tally(filter);
    const total = tally ? tally.articles : Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // The page is picked by the ordering columns alone, then its rows read: sorting the summary columns themselves made
    // the engine take `length(text)`, every article's whole text, for every row before the sort (36 ms at 2,000 articles).
    // Unfiltered, the dated articles and then the undated are each read along the (published desc, seq) index, a page
    // deep: the one ordering expression sorted every article's date for the first page.
    const seqs = tally && !filter.outlet && !filter.language ? await this.pageInOrder(tally.dated, limit, offset) : null;
    const page = seqs ?? query.select('seq').orderBy(sql`published is null`).orderBy('published', 'desc').orderBy('seq').limit(limit).offset(offset);
    if (seqs?.length === 0) return { items: [], total, limit, offset };
    const rows = await this.db.selectFrom('articles').select(summaryColumns).where('seq', 'in', page).orderBy(sql`published is null`).orderBy('published', 'desc').orderBy('seq').execute();
    return { items: rows.map(summaryFromRow), total, limit, offset };
  }

  /** The stored articles (and of them the dated) of an outlet, a language, or the whole store, as counted when stored. */
  private async tally(filter: Pick<ArticleFilter, 'outlet' | 'language'>): Promise<{ articles: number; dated: number }> {
    let query = this.db.selectFrom('article_tallies');
    if (filter.outlet) query = query.where(sql`lower(outlet)`, '=', filter.outlet.toLowerCase());
    if (filter.language) query = query.where('language', '=', filter.language);
    const row = await query.select((eb) => [eb.fn.sum<number>('articles').as('articles'), eb.fn.sum<number>('dated').as('dated')]).executeTakeFirstOrThrow();
    return { articles: Number(row.articles ?? 0), dated: Number(row.dated ?? 0) };
  }

  /** The `seq` of the articles of a page of the whole store in list order, given how many are dated. */
  private async pageInOrder(dated: number, limit: number, offset: number): Promise<number[]> {
    const seqs: number[] = [];
    if (offset < dated) {
      const rows = await this.db.selectFrom('articles').select('seq').where('published', 'is not', null).orderBy('published', 'desc').orderBy('seq').limit(limit).offset(offset).execute();
      for (const r of rows) seqs.push(Number(r.seq));
    }
    if (seqs.length < limit) {
      const rows = await this.db
        .selectFrom('articles')
        .select('seq')
        .where('published', 'is', null)
        .orderBy('seq')
        .limit(limit - seqs.length)
        .offset(Math.max(0, offset - dated))
        .execute();
      for (const r of rows) seqs.push(Number(r.seq));
    }
    return seqs;
  }

  async recountArticles(): Promise<void> {
    await this.retryBusy(() =>
      this.db.transaction().execute(async (trx) => {
        // PostgreSQL: no article is stored meanwhile, or the count would miss it (SQLite's transaction holds the one write lock).
        if (this.engine === 'postgres') await sql`lock table articles in share mode`.execute(trx);
        await trx.deleteFrom('article_tallies').execute();
        await tallyStored(trx);
      }),
    );
  }

  async articleCount(): Promise<number> {
    // The tallies, counted in the transaction that stores each article: a few rows, where a count reads an index of the pile.
    const row = await this.db
      .selectFrom('article_tallies')
      .select((eb) => eb.fn.sum<number>('articles').as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n ?? 0);
  }

  async getSourceRaw(articleId: string): Promise<{ locator: string; kind: string; raw: string; sourceMap: SourceAnchor[] } | null> {
    // The map from the article's row alone: reading the whole article parsed every layer of it for each request.
    const row = await this.db
      .selectFrom('articles')
      .innerJoin('sources', 'sources.id', 'articles.source_id')
      .select(['sources.locator', 'sources.kind', 'sources.raw', 'articles.source_map'])
      .where('articles.id', '=', articleId)
      .executeTakeFirst();
    if (!row) return null;
    const { source_map: sourceMap, ...source } = row;
    return { ...source, sourceMap: JSON.parse(sourceMap) as SourceAnchor[] };
  }

  /** Read from the counts kept as articles and sources are stored (`countStored`): a few rows per outlet, whatever the pile. */
  async stats(): Promise<StoreStats> {
    const counts = await this.db
      .selectFrom('article_tallies')
      .select((eb) => [eb.fn.sum<number>('articles').as('articles'), eb.fn.min('earliest').as('earliest'), eb.fn.max('latest').as('latest'), eb.fn.sum<number>('characters').as('characters')])
      .executeTakeFirstOrThrow();
    const sources = await this.db.selectFrom('settings').select('value').where('key', '=', sourceCountSetting).executeTakeFirst();
    const outlets = await this.db
      .selectFrom('article_tallies')
      .select(['outlet', (eb) => eb.fn.sum<number>('articles').as('n')])
      .groupBy('outlet')
      .orderBy('n', 'desc')
      .orderBy('outlet')
      .execute();
    // Ties by language: the order they came in before, when the articles themselves were grouped.
    const languages = await this.db
      .selectFrom('article_tallies')
      .select(['language', (eb) => eb.fn.sum<number>('articles').as('n')])
      .groupBy('language')
      .orderBy('n', 'desc')
      .orderBy('language')
      .execute();
    return {
      articles: Number(counts.articles ?? 0),
      sources: sources
        ? Number(sources.value)
        : Number(
            (
              await this.db
                .selectFrom('sources')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
      outlets: outlets.map((o) => ({ outlet: o.outlet, articles: Number(o.n) })),
      languages: languages.map((l) => ({ language: l.language, articles: Number(l.n) })),
      published: { earliest: counts.earliest ?? null, latest: counts.latest ?? null },
      characters: Number(counts.characters ?? 0),
    };
  }

  async getSetting(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.retryBusy(() =>
      this.db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute(),
    );
  }

  pageClaims(query: ClaimQuery): Promise<Page<{ articleId: string; seq: number; data: string }>> {
    return pageClaims(this.db, this.engine, query, paging(query));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

const summaryColumns = [
  'id',
  'content_hash',
  'locator',
  'part_index',
  'part_count',
  'title',
  'outlet',
  'authors',
  'translator',
  'published',
  'language',
  'dateline_place',
  'via',
  'canonical_url',
  'ingested_at',
  sql<number>`length(text)`.as('length'),
] as const;

export type SummaryRow = Pick<
  ArticlesTable,
  | 'id'
  | 'content_hash'
  | 'locator'
  | 'part_index'
  | 'part_count'
  | 'title'
  | 'outlet'
  | 'authors'
  | 'translator'
  | 'published'
  | 'language'
  | 'dateline_place'
  | 'via'
  | 'canonical_url'
  | 'ingested_at'
> & { length?: number; text?: string };

/** A stored copy link; its extent, changes and evidence are kept as JSON beside the pair. */
function copyFromRow(row: Selectable<CopiesTable>): CopyRecord {
  return { copyId: row.copy_id, originalId: row.original_id, similarity: Number(row.similarity), kind: row.kind, ...(row.detail ? JSON.parse(row.detail) : {}) };
}

export function summaryFromRow(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    contentHash: row.content_hash,
    meta: {
      title: row.title,
      outlet: row.outlet,
      authors: JSON.parse(row.authors),
      translator: row.translator,
      published: row.published,
      datelinePlace: row.dateline_place,
      language: row.language,
      source: row.locator,
      via: row.via,
      canonicalUrl: row.canonical_url,
      partIndex: row.part_index,
      partCount: row.part_count,
    },
    ingestedAt: row.ingested_at,
    length: row.length ?? row.text?.length ?? 0,
  };
}

function articleRow(doc: Doc, sourceId: number, now: string) {
  const { meta } = doc;
  return {
    id: doc.id,
    content_hash: doc.contentHash,
    source_id: sourceId,
    locator: meta.source,
    part_index: meta.partIndex,
    part_count: meta.partCount,
    title: meta.title,
    outlet: meta.outlet,
    authors: JSON.stringify(meta.authors),
    translator: meta.translator,
    published: meta.published,
    language: meta.language,
    dateline_place: meta.datelinePlace,
    via: meta.via,
    canonical_url: meta.canonicalUrl,
    text: doc.text,
    source_map: JSON.stringify(doc.sourceMap),
    messages: JSON.stringify(doc.messages),
    ingested_at: now,
  };
}

const layerNames: (keyof Layers)[] = ['tokens', 'sentences', 'entities', 'timexes', 'quotes', 'roles', 'events', 'figures'];

function layerRows(doc: Doc) {
  return layerNames.filter((name) => doc[name] !== undefined).map((name) => ({ article_id: doc.id, name, data: encodeLayer(doc, name) }));
}

/** The parts of a copy record beyond its columns, as stored JSON (null when there are none, as for links found before 0005). */
function copyDetail(c: CopyRecord): string | null {
  const detail = { translated: c.translated, coverage: c.coverage, extent: c.extent, changes: c.changes, evidence: c.evidence };
  return Object.values(detail).some((v) => v !== undefined) ? JSON.stringify(detail) : null;
}

/** Appends one at a time: `push(...items)` passes each item as an argument and overflows the stack on a large pile's rows. */
/** Which of these entities have their pairs kept (`paired_entities`). */
async function pairedAmong(db: Kysely<Schema>, entityIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunks([...new Set(entityIds)], 500)) for (const r of await db.selectFrom('paired_entities').select('entity_id').where('entity_id', 'in', chunk).execute()) out.add(r.entity_id);
  return out;
}

const pairOf = (r: Selectable<Schema['entity_pairs']>): EntityPairCount => ({
  a: r.a,
  b: r.b,
  articles: Number(r.articles),
  sentences: Number(r.sentences),
  quotes: Number(r.quotes),
  quotesBack: Number(r.quotes_back),
});

/** The analysed articles entity `id` is in (`entityArticlesSql`). */
const entityArticlesOf = (engine: Engine, id: string) => sql<{ entity_id: string; article_id: string }>`${entityArticlesSql(engine, sql`n.entity_id = ${id}`)}`;

/** Pair counts with those of one pair added up (counted from several lists of articles), by `a` then `b`. */
function mergedPairs(counts: readonly EntityPairCount[]): EntityPairCount[] {
  const byPair = new Map<string, EntityPairCount>();
  for (const c of counts) {
    const key = `${c.a} ${c.b}`;
    const had = byPair.get(key);
    if (!had) byPair.set(key, { ...c });
    else Object.assign(had, { articles: had.articles + c.articles, sentences: had.sentences + c.sentences, quotes: had.quotes + c.quotes, quotesBack: had.quotesBack + c.quotesBack });
  }
  return [...byPair.values()].sort((x, y) => compareCodePoints(x.a, y.a) || compareCodePoints(x.b, y.b));
}

function appendAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function namesWhere(trx: Kysely<Schema>, where: (q: any) => any): Promise<NameRecord[]> {
  const rows: Selectable<Schema['entity_names']>[] = [];
  appendAll(rows, await where(trx.selectFrom('entity_names').selectAll()).execute());
  if (rows.length === 0) return [];
  const roles = new Map<string, string[]>();
  for (const chunk of chunks(
    rows.map((r) => r.id),
    300,
  )) {
    const roleRows = await trx.selectFrom('entity_roles').select(['name_id', 'role_key']).distinct().where('name_id', 'in', chunk).execute();
    for (const r of roleRows) roles.set(r.name_id, [...(roles.get(r.name_id) ?? []), r.role_key]);
  }
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    person: Number(r.person) === 1,
    bare: Number(r.bare) === 1,
    entityId: r.entity_id,
    mentions: Number(r.mentions),
    personMentions: Number(r.person_mentions),
    roles: (roles.get(r.id) ?? []).sort(),
    attached: Number(r.attached) === 1,
  }));
}

/**
 * Counts the articles just stored (`ids`) into their outlet's and language's tally, and a new source into theirs, in
 * the transaction that stored them. The tallies are upserted in one statement in key order and the source count after
 * them, so two PostgreSQL writers storing articles of the same outlets lock the rows in one order and never deadlock.
 */
async function countStored(trx: Kysely<Schema>, ids: readonly string[], newSource: boolean): Promise<void> {
  for (const chunk of chunks(ids, 300)) {
    await sql`insert into article_tallies (outlet_key, outlet, language, articles, dated, characters, earliest, latest)
      select ${sql.raw(tallyKeyOf('outlet'))}, outlet, language, count(*), count(published), sum(length(text)), min(published), max(published)
      from articles where id in (${sql.join(chunk)}) group by outlet, language order by 1, 3
      on conflict (outlet_key, language) do update set
        articles = article_tallies.articles + excluded.articles,
        dated = article_tallies.dated + excluded.dated,
        characters = article_tallies.characters + excluded.characters,
        earliest = case when article_tallies.earliest is null or excluded.earliest < article_tallies.earliest then excluded.earliest else article_tallies.earliest end,
        latest = case when article_tallies.latest is null or excluded.latest > article_tallies.latest then excluded.latest else article_tallies.latest end`.execute(trx);
  }
  if (newSource) await trx.updateTable('settings').set({ value: sql<string>`cast(cast(value as bigint) + 1 as text)` }).where('key', '=', sourceCountSetting).execute();
}

/** Stored articles counted by outlet and language (one pass over the (outlet, language, published) index). */
async function outletCountsOf(db: Kysely<Schema>): Promise<OutletCount[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['outlet', 'language', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('published').as('earliest'), (eb) => eb.fn.max('published').as('latest')])
    .groupBy(['outlet', 'language'])
    .execute();
  return rows.map((r) => ({ outlet: r.outlet, language: r.language, articles: Number(r.n), earliest: r.earliest ?? null, latest: r.latest ?? null }));
}

/** The analysis layer's reads and writes inside the linking transaction `trx`. */
function analysisStore(trx: Kysely<Schema>, engine: Engine): AnalysisStore {
  const factOf = (r: Selectable<Schema['analysis_facts']>): FactRecord => ({
    articleId: r.article_id,
    kind: r.kind,
    seq: Number(r.seq),
    part: r.part,
    rank: r.rank,
    data: r.data,
    version: Number(r.version),
  });
  return {
    async putFacts(articleId, kind, facts) {
      await trx.deleteFrom('analysis_facts').where('article_id', '=', articleId).where('kind', '=', kind).execute();
      const rows = facts.map((f) => ({ article_id: articleId, kind, seq: f.seq, part: f.part, rank: f.rank, data: f.data, version: f.version }));
      for (const chunk of chunks(rows, 100)) await trx.insertInto('analysis_facts').values(chunk).execute();
    },
    async factsInParts(kind, parts) {
      const out: FactRecord[] = [];
      for (const chunk of chunks([...new Set(parts)], 300)) {
        const rows = await trx.selectFrom('analysis_facts').selectAll().where('kind', '=', kind).where('part', 'in', chunk).execute();
        // One at a time: spread as arguments, the hundreds of thousands of facts of a large pile overflow the stack.
        for (const row of rows) out.push(factOf(row));
      }
      return out.sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq);
    },
    async factsOfArticle(articleId, kind) {
      const rows = await trx.selectFrom('analysis_facts').selectAll().where('article_id', '=', articleId).where('kind', '=', kind).orderBy('seq').execute();
      return rows.map(factOf);
    },
    async factsInRankRange(kind, parts, from, before) {
      const out: FactRecord[] = [];
      for (const chunk of chunks([...new Set(parts)], 300)) {
        const rows = await trx.selectFrom('analysis_facts').selectAll().where('kind', '=', kind).where('part', 'in', chunk).where('rank', '>=', from).where('rank', '<', before).execute();
        for (const row of rows) out.push(factOf(row));
      }
      return out.sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq);
    },
    async replaceFindingKeys(kind, keys, findings) {
      for (const chunk of chunks([...new Set(keys)], 300)) await trx.deleteFrom('analysis_findings').where('kind', '=', kind).where('key', 'in', chunk).execute();
      const rows = findings.map((f) => ({ kind: f.kind, key: f.key, part: f.part, verdict: f.verdict, rank: f.rank, data: f.data, version: f.version }));
      for (const chunk of chunks(rows, 100)) await trx.insertInto('analysis_findings').values(chunk).execute();
    },
    async replaceFindings(kind, parts, findings) {
      for (const chunk of chunks([...new Set(parts)], 300)) await trx.deleteFrom('analysis_findings').where('kind', '=', kind).where('part', 'in', chunk).execute();
      const rows = findings.map((f) => ({ kind: f.kind, key: f.key, part: f.part, verdict: f.verdict, rank: f.rank, data: f.data, version: f.version }));
      for (const chunk of chunks(rows, 100)) await trx.insertInto('analysis_findings').values(chunk).execute();
    },
    async factParts(kind) {
      const rows = await trx.selectFrom('analysis_facts').select('part').distinct().where('kind', '=', kind).execute();
      return rows.map((r) => r.part).sort(compareCodePoints);
    },
    async findingParts(kind) {
      const rows = await trx.selectFrom('analysis_findings').select('part').distinct().where('kind', '=', kind).execute();
      return rows.map((r) => r.part).sort(compareCodePoints);
    },
    async findingsOfKind(kind) {
      const rows = await trx.selectFrom('analysis_findings').selectAll().where('kind', '=', kind).execute();
      return rows.map((row) => ({ ...row, version: Number(row.version) })).sort((a, b) => compareCodePoints(a.key, b.key));
    },
    async clearFindings(kind) {
      await trx.deleteFrom('analysis_findings').where('kind', '=', kind).execute();
    },
    async clearFacts(kind) {
      await trx.deleteFrom('analysis_facts').where('kind', '=', kind).execute();
    },
    async outletCounts(pairs) {
      if (pairs === null) return outletCountsOf(trx);
      const out: OutletCount[] = [];
      for (const pair of pairs) {
        const row = await trx
          .selectFrom('articles')
          .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('published').as('earliest'), (eb) => eb.fn.max('published').as('latest')])
          .where('outlet', pair.outlet === null ? 'is' : '=', pair.outlet)
          .where('language', '=', pair.language)
          .executeTakeFirstOrThrow();
        if (Number(row.n) > 0) out.push({ outlet: pair.outlet, language: pair.language, articles: Number(row.n), earliest: row.earliest ?? null, latest: row.latest ?? null });
      }
      return out;
    },
    async finding(kind, key) {
      const row = await trx.selectFrom('analysis_findings').selectAll().where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
      return row ? { ...row, version: Number(row.version) } : null;
    },
    async findings(kind, keys) {
      const out = new Map<string, FindingRecord>();
      for (const chunk of chunks([...new Set(keys)], 300)) {
        for (const row of await trx.selectFrom('analysis_findings').selectAll().where('kind', '=', kind).where('key', 'in', chunk).execute())
          out.set(row.key, { ...row, version: Number(row.version) });
      }
      return out;
    },
    async entitiesOfNames(nameIds) {
      const out = new Map<string, string>();
      for (const chunk of chunks([...new Set(nameIds)], 500)) {
        for (const r of await trx.selectFrom('entity_names').select(['id', 'entity_id']).where('id', 'in', chunk).execute()) out.set(r.id, r.entity_id);
      }
      return out;
    },
    async namesOfEntities(entityIds) {
      const out: string[] = [];
      for (const chunk of chunks([...new Set(entityIds)], 500)) {
        appendAll(
          out,
          (await trx.selectFrom('entity_names').select('id').where('entity_id', 'in', chunk).execute()).map((r) => r.id),
        );
      }
      return out.sort(compareCodePoints);
    },
    async entityTypes(entityIds) {
      const votes = new Map<string, Map<string, number>>();
      for (const chunk of chunks([...new Set(entityIds)], 300)) {
        const rows = await trx
          .selectFrom('entity_forms')
          .innerJoin('entity_names', 'entity_names.id', 'entity_forms.name_id')
          .select(['entity_names.entity_id as id', 'entity_forms.type', (eb) => eb.fn.sum<number>('entity_forms.mentions').as('n')])
          .where('entity_names.entity_id', 'in', chunk)
          .groupBy(['entity_names.entity_id', 'entity_forms.type'])
          .execute();
        for (const r of rows) votes.set(r.id, (votes.get(r.id) ?? new Map()).set(r.type, Number(r.n)));
      }
      return new Map([...votes].map(([id, v]) => [id, majorityType(v)]));
    },
    async mentionNames(articleId) {
      const rows = await trx.selectFrom('entity_mentions').select(['mention', 'name_id']).where('article_id', '=', articleId).execute();
      return new Map(rows.map((r) => [Number(r.mention), r.name_id]));
    },
    async copyLinks(articleIds, side) {
      const out: { copyId: string; originalId: string; kind: string; copyOutlet: string | null; originalOutlet: string | null }[] = [];
      for (const chunk of chunks([...new Set(articleIds)], 300)) {
        const rows = await trx
          .selectFrom('copies')
          .innerJoin('articles as c', 'c.id', 'copies.copy_id')
          .innerJoin('articles as o', 'o.id', 'copies.original_id')
          .select(['copies.copy_id', 'copies.original_id', 'copies.kind', 'c.outlet as copy_outlet', 'o.outlet as original_outlet'])
          .where(side === 'copy' ? 'copies.copy_id' : 'copies.original_id', 'in', chunk)
          .orderBy('copies.copy_id')
          .orderBy('copies.original_id')
          .execute();
        appendAll(
          out,
          rows.map((r) => ({ copyId: r.copy_id, originalId: r.original_id, kind: r.kind, copyOutlet: r.copy_outlet, originalOutlet: r.original_outlet })),
        );
      }
      return out;
    },
    async addFacts(kind, facts) {
      const seen = new Set<string>();
      for (const chunk of chunks([...new Set(facts.map((f) => f.rank))], 300)) {
        const rows = await trx.selectFrom('analysis_facts').select(['article_id', 'rank']).where('kind', '=', kindTerm(kind)).where('rank', 'in', chunk).execute();
        for (const r of rows) seen.add(`${r.article_id}\u0000${r.rank}`);
      }
      const added = facts.filter((f) => {
        const key = `${f.articleId}\u0000${f.rank}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const next = new Map<string, number>();
      for (const chunk of chunks([...new Set(added.map((f) => f.articleId))], 300)) {
        const rows = await trx
          .selectFrom('analysis_facts')
          .select(['article_id', (eb) => eb.fn.max('seq').as('last')])
          .where('kind', '=', kind)
          .where('article_id', 'in', chunk)
          .groupBy('article_id')
          .execute();
        for (const r of rows) next.set(r.article_id, Number(r.last) + 1);
      }
      const rows = added.map((f) => {
        const seq = next.get(f.articleId) ?? 0;
        next.set(f.articleId, seq + 1);
        return { article_id: f.articleId, kind, seq, part: f.part, rank: f.rank, data: f.data, version: f.version };
      });
      for (const chunk of chunks(rows, 200)) await trx.insertInto('analysis_facts').values(chunk).execute();
      return added;
    },
    async factCounts(kind, parts) {
      const out = new Map<string, { facts: number; firstRank: string }>();
      for (const chunk of chunks([...new Set(parts)], 300)) {
        const rows = await trx
          .selectFrom('analysis_facts')
          .select(['part', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('rank').as('first')])
          .where('kind', '=', kind)
          .where('part', 'in', chunk)
          .groupBy('part')
          .execute();
        for (const r of rows) out.set(r.part, { facts: Number(r.n), firstRank: String(r.first) });
      }
      return out;
    },
    async entityCounts(entityIds) {
      const out = new Map<string, { articles: number; mentions: number }>();
      const counted = trx
        .selectFrom('entity_mentions')
        .innerJoin('entity_names', 'entity_names.id', 'entity_mentions.name_id')
        .select(['entity_names.entity_id as id', (eb) => eb.fn.count<number>('entity_mentions.article_id').distinct().as('articles'), (eb) => eb.fn.countAll<number>().as('mentions')])
        .groupBy('entity_names.entity_id');
      const pages = entityIds === null ? [counted] : [...chunks([...new Set(entityIds)], 300)].map((chunk) => counted.where('entity_names.entity_id', 'in', chunk));
      for (const query of pages) {
        for (const r of await query.execute()) out.set(r.id, { articles: Number(r.articles), mentions: Number(r.mentions) });
      }
      return out;
    },
    async nameTotals(entityIds) {
      const out = new Map<string, { mentions: number; nameArticles: number }>();
      const summed = trx
        .selectFrom('entity_names')
        .select(['entity_id as id', (eb) => eb.fn.sum<number>('mentions').as('mentions'), (eb) => eb.fn.sum<number>('articles').as('articles')])
        .where('mentions', '>', 0)
        .groupBy('entity_id');
      const pages = entityIds === null ? [summed] : [...chunks([...new Set(entityIds)], 300)].map((chunk) => summed.where('entity_id', 'in', chunk));
      for (const query of pages) {
        for (const r of await query.execute()) out.set(r.id, { mentions: Number(r.mentions), nameArticles: Number(r.articles) });
      }
      return out;
    },
    putClaims: (articleId, claims) => putClaims(trx, articleId, claims),
    async namesInArticles(articleIds) {
      const out = new Map<string, string[]>();
      for (const chunk of chunks([...new Set(articleIds)], 300)) {
        const rows = await trx.selectFrom('entity_mentions').select(['article_id', 'name_id']).distinct().where('article_id', 'in', chunk).execute();
        for (const r of rows) (out.get(r.article_id) ?? out.set(r.article_id, []).get(r.article_id)!).push(r.name_id);
      }
      for (const list of out.values()) list.sort(compareCodePoints);
      return out;
    },
    async analyzedArticlesNaming(nameIds) {
      const out = new Set<string>();
      for (const chunk of chunks([...new Set(nameIds)], 300)) {
        const rows = await trx
          .selectFrom('entity_mentions as m')
          .select('m.article_id')
          .distinct()
          .where('m.name_id', 'in', chunk)
          .where(({ exists, selectFrom }) => exists(selectFrom('analysis_facts as d').select('d.article_id').whereRef('d.article_id', '=', 'm.article_id').where('d.kind', '=', 'analyzed')))
          .execute();
        for (const r of rows) out.add(r.article_id);
      }
      return [...out].sort(compareCodePoints);
    },
    async unpairedNames() {
      const rows = await trx.selectFrom('entity_names').select('id').where(sql.raw<boolean>(unpairedCondition)).execute();
      return rows.map((r) => r.id).sort(compareCodePoints);
    },
    async namePairing(nameIds) {
      const out = new Map<string, { entity: string; paired: string | null }>();
      for (const chunk of chunks([...new Set(nameIds)], 500)) {
        for (const r of await trx.selectFrom('entity_names').select(['id', 'entity_id', 'paired_entity']).where('id', 'in', chunk).execute())
          out.set(r.id, { entity: r.entity_id, paired: r.paired_entity });
      }
      return out;
    },
    async markNamesPaired(nameIds) {
      for (const chunk of chunks([...new Set(nameIds)], 500)) await trx.updateTable('entity_names').set({ paired_entity: sql`entity_id` }).where('id', 'in', chunk).execute();
    },
    async addEntityPairs(changes) {
      for (const chunk of chunks(changes, 200)) {
        await trx
          .insertInto('entity_pairs')
          .values(chunk.map((c) => ({ a: c.a, b: c.b, articles: c.articles, sentences: c.sentences, quotes: c.quotes, quotes_back: c.quotesBack })))
          .onConflict((oc) =>
            oc.columns(['a', 'b']).doUpdateSet({
              articles: sql`entity_pairs.articles + excluded.articles`,
              sentences: sql`entity_pairs.sentences + excluded.sentences`,
              quotes: sql`entity_pairs.quotes + excluded.quotes`,
              quotes_back: sql`entity_pairs.quotes_back + excluded.quotes_back`,
            }),
          )
          .execute();
      }
      // A pair left with nothing is removed (a claim's speaker need not be named in its article: articles may be 0).
      for (const c of changes) {
        if (c.articles >= 0 && c.quotes >= 0 && c.quotesBack >= 0) continue;
        await trx.deleteFrom('entity_pairs').where('a', '=', c.a).where('b', '=', c.b).where('articles', '<=', 0).where('quotes', '<=', 0).where('quotes_back', '<=', 0).execute();
      }
    },
    recountEntityPairs: () => recountEntityPairs(trx, engine),
    relabelStaleEntities: () => relabelStaleEntities(trx),
    async factsOfArticles(articleIds, kind) {
      const out: FactRecord[] = [];
      for (const chunk of chunks([...new Set(articleIds)], 300))
        appendAll(out, (await trx.selectFrom('analysis_facts').selectAll().where('article_id', 'in', chunk).where('kind', '=', kind).execute()).map(factOf));
      return out.sort((x, y) => compareCodePoints(x.articleId, y.articleId) || x.seq - y.seq);
    },
    pairedEntities: (entityIds) => pairedAmong(trx, entityIds),
    async pairsOfEntity(entityId) {
      // Along the primary key where it is first, along entity_pairs_b where it is second.
      const first = await trx.selectFrom('entity_pairs').selectAll().where('a', '=', entityId).execute();
      const second = await trx.selectFrom('entity_pairs').selectAll().where('b', '=', entityId).execute();
      return [...first, ...second].map(pairOf);
    },
    async articlesNamingAmong(articleIds, nameIds, factKind) {
      const out = new Set<string>();
      const names = [...new Set(nameIds)];
      for (const articles of chunks([...new Set(articleIds)], 300)) {
        for (const some of chunks(names, 300)) {
          for (const r of await trx.selectFrom('entity_mentions').select('article_id').distinct().where('article_id', 'in', articles).where('name_id', 'in', some).execute()) out.add(r.article_id);
          const holding = await trx.selectFrom('analysis_facts').select('article_id').distinct().where('article_id', 'in', articles).where('kind', '=', factKind).where('part', 'in', some).execute();
          for (const r of holding) out.add(r.article_id);
        }
      }
      return out;
    },
    async entitiesInArticles(entityIds, atLeast, except) {
      const out = new Set<string>();
      for (const id of new Set(entityIds)) if (Number((await entityInArticlesSql(engine, id, except ?? '', atLeast).execute(trx)).rows[0]!.n) >= atLeast) out.add(id);
      return out;
    },
    async entityArticleCounts(entityIds, except) {
      const out = new Map<string, number>();
      for (const chunk of chunks([...new Set(entityIds)], 300)) for (const r of (await entityArticleCountsSql(engine, chunk, except ?? '').execute(trx)).rows) out.set(r.entity_id, Number(r.n));
      return out;
    },
    async setPairedEntities(added, removed) {
      for (const chunk of chunks([...new Set(added)], 500))
        await trx
          .insertInto('paired_entities')
          .values(chunk.map((entity_id) => ({ entity_id })))
          .onConflict((oc) => oc.column('entity_id').doNothing())
          .execute();
      for (const chunk of chunks([...new Set(removed)], 500)) {
        await trx.deleteFrom('paired_entities').where('entity_id', 'in', chunk).execute();
        await trx.deleteFrom('entity_pairs').where('a', 'in', chunk).execute();
        await trx.deleteFrom('entity_pairs').where('b', 'in', chunk).execute();
      }
    },
    async factArticles(kind, parts) {
      const out = new Set<string>();
      for (const chunk of chunks([...new Set(parts)], 300)) {
        for (const r of await trx.selectFrom('analysis_facts').select('article_id').distinct().where('kind', '=', kind).where('part', 'in', chunk).execute()) out.add(r.article_id);
      }
      return [...out].sort(compareCodePoints);
    },
  };
}

/** Adds the forms of the entities `ids` (of every entity when null) to `forms`, by entity id. */
async function readForms(db: Kysely<Schema>, forms: Map<string, StoredForm[]>, ids: readonly string[] | null): Promise<void> {
  let query = db
    .selectFrom('entity_forms')
    .innerJoin('entity_names', 'entity_names.id', 'entity_forms.name_id')
    .select(['entity_names.entity_id as id', 'entity_names.key', 'entity_names.person', 'entity_names.attached', 'entity_forms.text', 'entity_forms.type', 'entity_forms.mentions']);
  if (ids) query = query.where('entity_names.entity_id', 'in', ids);
  for (const f of await query.execute()) {
    const list = forms.get(f.id) ?? [];
    // a name joined by its ending alone ("Mamani Quispe") is the surnames, not a full name
    list.push({ key: f.key, person: Number(f.person) === 1 && Number(f.attached) !== 1, text: f.text, type: f.type, n: Number(f.mentions) });
    forms.set(f.id, list);
  }
}

/**
 * Labels again the entities marked stale since the last call (their forms or names changed: triggers of 0024), a few
 * hundred at a time; an entity with no form left (merged away) loses its label. Returns how many were labelled.
 */
export async function relabelStaleEntities(db: Kysely<Schema>): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = (await db.selectFrom('entity_labels_stale').select('entity_id').orderBy('entity_id').limit(300).execute()).map((r) => r.entity_id);
    if (ids.length === 0) return done;
    const forms = new Map<string, StoredForm[]>();
    await readForms(db, forms, ids);
    await db.deleteFrom('entity_labels').where('entity_id', 'in', ids).execute();
    const rows = ids.filter((id) => forms.has(id)).map((id) => ({ entity_id: id, ...nameAndType(forms.get(id)!) }));
    if (rows.length > 0) await db.insertInto('entity_labels').values(rows).execute();
    await db.deleteFrom('entity_labels_stale').where('entity_id', 'in', ids).execute();
    done += ids.length;
  }
}

/** One way a name of an entity was written, with its name's key and whether it is a person's full name. */
interface StoredForm {
  key: string;
  person: boolean;
  text: string;
  type: string;
  n: number;
}

/**
 * An entity's name, its key and type. The type is the one most mentions carry. The name is the full personal-name
 * form written most often ("Ramiro Etxeberri", 12 times, over "Ramiro Etxeberri Salcedo", twice — not the longest
 * string), else the form of any name written most often; ties go to the fuller form, then code-point order. Only a
 * form written as its name is a candidate: a short form ("Etxeberri" under "Ramiro Etxeberri"), a title in front
 * ("Mr Etxeberri") or a headline run holding the name ("Puerto Quilla Daily Claims") never names the entity.
 */
function nameAndType(forms: readonly StoredForm[]): { name: string; key: string; type: string } {
  const types = new Map<string, number>();
  // per name key: how often it was written as itself, and the text it was written in most
  const names = new Map<string, { person: boolean; n: number; texts: Map<string, number> }>();
  for (const f of forms) {
    types.set(f.type, (types.get(f.type) ?? 0) + f.n);
    if (foldName(f.text) !== f.key) continue;
    const name = names.get(f.key) ?? { person: f.person, n: 0, texts: new Map() };
    name.n += f.n;
    name.texts.set(f.text, (name.texts.get(f.text) ?? 0) + f.n);
    names.set(f.key, name);
  }
  const type = majorityType(types);
  const words = (key: string) => key.split(' ').length;
  const full = [...names].filter(([key, n]) => n.person && words(key) > 1);
  const ranked = (full.length > 0 ? full : [...names]).sort((a, b) => b[1].n - a[1].n || words(b[0]) - words(a[0]) || compareCodePoints(a[0], b[0]));
  const top = ranked[0];
  if (!top) {
    // no form written as its name (every mention behind a title): the form written most often
    const texts = new Map<string, number>();
    for (const f of forms) texts.set(f.text, (texts.get(f.text) ?? 0) + f.n);
    const [text] = [...texts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))[0] ?? [''];
    return { name: text, key: forms.find((f) => f.text === text)?.key ?? '', type };
  }
  const [text] = [...top[1].texts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))[0]!;
  return { name: text, key: top[0], type };
}

/** The type most mentions carry; ties go to PER, ORG, LOC, MISC in that order. */
export function paging(options: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? defaultLimit), 1), maxLimit);
  const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
  return { limit, offset };
}

/** Turns FTS5's marked snippet into plain text plus highlight offsets. */
export function splitHighlights(marked: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  const highlights: [number, number][] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === highlightOpen) open = snippet.length;
    else if (ch === highlightClose && open >= 0) {
      highlights.push([open, snippet.length]);
      open = -1;
    } else if (/\s/.test(ch)) {
      // Whitespace is collapsed while the offsets are counted, so they stay true to the returned snippet.
      if (!snippet.endsWith(' ')) snippet += ' ';
    } else snippet += ch;
  }
  return { snippet, highlights };
}
