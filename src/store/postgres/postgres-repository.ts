/**
 * The shared newsroom store on PostgreSQL: the same queries as SQLite through kysely, full-text
 * search with tsvector in per-language configurations that fold diacritics (unaccent).
 */
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import type pg from 'pg';
import { highlightClose, highlightOpen, KyselyRepository, paging, splitHighlights, summaryFromRow } from '../kysely-repository.ts';
import type { AnalysisStore, FindingRecord, LinkStore, Page, SearchHit } from '../repository.ts';
import type { ArticlesTable, Database as Schema } from '../schema.ts';
import { type ParsedQuery, parseSearchQuery, type SearchTerm } from '../search-query.ts';
import { upsertableFindings } from '../link-rows.ts';
import { ArrayListPlugin, preparingPool } from './prepared.ts';

/** Arbitrary, fixed: the advisory lock id that serializes linking across workers. */
const linkLockId = 7_316_000_001;

/** Search configurations by article language; anything else is searched without stemming. */
const configs = [
  { config: 'quipu_en', languages: ['en'] },
  { config: 'quipu_es', languages: ['es'] },
  { config: 'quipu_simple', languages: null },
] as const;

export class PostgresRepository extends KyselyRepository {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;

  /**
   * `asyncCommit`: commits return before their WAL is on disk (PostgreSQL's synchronous_commit off), so a crash may lose
   * the last fraction of a second of them, never part of one. Only for a queue worker: it acknowledges a job through
   * pg-boss after the job's items are committed, and that acknowledgement's synchronous commit flushes the WAL up to
   * itself, the items' commits included; a job whose items were lost was never acknowledged, and is run again.
   */
  constructor(url: string, options: { poolSize?: number; asyncCommit?: boolean } = {}) {
    const pool = preparingPool(url, options.poolSize ?? 10, { asyncCommit: options.asyncCommit ?? false });
    // An idle connection the server ends (a restart, a database dropped with force) leaves the pool; without a listener
    // node-postgres throws its error out of the event loop and stops the process. The next query opens a new connection.
    pool.on('error', () => undefined);
    super(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new ArrayListPlugin()] }), redact(url));
    this.pool = pool;
  }

  protected async lockForLinking(trx: Kysely<Schema>): Promise<void> {
    // One lock for all linking: a worker's keys become visible to the next linker when its transaction commits.
    await sql`select pg_advisory_xact_lock(${linkLockId})`.execute(trx);
  }

  protected override linkStore(trx: Kysely<Schema>): LinkStore {
    const link = super.linkStore(trx);
    const { analysis } = link;
    return {
      ...link,
      personEntitiesWithToken: (tokens, limit) => personEntitiesAtOnce(trx, tokens, limit),
      analysis: {
        ...analysis,
        putFacts: (articleId, kind, facts) => putFactsAtOnce(trx, analysis, articleId, kind, facts),
        replaceFindings: (kind, parts, findings) => (upsertableFindings(kind, findings) ? replaceFindingsAtOnce(trx, kind, 'part', parts, findings) : analysis.replaceFindings(kind, parts, findings)),
        replaceFindingKeys: (kind, keys, findings) =>
          upsertableFindings(kind, findings) ? replaceFindingsAtOnce(trx, kind, 'key', keys, findings) : analysis.replaceFindingKeys(kind, keys, findings),
      },
    };
  }

  async search(query: string, options: { limit?: number; offset?: number } = {}): Promise<Page<SearchHit>> {
    const parsed = parseSearchQuery(query);
    const { limit, offset } = paging(options);
    // Each article is matched with the query built in its own language's configuration.
    const matches = sql.join(
      configs.map(({ config, languages }) => sql`(${languageCondition(languages)} and search @@ ${tsquery(parsed, config)})`),
      sql` or `,
    );
    const byLanguage = (build: (config: string) => RawBuilder<unknown>) =>
      sql`case ${sql.join(
        configs.filter((c) => c.languages).map(({ config, languages }) => sql`when language in (${sql.join(languages!.map((l) => sql.lit(l)))}) then ${build(config)}`),
        sql` `,
      )} else ${build('quipu_simple')} end`;
    const rank = byLanguage((config) => sql`ts_rank_cd(search, ${tsquery(parsed, config)})`);
    const headlineOptions = `StartSel=${highlightOpen}, StopSel=${highlightClose}, MaxWords=35, MinWords=15, MaxFragments=1, FragmentDelimiter=" … "`;
    const headline = byLanguage((config) => sql`ts_headline(${sql.lit(config)}::regconfig, text, ${tsquery(parsed, config)}, ${headlineOptions})`);
    const total = await sql<{ n: string }>`select count(*) as n from articles where ${matches}`.execute(this.db);
    const rows = await sql<ArticlesTable & { score: number; snippet: string }>`
      select a.*, a.score, ${headline} as snippet from (
        select *, ${rank} as score from articles where ${matches} order by score desc, seq limit ${limit} offset ${offset}
      ) a order by a.score desc, a.seq`.execute(this.db);
    return {
      items: rows.rows.map((row) => ({ article: summaryFromRow(row), score: Number(row.score), ...splitHighlights(row.snippet) })),
      total: Number(total.rows[0]?.n ?? 0),
      limit,
      offset,
    };
  }
}

