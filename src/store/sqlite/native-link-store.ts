/**
 * The linking transaction's hot statements on SQLite, run as prepared statements on the writing connection instead
 * of being built by kysely for every call. Linking and the findings update issue about a hundred small statements per
 * article; building each query cost as much CPU as SQLite took to run it. Each method here does what the shared kysely
 * one in kysely-repository.ts does, with the same SQL shapes (so SQLite picks the same plans and returns rows in the
 * same order); only statements whose row order cannot matter (deletes, inserts, reads that are sorted, keyed or summed
 * after) take their lists as one JSON argument.
 * The rest of the LinkStore stays on kysely. PostgreSQL keeps the kysely versions.
 */
import type Database from 'better-sqlite3';
import { compareCodePoints } from '../../core/names.ts';
import { type CandidateRow, candidatesInOrder, keptCandidates, majorityType, type MentionTally, tallyMentions, upsertableFindings } from '../link-rows.ts';
import type { AnalysisStore, ClaimRecord, CopyCandidate, FactRecord, FindingRecord, LinkStore, NameRecord } from '../repository.ts';
import { unpairedCondition } from '../schema.ts';

/** A prepared statement for `sql`, from the connection's cache (sqlite-repository.ts). */
export type Prepare = (sql: string) => Database.Statement;

/** `(?, ?, ?)` for `n` values. */
const placeholders = (n: number) => `(${'?, '.repeat(Math.max(0, n - 1))}?)`;
/**
 * A list bound as one JSON argument: one prepared statement whatever its length (a list of placeholders is a statement
 * per length, prepared again and again: 9 an article). Only where the rows' order cannot matter: they are sorted, keyed
 * or counted after.
 */
const jsonList = '(select "value" from json_each(?))';

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Inserts `rows` (each `columns.length` values), in order, `size` rows to a statement and the rest in runs of a power of
 * two: a multi-row insert is a statement per row count, and with a statement for every count up to `size` nearly every
 * call prepared a large one again (the cache keeps 32 statements of many parameters: 7 an article, 3.7 ms of CPU an
 * article on the bench store), where now a table has a few. Returns how many rows were inserted (an `on conflict do
 * nothing` skips some).
 */
function insertRows(prepare: Prepare, table: string, columns: readonly string[], rows: readonly unknown[][], size: number, conflict = ''): number {
  let changes = 0;
  const row = placeholders(columns.length);
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let from = 0; from < rows.length; ) {
    const left = rows.length - from;
    const count = left >= size ? size : 2 ** Math.floor(Math.log2(left));
    const statement = prepare(`${head}${Array.from({ length: count }, () => row).join(', ')}${conflict}`);
    changes += statement.run(rows.slice(from, from + count).flat()).changes;
    from += count;
  }
  return changes;
}

type Row = Record<string, unknown>;

