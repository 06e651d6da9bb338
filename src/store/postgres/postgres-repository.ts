/**
 * The shared newsroom store on PostgreSQL: the same queries as SQLite through kysely, full-text
 * search with tsvector in per-language configurations that fold diacritics (unaccent).
 */
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { highlightClose, highlightOpen, KyselyRepository, paging, splitHighlights, summaryFromRow } from '../kysely-repository.ts';
import type { AnalysisStore, LinkStore, Page, SearchHit } from '../repository.ts';
import type { ArticlesTable, Database as Schema } from '../schema.ts';
import { type ParsedQuery, parseSearchQuery, type SearchTerm } from '../search-query.ts';

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

  constructor(url: string, options: { poolSize?: number } = {}) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection the server ends (a restart, a database dropped with force) leaves the pool; without a listener
    // node-postgres throws its error out of the event loop and stops the process. The next query opens a new connection.
    pool.on('error', () => undefined);
    super(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), redact(url));
    this.pool = pool;
  }

  protected async lockForLinking(trx: Kysely<Schema>): Promise<void> {
    // One lock for all linking: a worker's keys become visible to the next linker when its transaction commits.
    await sql`select pg_advisory_xact_lock(${linkLockId})`.execute(trx);
  }

  protected override linkStore(trx: Kysely<Schema>): LinkStore {
    const link = super.linkStore(trx);
    return { ...link, analysis: { ...link.analysis, putFacts: (articleId, kind, facts) => putFactsAtOnce(trx, link.analysis, articleId, kind, facts) } };
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

/** Rows one statement may carry (7 parameters each, far below PostgreSQL's 65,535). */
const factsPerStatement = 500;

/**
 * Replaces the article's facts of `kind` in one round trip where the shared version takes two (a delete, then an
 * insert): facts the article no longer has go in a data-modifying WITH, the rest are inserted or updated in place. The
 * two touch different seqs, so neither sees the other's rows. An article's facts of one kind are stored about ten
 * times in each linking transaction, each a round trip that waits on the server.
 */
async function putFactsAtOnce(trx: Kysely<Schema>, shared: AnalysisStore, articleId: string, kind: string, facts: Parameters<AnalysisStore['putFacts']>[2]): Promise<void> {
  if (facts.length === 0 || facts.length > factsPerStatement) return shared.putFacts(articleId, kind, facts);
  await trx
    .with('gone', (db) =>
      db
        .deleteFrom('analysis_facts')
        .where('article_id', '=', articleId)
        .where('kind', '=', kind)
        .where(
          'seq',
          'not in',
          facts.map((f) => f.seq),
        ),
    )
    .insertInto('analysis_facts')
    .values(facts.map((f) => ({ article_id: articleId, kind, seq: f.seq, part: f.part, rank: f.rank, data: f.data, version: f.version })))
    .onConflict((oc) =>
      oc.columns(['article_id', 'kind', 'seq']).doUpdateSet((eb) => ({
        part: eb.ref('excluded.part'),
        rank: eb.ref('excluded.rank'),
        data: eb.ref('excluded.data'),
        version: eb.ref('excluded.version'),
      })),
    )
    .execute();
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