/**
 * Replaces the article's facts of `kind` in one round trip where the shared version takes two (a delete, then an
 * insert): facts the article no longer has go in a data-modifying WITH, the rest are inserted, or updated in place
 * where they changed. The two touch different seqs, so neither sees the other's rows. An article's facts of one kind
 * are stored about ten times in each linking transaction, each a round trip that waits on the server. The rows travel
 * as one array a column, so the statement's text, prepared once, is the same whatever their number.
 */
async function putFactsAtOnce(trx: Kysely<Schema>, shared: AnalysisStore, articleId: string, kind: string, facts: Parameters<AnalysisStore['putFacts']>[2]): Promise<void> {
  if (facts.length === 0) return shared.putFacts(articleId, kind, facts);
  const seqs = facts.map((f) => f.seq);
  await sql`
    with gone as (delete from analysis_facts where article_id = ${articleId} and kind = ${kind} and seq <> all(${seqs}::int[]))
    insert into analysis_facts (article_id, kind, seq, part, rank, data, version)
    select ${articleId}, ${kind}, * from unnest(${seqs}::int[], ${facts.map((f) => f.part)}::text[], ${facts.map((f) => f.rank)}::text[], ${facts.map((f) => f.data)}::text[], ${facts.map((f) => f.version)}::int[])
    on conflict (article_id, kind, seq) do update set part = excluded.part, rank = excluded.rank, data = excluded.data, version = excluded.version
    where (analysis_facts.part, analysis_facts.rank, analysis_facts.data, analysis_facts.version) is distinct from (excluded.part, excluded.rank, excluded.data, excluded.version)`.execute(trx);
}

/**
 * The entities of at most `limit` person names (not bare) holding each token, every token in one round trip where the
 * shared version takes one a token; the same query for each, run beside the token by a lateral join.
 */
async function personEntitiesAtOnce(trx: Kysely<Schema>, tokens: readonly string[], limit: number): Promise<Map<string, string[]>> {
  const unique = [...new Set(tokens)];
  const out = new Map<string, string[]>(unique.map((token) => [token, []]));
  if (unique.length === 0) return out;
  const rows = await sql<{ token: string; entity_id: string }>`
    select t.token, e.entity_id from unnest(${unique}::text[]) as t(token) cross join lateral (
      select distinct n.entity_id from entity_name_tokens k join entity_names n on n.id = k.name_id
      where k.token = t.token and n.person = 1 and n.bare = 0 limit ${limit}
    ) e`.execute(trx);
  for (const row of rows.rows) out.get(row.token)!.push(row.entity_id);
  return out;
}

/**
 * Replaces the findings of `kind` whose `column` is one of `values` with `findings`, in one round trip where the shared
 * version takes a delete and an insert for every hundred rows (about 17 statements an article): findings gone from
 * those parts or keys are deleted in a data-modifying WITH, the rest inserted, or updated in place where they changed.
 * A finding is one row per kind and key, so which rows are stored does not change, and every read orders them.
 */
async function replaceFindingsAtOnce(trx: Kysely<Schema>, kind: string, column: 'part' | 'key', values: readonly string[], findings: readonly FindingRecord[]): Promise<void> {
  const keys = findings.map((f) => f.key);
  await sql`
    with gone as (delete from analysis_findings where kind = ${kind} and ${sql.ref(column)} = any(${[...new Set(values)]}::text[]) and key <> all(${keys}::text[]))
    insert into analysis_findings (kind, key, part, verdict, rank, data, version)
    select ${kind}, * from unnest(${keys}::text[], ${findings.map((f) => f.part)}::text[], ${findings.map((f) => f.verdict)}::text[], ${findings.map((f) => f.rank)}::text[], ${findings.map((f) => f.data)}::text[], ${findings.map((f) => f.version)}::int[])
    on conflict (kind, key) do update set part = excluded.part, verdict = excluded.verdict, rank = excluded.rank, data = excluded.data, version = excluded.version
    where (analysis_findings.part, analysis_findings.verdict, analysis_findings.rank, analysis_findings.data, analysis_findings.version)
      is distinct from (excluded.part, excluded.verdict, excluded.rank, excluded.data, excluded.version)`.execute(trx);
}

function languageCondition(languages: readonly string[] | null): RawBuilder<unknown> {
  const known = configs.flatMap((c) => c.languages ?? []);
  return languages ? sql`language in (${sql.join(languages.map((l) => sql.lit(l)))})` : sql`language not in (${sql.join(known.map((l) => sql.lit(l)))})`;
}

/** The parsed query as a tsquery in one configuration; every word travels as a bound parameter. */
function tsquery(query: ParsedQuery, config: string): RawBuilder<unknown> {
  const cfg = sql`${sql.lit(config)}::regconfig`;
  const term = (t: SearchTerm) => (t.prefix && t.words.length === 1 ? sql`to_tsquery(${cfg}, quote_literal(${t.words[0]!}) || ':*')` : sql`phraseto_tsquery(${cfg}, ${t.words.join(' ')})`);
  const group = (terms: SearchTerm[]) => {
    const parts = terms.map((t) => (t.negated ? sql`!!${term(t)}` : term(t)));
    return sql`(${sql.join(parts, sql` && `)})`;
  };
  return sql`(${sql.join(query.map(group), sql` || `)})`;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