/** `link` with its hot methods, and its analysis store's, on prepared statements. */
export function nativeLinkStore(link: LinkStore, prepare: Prepare): LinkStore {
  const all = (sql: string, params: readonly unknown[]) => prepare(sql).all(params) as Row[];
  const namesWhere = (column: 'id' | 'entity_id', values: readonly string[]): NameRecord[] => {
    const rows =
      values.length === 1 ? all(`select * from "entity_names" where "${column}" = ?`, values) : all(`select * from "entity_names" where "${column}" in ${jsonList}`, [JSON.stringify(values)]);
    if (rows.length === 0) return [];
    const roles = new Map<string, string[]>();
    for (const chunk of chunks(
      rows.map((r) => r.id as string),
      300,
    )) {
      for (const r of all(`select distinct "name_id", "role_key" from "entity_roles" where "name_id" in ${jsonList}`, [JSON.stringify(chunk)])) {
        const list = roles.get(r.name_id as string) ?? [];
        list.push(r.role_key as string);
        roles.set(r.name_id as string, list);
      }
    }
    return rows.map((r) => ({
      id: r.id as string,
      key: r.key as string,
      person: Number(r.person) === 1,
      bare: Number(r.bare) === 1,
      entityId: r.entity_id as string,
      mentions: Number(r.mentions),
      personMentions: Number(r.person_mentions),
      roles: (roles.get(r.id as string) ?? []).sort(),
      attached: Number(r.attached) === 1,
    }));
  };
  return {
    ...link,
    async addCopyKeys(articleId, keys, signature, paragraphs) {
      insertRows(
        prepare,
        'copy_keys',
        ['key', 'article_id'],
        keys.map((key) => [key, articleId]),
        300,
        ' on conflict do nothing',
      );
      const encoded = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64');
      prepare('insert into "signatures" ("article_id", "signature", "paragraphs") values (?, ?, ?) on conflict ("article_id") do nothing').run(
        articleId,
        encoded,
        paragraphs ? JSON.stringify(paragraphs) : null,
      );
    },
    async copyCandidates(keys, excludeId, limits, keep): Promise<CopyCandidate[]> {
      if (keys.length === 0) return [];
      // Each key's postings read in index order, at most `perKey` of them (the lowest ids, the same whoever asks), then
      // counted: a key common to half the pile costs what a rare one does. Fully ordered (most shared keys first, then
      // id), so the keys go as one JSON list whatever their number; each candidate with its signature, which decides
      // whether its text is read at all.
      const ranked = all(
        'select "ranked"."article_id", "ranked"."shared", "signatures"."signature" from (select "hit"."value" as "article_id", count(*) as "shared" from json_each(?) as "wanted", json_each((select json_group_array("article_id") from (select "copy_keys"."article_id" from "copy_keys" where "copy_keys"."key" = "wanted"."value" and "copy_keys"."article_id" != ? order by "copy_keys"."article_id" limit ?))) as "hit" group by "hit"."value" order by "shared" desc, "hit"."value" limit ?) as "ranked" inner join "signatures" on "signatures"."article_id" = "ranked"."article_id" order by "ranked"."shared" desc, "ranked"."article_id"',
        [JSON.stringify([...new Set(keys)]), excludeId, limits.perKey, limits.candidates],
      ) as { article_id: string; shared: number; signature: string }[];
      const kept = keptCandidates(ranked, ranked, keep);
      if (kept.length === 0) return [];
      const rows = all(
        'select "articles"."id", "articles"."text", "articles"."published", "articles"."outlet", "articles"."via", "articles"."language", "signatures"."paragraphs" from "articles" inner join "signatures" on "signatures"."article_id" = "articles"."id" where "articles"."id" in (select "value" from json_each(?))',
        [JSON.stringify(kept.map((c) => c.id))],
      ) as unknown as CandidateRow[];
      return candidatesInOrder(kept, rows);
    },
    async addNames(names, tokens, pairs) {
      const created = new Set<string>();
      for (const chunk of chunks(names, 200)) {
        const sql = `insert into "entity_names" ("id", "key", "person", "bare", "entity_id", "mentions", "person_mentions", "articles", "attached") values ${Array.from({ length: chunk.length }, () => placeholders(9)).join(', ')} on conflict ("id") do nothing returning "id"`;
        for (const row of prepare(sql).all(chunk.flatMap((n) => [n.id, n.key, n.person ? 1 : 0, n.bare ? 1 : 0, n.id, 0, 0, 0, 0])) as { id: string }[]) created.add(row.id);
      }
      // A known name an article now uses as a person's: marked (never unmarked), and given its pair keys.
      const marked = new Set<string>();
      const wanted = names.filter((n) => n.person && !created.has(n.id)).map((n) => n.id);
      if (wanted.length > 0) {
        for (const row of all(`update "entity_names" set "person" = 1 where "id" in ${jsonList} and "person" = 0 returning "id"`, [JSON.stringify(wanted)])) marked.add(row.id as string);
      }
      const personIds = new Set([...names.filter((n) => n.person && created.has(n.id)).map((n) => n.id), ...marked]);
      const tokenRows = [...[...created].flatMap((id) => (tokens.get(id) ?? []).map((token) => [token, id])), ...[...personIds].flatMap((id) => (pairs.get(id) ?? []).map((token) => [token, id]))];
      insertRows(prepare, 'entity_name_tokens', ['token', 'name_id'], tokenRows, 300, ' on conflict ("token", "name_id") do nothing');
      return new Set([...created, ...marked]);
    },
    async entitiesLinked(articleId) {
      return prepare('select "mention" from "entity_mentions" where "article_id" = ? limit ?').get(articleId, 1) !== undefined;
    },
    async personEntitiesWithToken(tokens, limit) {
      const out = new Map<string, string[]>();
      const statement = prepare(
        'select distinct "entity_names"."entity_id" from "entity_name_tokens" inner join "entity_names" on "entity_names"."id" = "entity_name_tokens"."name_id" where "entity_name_tokens"."token" = ? and "entity_names"."person" = ? and "entity_names"."bare" = ? limit ?',
      );
      for (const token of [...new Set(tokens)]) {
        out.set(
          token,
          (statement.all(token, 1, 0, limit) as Row[]).map((r) => r.entity_id as string),
        );
      }
      return out;
    },
    async namesById(ids) {
      const out: NameRecord[] = [];
      for (const chunk of chunks([...new Set(ids)], 500)) for (const name of namesWhere('id', chunk)) out.push(name);
      return out;
    },
    namesOfEntity: async (entityId) => namesWhere('entity_id', [entityId]),
    // Several calls an article, and more as the pile grows: the pair keys of each new person name, and each short form
    // whose ambiguity is asked (link-entities.ts).
    async personNamesWithTokens(tokens) {
      if (tokens.length === 0) return [];
      // One statement for any number of tokens: a list of placeholders would prepare a new statement for every length.
      const pairs = all(
        `select "entity_name_tokens"."token", "entity_name_tokens"."name_id" from "entity_name_tokens" inner join "entity_names" on "entity_names"."id" = "entity_name_tokens"."name_id" where "entity_name_tokens"."token" in ${jsonList} and "entity_names"."person" = 1 and "entity_names"."bare" = 0`,
        [JSON.stringify([...new Set(tokens)])],
      ) as { token: string; name_id: string }[];
      const names = new Map<string, NameRecord>();
      for (const chunk of chunks([...new Set(pairs.map((p) => p.name_id))], 500)) for (const n of namesWhere('id', chunk)) names.set(n.id, n);
      return pairs.map((p) => ({ token: p.token, name: names.get(p.name_id)! })).sort((a, b) => compareCodePoints(a.name.id, b.name.id));
    },
    async addMentions(mentions) {
      const tally: MentionTally = { counts: new Map(), forms: new Map() };
      const { counts, forms } = tally;
      const dates = new Map(
        all(`select "id", "published" from "articles" where "id" in ${jsonList}`, [JSON.stringify([...new Set(mentions.map((m) => m.articleId))])]).map((r) => [
          r.id as string,
          (r.published as string | null) ?? '',
        ]),
      );
      for (const chunk of chunks(mentions, 100)) {
        const sql = `insert into "entity_mentions" ("article_id", "mention", "name_id", "text", "type", "start", "end", "published_key") values ${Array.from({ length: chunk.length }, () => placeholders(8)).join(', ')} on conflict ("article_id", "mention") do nothing returning "name_id", "type", "text"`;
        const inserted = prepare(sql).all(chunk.flatMap((m) => [m.articleId, m.mention, m.nameId, m.text, m.type, m.start, m.end, dates.get(m.articleId) ?? ''])) as {
          name_id: string;
          type: string;
          text: string;
        }[];
        tallyMentions(tally, inserted);
      }
      // An article's mentions are stored all at once, so a name with new mentions is a name in one more article.
      const count = prepare('update "entity_names" set "mentions" = "mentions" + ?, "person_mentions" = "person_mentions" + ?, "articles" = "articles" + 1 where "id" = ?');
      for (const [id, c] of counts) count.run(c.all, c.person, id);
      insertRows(
        prepare,
        'entity_forms',
        ['name_id', 'text', 'type', 'mentions'],
        [...forms.values()].map((f) => [f.name_id, f.text, f.type, f.mentions]),
        200,
        ' on conflict ("name_id", "text", "type") do update set "mentions" = "entity_forms"."mentions" + "excluded"."mentions"',
      );
    },
    analysis: nativeAnalysisStore(link.analysis, prepare),
  };
}

/** The analysis layer's hot reads and writes on prepared statements; the rest as `analysis` has them. */
function nativeAnalysisStore(analysis: AnalysisStore, prepare: Prepare): AnalysisStore {
  const all = (sql: string, params: readonly unknown[]) => prepare(sql).all(params) as Row[];
  const factOf = (r: Row): FactRecord => ({
    articleId: r.article_id as string,
    kind: r.kind as string,
    seq: Number(r.seq),
    part: r.part as string,
    rank: r.rank as string,
    data: r.data as string,
    version: Number(r.version),
  });
  const findingOf = (r: Row): FindingRecord => ({ ...(r as unknown as FindingRecord), version: Number(r.version) });
  /** Replaces the findings of `kind` whose `column` (part or key) is one of `values` with `findings`. */
  const replaceNative = (kind: string, column: 'part' | 'key', values: readonly string[], findings: readonly FindingRecord[]) => {
    const list = JSON.stringify([...new Set(values)]);
    if (!upsertableFindings(kind, findings)) {
      prepare(`delete from "analysis_findings" where "kind" = ? and "${column}" in (select "value" from json_each(?))`).run(kind, list);
      insertRows(prepare, 'analysis_findings', findingColumns, findings.map(findingRow), 100);
      return;
    }
    // Most of a regrouped part's findings come out as they were: those are left alone, those that changed are updated
    // in place, in the columns that changed (a count's new figure rewrites its row and its rank's index entry, not
    // the four index entries a delete and an insert would), and only findings gone from the part are deleted. A
    // finding is one row per kind and key, so which rows are stored does not change, and every read orders them.
    const wanted = new Map(findings.map((f) => [f.key, f]));
    const gone: string[] = [];
    for (const row of all(`select * from "analysis_findings" where "kind" = ? and "${column}" in (select "value" from json_each(?))`, [kind, list])) {
      const f = wanted.get(row.key as string);
      if (!f) {
        gone.push(row.key as string);
        continue;
      }
      wanted.delete(f.key);
      const changed = findingValueColumns.filter((c) => (c === 'version' ? f.version !== Number(row.version) : f[c] !== row[c]));
      if (changed.length === 0) continue;
      prepare(`update "analysis_findings" set ${changed.map((c) => `"${c}" = ?`).join(', ')} where "kind" = ? and "key" = ?`).run(...changed.map((c) => f[c]), kind, f.key);
    }
    if (gone.length > 0) prepare('delete from "analysis_findings" where "kind" = ? and "key" in (select "value" from json_each(?))').run(kind, JSON.stringify(gone));
    insertRows(prepare, 'analysis_findings', findingColumns, [...wanted.values()].map(findingRow), 100);
  };
  return {
    ...analysis,
    async putFacts(articleId, kind, facts) {
      prepare('delete from "analysis_facts" where "article_id" = ? and "kind" = ?').run(articleId, kind);
      insertRows(
        prepare,
        'analysis_facts',
        ['article_id', 'kind', 'seq', 'part', 'rank', 'data', 'version'],
        facts.map((f) => [articleId, kind, f.seq, f.part, f.rank, f.data, f.version]),
        100,
      );
    },
    async factsInParts(kind, parts) {
      const out: FactRecord[] = [];
      for (const chunk of chunks([...new Set(parts)], 300)) {
        for (const row of all(`select * from "analysis_facts" where "kind" = ? and "part" in ${jsonList}`, [kind, JSON.stringify(chunk)])) out.push(factOf(row));
      }
      return out.sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq);
    },
    async factsInRankRange(kind, parts, from, before) {
      const out: FactRecord[] = [];
      for (const row of all(`select * from "analysis_facts" where "kind" = ? and "part" in ${jsonList} and "rank" >= ? and "rank" < ?`, [kind, JSON.stringify([...new Set(parts)]), from, before]))
        out.push(factOf(row));
      return out.sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.seq - b.seq);
    },
    async factsOfArticle(articleId, kind) {
      return all('select * from "analysis_facts" where "article_id" = ? and "kind" = ? order by "seq"', [articleId, kind]).map(factOf);
    },
    async replaceFindings(kind, parts, findings) {
      replaceNative(kind, 'part', parts, findings);
    },
    async replaceFindingKeys(kind, keys, findings) {
      replaceNative(kind, 'key', keys, findings);
    },
    async finding(kind, key) {
      const row = prepare('select * from "analysis_findings" where "kind" = ? and "key" = ?').get(kind, key) as Row | undefined;
      return row ? findingOf(row) : null;
    },
    async findings(kind, keys) {
      const rows = all('select * from "analysis_findings" where "kind" = ? and "key" in (select "value" from json_each(?))', [kind, JSON.stringify([...new Set(keys)])]);
      return new Map(rows.map((r) => [r.key as string, findingOf(r)]));
    },
    async entitiesOfNames(nameIds) {
      const out = new Map<string, string>();
      for (const chunk of chunks([...new Set(nameIds)], 500)) {
        for (const r of all(`select "id", "entity_id" from "entity_names" where "id" in ${jsonList}`, [JSON.stringify(chunk)])) out.set(r.id as string, r.entity_id as string);
      }
      return out;
    },
    async namesOfEntities(entityIds) {
      const out: string[] = [];
      for (const chunk of chunks([...new Set(entityIds)], 500)) {
        for (const r of all(`select "id" from "entity_names" where "entity_id" in ${jsonList}`, [JSON.stringify(chunk)])) out.push(r.id as string);
      }
      return out.sort(compareCodePoints);
    },
    async mentionNames(articleId) {
      const rows = all('select "mention", "name_id" from "entity_mentions" where "article_id" = ?', [articleId]);
      return new Map(rows.map((r) => [Number(r.mention), r.name_id as string]));
    },
    async nameTotals(entityIds) {
      if (entityIds === null) return analysis.nameTotals(null);
      const out = new Map<string, { mentions: number; nameArticles: number }>();
      for (const chunk of chunks([...new Set(entityIds)], 300)) {
        const rows = all(
          `select "entity_id" as "id", sum("mentions") as "mentions", sum("articles") as "articles" from "entity_names" where "mentions" > ? and "entity_id" in ${jsonList} group by "entity_id"`,
          [0, JSON.stringify(chunk)],
        );
        for (const r of rows) out.set(r.id as string, { mentions: Number(r.mentions), nameArticles: Number(r.articles) });
      }
      return out;
    },
    async putClaims(articleId, claims) {
      putClaimsNative(prepare, articleId, claims);
    },
    // Several calls an article (each entity it touches, and those of its dated sentences and happenings).
    async entityTypes(entityIds) {
      const votes = new Map<string, Map<string, number>>();
      const rows = all(
        `select "entity_names"."entity_id" as "id", "entity_forms"."type", sum("entity_forms"."mentions") as "n" from "entity_forms" inner join "entity_names" on "entity_names"."id" = "entity_forms"."name_id" where "entity_names"."entity_id" in ${jsonList} group by "entity_names"."entity_id", "entity_forms"."type"`,
        [JSON.stringify([...new Set(entityIds)])],
      );
      for (const r of rows) votes.set(r.id as string, (votes.get(r.id as string) ?? new Map()).set(r.type as string, Number(r.n)));
      return new Map([...votes].map(([id, v]) => [id, majorityType(v)]));
    },
    // The entity pairs' upkeep (analyze/entity-pairs.ts): a dozen statements an article.
    async namesInArticles(articleIds) {
      const out = new Map<string, string[]>();
      for (const r of all(`select distinct "article_id", "name_id" from "entity_mentions" where "article_id" in ${jsonList}`, [JSON.stringify([...new Set(articleIds)])])) {
        (out.get(r.article_id as string) ?? out.set(r.article_id as string, []).get(r.article_id as string)!).push(r.name_id as string);
      }
      for (const list of out.values()) list.sort(compareCodePoints);
      return out;
    },
    async analyzedArticlesNaming(nameIds) {
      const rows = all(
        `select distinct "m"."article_id" from "entity_mentions" as "m" where "m"."name_id" in ${jsonList} and exists (select "d"."article_id" from "analysis_facts" as "d" where "d"."article_id" = "m"."article_id" and "d"."kind" = ?)`,
        [JSON.stringify([...new Set(nameIds)]), 'analyzed'],
      );
      return rows.map((r) => r.article_id as string).sort(compareCodePoints);
    },
    async factArticles(kind, parts) {
      const rows = all(`select distinct "article_id" from "analysis_facts" where "kind" = ? and "part" in ${jsonList}`, [kind, JSON.stringify([...new Set(parts)])]);
      return rows.map((r) => r.article_id as string).sort(compareCodePoints);
    },
    async unpairedNames() {
      return all(`select "id" from "entity_names" where ${unpairedCondition}`, [])
        .map((r) => r.id as string)
        .sort(compareCodePoints);
    },
    async namePairing(nameIds) {
      const rows = all(`select "id", "entity_id", "paired_entity" from "entity_names" where "id" in ${jsonList}`, [JSON.stringify([...new Set(nameIds)])]);
      return new Map(rows.map((r) => [r.id as string, { entity: r.entity_id as string, paired: (r.paired_entity as string | null) ?? null }]));
    },
    async markNamesPaired(nameIds) {
      prepare(`update "entity_names" set "paired_entity" = "entity_id" where "id" in ${jsonList}`).run(JSON.stringify([...new Set(nameIds)]));
    },
    async factsOfArticles(articleIds, kind) {
      return all(`select * from "analysis_facts" where "article_id" in ${jsonList} and "kind" = ?`, [JSON.stringify([...new Set(articleIds)]), kind])
        .map(factOf)
        .sort((x, y) => compareCodePoints(x.articleId, y.articleId) || x.seq - y.seq);
    },
    async pairedEntities(entityIds) {
      return new Set(all(`select "entity_id" from "paired_entities" where "entity_id" in ${jsonList}`, [JSON.stringify([...new Set(entityIds)])]).map((r) => r.entity_id as string));
    },
    // schema.ts `entityInArticlesSql`, one entity a statement.
    async entitiesInArticles(entityIds, atLeast, except) {
      const count = prepare(`select count(*) as "n" from (select "article_id" from (${entityArticles('= ?')}) "e" limit ?) "e"`);
      return new Set([...new Set(entityIds)].filter((id) => Number((count.get(id, except ?? '', id, except ?? '', atLeast) as Row).n) >= atLeast));
    },
    // schema.ts `entityArticleCountsSql`.
    async entityArticleCounts(entityIds, except) {
      const list = JSON.stringify([...new Set(entityIds)]);
      const rows = all(`select "entity_id", count(*) as "n" from (${entityArticles(`in ${jsonList}`)}) "e" group by "entity_id"`, [list, except ?? '', list, except ?? '']);
      return new Map(rows.map((r) => [r.entity_id as string, Number(r.n)]));
    },
    async addEntityPairs(changes) {
      insertRows(
        prepare,
        'entity_pairs',
        ['a', 'b', 'articles', 'sentences', 'quotes', 'quotes_back'],
        changes.map((c) => [c.a, c.b, c.articles, c.sentences, c.quotes, c.quotesBack]),
        100,
        ' on conflict ("a", "b") do update set "articles" = "entity_pairs"."articles" + "excluded"."articles", "sentences" = "entity_pairs"."sentences" + "excluded"."sentences", "quotes" = "entity_pairs"."quotes" + "excluded"."quotes", "quotes_back" = "entity_pairs"."quotes_back" + "excluded"."quotes_back"',
      );
      // A pair left with nothing is removed (a claim's speaker need not be named in its article: articles may be 0).
      const emptied = prepare('delete from "entity_pairs" where "a" = ? and "b" = ? and "articles" <= ? and "quotes" <= ? and "quotes_back" <= ?');
      for (const c of changes) if (c.articles < 0 || c.quotes < 0 || c.quotesBack < 0) emptied.run(c.a, c.b, 0, 0, 0);
    },
  };
}

/**
 * schema.ts `entityArticlesSql` for the entities `entity` picks (a condition on the entity id, its list or id the first
 * argument of each half), but an article (the second).
 */
const entityArticles = (entity: string) => {
  const analyzed = 'exists (select 1 from "analysis_facts" "d" where "d"."article_id" = "m"."article_id" and "d"."kind" = \'analyzed\')';
  return `select "n"."entity_id", "m"."article_id" from "entity_mentions" "m" join "entity_names" "n" on "n"."id" = "m"."name_id" where "n"."entity_id" ${entity} and "m"."article_id" <> ? and ${analyzed} union select "n"."entity_id", "m"."article_id" from "entity_names" "n" cross join "analysis_facts" "m" on "m"."part" = "n"."id" where "m"."kind" = 'graph-claim' and "n"."entity_id" ${entity} and "m"."article_id" <> ? and ${analyzed}`;
};

const findingColumns = ['kind', 'key', 'part', 'verdict', 'rank', 'data', 'version'];
/** What a finding holds besides its kind and key, each a column of its own. */
const findingValueColumns = ['part', 'verdict', 'rank', 'data', 'version'] as const;
const findingRow = (f: FindingRecord) => [f.kind, f.key, f.part, f.verdict, f.rank, f.data, f.version];

/** claims-store.ts `putClaims` on prepared statements. */
function putClaimsNative(prepare: Prepare, articleId: string, claims: readonly ClaimRecord[]): void {
  prepare('delete from "analysis_claim_terms" where "article_id" = ?').run(articleId);
  prepare('delete from "analysis_claims" where "article_id" = ?').run(articleId);
  insertRows(
    prepare,
    'analysis_claims',
    ['article_id', 'seq', 'published', 'speaker_sort', 'outlet_sort', 'hedge', 'speaker_key', 'speaker_bare', 'data', 'version'],
    claims.map((c) => [articleId, c.seq, c.published, c.speakerSort, c.outletSort, c.hedge, c.speakerKey, c.speakerBare, c.data, c.version]),
    100,
  );
  const terms = claims.flatMap((c) => [...[...new Set(c.by)].map((term) => [articleId, c.seq, 'by', term]), ...[...new Set(c.about)].map((term) => [articleId, c.seq, 'about', term])]);
  insertRows(prepare, 'analysis_claim_terms', ['article_id', 'seq', 'role', 'term'], terms, 200);
}
