/**
 * The tables as the query builder sees them, and the migrations that create them.
 * One schema definition for every engine; engine-specific parts (full-text search) branch on the engine.
 */
import { type Generated, type Kysely, type Migration, type MigrationProvider, type RawBuilder, sql } from 'kysely';
import { heldNameKeys, namePairKeys } from '../core/names.ts';

export interface SourcesTable {
  id: Generated<number>;
  locator: string;
  kind: string;
  content_type: string;
  charset: string;
  raw: string;
  raw_hash: string;
  created_at: string;
}

export interface ArticlesTable {
  seq: Generated<number>;
  id: string;
  content_hash: string;
  source_id: number;
  locator: string;
  part_index: number;
  part_count: number;
  title: string | null;
  outlet: string | null;
  authors: string;
  translator: string | null;
  published: string | null;
  language: string;
  dateline_place: string | null;
  via: string | null;
  canonical_url: string | null;
  text: string;
  source_map: string;
  messages: string;
  ingested_at: string;
}

export interface LayersTable {
  article_id: string;
  name: string;
  data: string;
}

export interface CopyKeysTable {
  key: string;
  article_id: string;
}

export interface SignaturesTable {
  article_id: string;
  /** The MinHash signature, base64 of its little-endian uint32 values. */
  signature: string;
  /** The paragraph fingerprints (JSON), null for articles linked before 0005. */
  paragraphs: string | null;
}

export interface CopiesTable {
  copy_id: string;
  original_id: string;
  similarity: number;
  kind: string;
  /** JSON: translated, coverage, extent, changes, evidence (null for links stored before 0005). */
  detail: string | null;
}

/** A distinct folded name; names of one entity share `entity_id` (the smallest name id among them). */
export interface EntityNamesTable {
  id: string;
  key: string;
  /** 1 when the name is shaped like a person's (two to five name words). */
  person: number;
  /** 1 for a single-word name: it joins the one person whose name holds the word, or stays its own entity. */
  bare: number;
  entity_id: string;
  /** Mentions stored under the name, and how many of them are tagged PER (kept as counts so a vote costs no scan). */
  mentions: number;
  person_mentions: number;
  /** Articles that mention the name. */
  articles: number;
  /** 1 for a two-word name joined to a person by its ending alone ("Mamani Quispe"); 0 before 0005. */
  attached: number;
  /** The entity the name's articles were counted under in `entity_pairs` (null: none counted yet); 0016. */
  paired_entity: string | null;
}

/** How often each name was written in each form with each type: an entity's shown name and type, without a scan of its mentions. */
export interface EntityFormsTable {
  name_id: string;
  text: string;
  type: string;
  mentions: number;
}

export interface EntityNameTokensTable {
  token: string;
  name_id: string;
}

export interface EntityMentionsTable {
  article_id: string;
  /** Index of the mention in the article's `entities` layer. */
  mention: number;
  name_id: string;
  text: string;
  type: string;
  start: number;
  end: number;
  /** The article's date, '' when it has none: a name's articles are read by date along an index (0017). */
  published_key: string;
}

export interface EntityRolesTable {
  name_id: string;
  role_key: string;
  role: string;
  /** The role as written; empty for roles stored before 0005. */
  text: string;
  article_id: string;
  start: number;
  end: number;
}

/**
 * What the analysis layer (src/analyze) reads back from one article: a figure, a person's dated happening, a dated
 * sentence. `part` is what a change recomputes together (a measure, a name id, a day); `rank` orders a listing.
 */
export interface AnalysisFactsTable {
  article_id: string;
  kind: string;
  seq: number;
  part: string;
  rank: string;
  data: string;
  /** The analysis version that made the row (`quipu stats` shows mixed versions; `quipu reanalyze` rebuilds). */
  version: number;
}

/** A stored cross-article finding (a figure group, a date conflict, an event), rebuilt part by part from the facts. */
export interface AnalysisFindingsTable {
  kind: string;
  key: string;
  part: string;
  verdict: string | null;
  rank: string;
  data: string;
  version: number;
}

/**
 * One claim of one article as the claims ledger pages through it (src/analyze/claims.ts): what it filters and sorts on
 * in columns, the row it answers with in `data`. The speaker is kept by folded name, never by entity id: the entity a
 * name belongs to is read from `entity_names` when asked, so a merge made later by another article is seen at once.
 */
export interface AnalysisClaimsTable {
  article_id: string;
  /** Its place among the article's claims. */
  seq: number;
  /** The article's publication date, '' when unknown. */
  published: string;
  /** Sort keys: the speaker (resolved, else as written) and the outlet folded, the hedge; '' when absent. */
  speaker_sort: string;
  outlet_sort: string;
  hedge: string;
  /** The speaker's folded name (core/names.ts `foldName`) and the same without titles; '' for an unattributed claim. */
  speaker_key: string;
  speaker_bare: string;
  data: string;
  version: number;
}

/** The folded names a claim is found by: its speaker as written and resolved (`by`), the names in its content (`about`). */
export interface AnalysisClaimTermsTable {
  article_id: string;
  seq: number;
  role: string;
  term: string;
}

/**
 * The stored articles of one outlet and language, counted as they are stored (kysely-repository.ts `saveArticles`):
 * `quipu stats` and the article list's totals read these rows instead of every article (a sum of every text's length
 * read the whole pile). `outlet_key` is the outlet with a mark before it, '' when the outlet is unknown (null), so the
 * pair has one row either way.
 */
export interface ArticleTalliesTable {
  outlet_key: string;
  outlet: string | null;
  language: string;
  articles: number;
  /** Of them, those with a publication date. */
  dated: number;
  /** Their texts' lengths added up (the engine's `length`, in characters). */
  characters: number;
  earliest: string | null;
  latest: string | null;
}

/**
 * How many rows of a stored layer there are by kind and verdict, kept by triggers as rows come and go (0023): a page's
 * total without a filter beyond those two is read here, not counted over every row of a kind on each first request.
 */
export interface KeptCountsTable {
  /** Which rows: `facts`, `findings` or `claims` (`keptCounted`). */
  counted: string;
  /** A fact's or finding's kind; `claim` for claims. */
  kind: string;
  /** A finding's verdict or a claim's hedge, '' when none (and for facts). */
  verdict: string;
  n: number;
}

/**
 * An entity's name, key and type as lists show it (kysely-repository.ts `nameAndType` over its names' forms), kept
 * for the entities not marked in `entity_labels_stale` (0024): a much-named entity's thousands of forms are read when
 * its forms change, once per batch rebuild, not on every page that lists it.
 */
export interface EntityLabelsTable {
  entity_id: string;
  name: string;
  key: string;
  type: string;
}

/** Entities whose forms or names changed since they were labelled: marked by triggers, labelled again by the batch rebuild. */
export interface EntityLabelsStaleTable {
  entity_id: string;
}

/** Facts about the store itself, such as which command created it (`created_by`). */
export interface SettingsTable {
  key: string;
  value: string;
}

/** Articles and sentences two entities share (`a` < `b`) and their claims about each other, kept at ingest (src/analyze/entity-pairs.ts). */
export interface EntityPairsTable {
  a: string;
  b: string;
  articles: number;
  sentences: number;
  quotes: number;
  quotes_back: number;
}

/**
 * The entities whose pairs `entity_pairs` keeps (0020): those in at least `pairedEntityArticles` analysed articles.
 * A pair with an entity in fewer is counted when asked for, from that entity's few articles.
 */
export interface PairedEntitiesTable {
  entity_id: string;
}

export interface Database {
  settings: SettingsTable;
  sources: SourcesTable;
  articles: ArticlesTable;
  layers: LayersTable;
  copy_keys: CopyKeysTable;
  signatures: SignaturesTable;
  copies: CopiesTable;
  entity_names: EntityNamesTable;
  entity_name_tokens: EntityNameTokensTable;
  entity_mentions: EntityMentionsTable;
  entity_roles: EntityRolesTable;
  entity_forms: EntityFormsTable;
  analysis_facts: AnalysisFactsTable;
  analysis_findings: AnalysisFindingsTable;
  analysis_claims: AnalysisClaimsTable;
  analysis_claim_terms: AnalysisClaimTermsTable;
  article_tallies: ArticleTalliesTable;
  entity_pairs: EntityPairsTable;
  paired_entities: PairedEntitiesTable;
  kept_counts: KeptCountsTable;
  entity_labels: EntityLabelsTable;
  entity_labels_stale: EntityLabelsStaleTable;
}

export type Engine = 'sqlite' | 'postgres';

/** Migrations in order; a name is never reused or edited once released. */
export function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_articles': {
      async up(db: Kysely<any>) {
        const id = engine === 'sqlite' ? 'integer primary key autoincrement' : 'serial primary key';
        await db.schema
          .createTable('sources')
          .addColumn('id', sql.raw(id) as never)
          .addColumn('locator', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('charset', 'text', (c) => c.notNull())
          .addColumn('raw', 'text', (c) => c.notNull())
          .addColumn('raw_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('articles')
          .addColumn('seq', sql.raw(id) as never)
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('content_hash', 'text', (c) => c.notNull().unique())
          .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
          .addColumn('locator', 'text', (c) => c.notNull())
          .addColumn('part_index', 'integer', (c) => c.notNull())
          .addColumn('part_count', 'integer', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('outlet', 'text')
          .addColumn('authors', 'text', (c) => c.notNull())
          .addColumn('translator', 'text')
          .addColumn('published', 'text')
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('dateline_place', 'text')
          .addColumn('via', 'text')
          .addColumn('canonical_url', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('source_map', 'text', (c) => c.notNull())
          .addColumn('messages', 'text', (c) => c.notNull())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_outlet').on('articles').column('outlet').execute();
        await db.schema.createIndex('articles_published').on('articles').column('published').execute();
        await db.schema.createIndex('articles_source').on('articles').column('source_id').execute();
        await db.schema
          .createTable('layers')
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('layers_pk', ['article_id', 'name'])
          .execute();
        if (engine === 'postgres') {
          // ISO prefixes compare as plain strings; a locale collation might skip the hyphens.
          await sql`alter table articles alter column published type text collate "C"`.execute(db);
          // Search configurations that fold diacritics, so "Junin" finds "Junín" and snippets still show "Junín".
          await sql`create extension if not exists unaccent`.execute(db);
          for (const [name, stem] of [
            ['quipu_en', 'english'],
            ['quipu_es', 'spanish'],
            ['quipu_simple', 'simple'],
          ] as const) {
            await sql.raw(`create text search configuration ${name} (copy = ${stem})`).execute(db);
            await sql.raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word with unaccent, ${stem === 'simple' ? 'simple' : `${stem}_stem`}`).execute(db);
          }
          await sql`create function quipu_search_config(language text) returns regconfig language sql immutable parallel safe as
            $$ select case language when 'en' then 'quipu_en'::regconfig when 'es' then 'quipu_es'::regconfig else 'quipu_simple'::regconfig end $$`.execute(db);
          await sql`alter table articles add column search tsvector generated always as (
            setweight(to_tsvector(quipu_search_config(language), coalesce(title, '')), 'A') ||
            setweight(to_tsvector(quipu_search_config(language), text), 'B')) stored`.execute(db);
          await sql`create index articles_search on articles using gin (search)`.execute(db);
        }
        if (engine === 'sqlite') {
          // remove_diacritics 2 folds "Junín" and "Junin" to one token, so either spelling finds both.
          await sql`create virtual table articles_fts using fts5(title, text, content='articles', content_rowid='seq', tokenize="unicode61 remove_diacritics 2")`.execute(db);
          await sql`create trigger articles_fts_insert after insert on articles begin
            insert into articles_fts(rowid, title, text) values (new.seq, new.title, new.text); end`.execute(db);
          await sql`create trigger articles_fts_delete after delete on articles begin
            insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.seq, old.title, old.text); end`.execute(db);
        }
      },
    },
    '0002_copies': {
      // Blocking keys (MinHash LSH bands) let a new article find its near-copies without reading every stored article.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('copy_keys')
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('copy_keys_pk', ['key', 'article_id'])
          .execute();
        await db.schema.createIndex('copy_keys_article').on('copy_keys').column('article_id').execute();
        await db.schema
          .createTable('signatures')
          .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('signature', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('copies')
          .addColumn('copy_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('original_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('similarity', 'real', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('copies_pk', ['copy_id', 'original_id'])
          .execute();
        await db.schema.createIndex('copies_original').on('copies').column('original_id').execute();
      },
    },
    '0003_entities': {
      // Entities across articles: names are blocked by their words, so a new name meets only the names that share one.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('entity_names')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('person', 'integer', (c) => c.notNull())
          .addColumn('bare', 'integer', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('person_mentions', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('articles', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('entity_forms')
          .addColumn('name_id', 'text', (c) => c.notNull().references('entity_names.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('mentions', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('entity_forms_pk', ['name_id', 'text', 'type'])
          .execute();
        await db.schema.createIndex('entity_names_entity').on('entity_names').column('entity_id').execute();
        await db.schema
          .createTable('entity_name_tokens')
          .addColumn('token', 'text', (c) => c.notNull())
          .addColumn('name_id', 'text', (c) => c.notNull().references('entity_names.id'))
          .addPrimaryKeyConstraint('entity_name_tokens_pk', ['token', 'name_id'])
          .execute();
        await db.schema
          .createTable('entity_mentions')
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('mention', 'integer', (c) => c.notNull())
          .addColumn('name_id', 'text', (c) => c.notNull().references('entity_names.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('start', 'integer', (c) => c.notNull())
          .addColumn('end', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('entity_mentions_pk', ['article_id', 'mention'])
          .execute();
        await db.schema.createIndex('entity_mentions_name').on('entity_mentions').column('name_id').execute();
        await db.schema
          .createTable('entity_roles')
          .addColumn('name_id', 'text', (c) => c.notNull().references('entity_names.id'))
          .addColumn('role_key', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('start', 'integer', (c) => c.notNull())
          .addColumn('end', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('entity_roles_pk', ['name_id', 'article_id', 'start', 'role_key'])
          .execute();
        await db.schema.createIndex('entity_roles_article').on('entity_roles').column('article_id').execute();
      },
    },
    '0004_name_pairs': {
      // Full names are now found by pairs of their words (core/names.ts namePairKeys) rather than by single words,
      // whose holders grow with the pile: the names stored before get their pairs.
      up: (db: Kysely<any>) => addPersonNameTokens(db, namePairKeys),
    },
    '0005_entity_facts': {
      // An entity page shows each role as written beside the name, read from the store rather than from every article;
      // a two-word name joined to a person by its ending alone is marked, so a pairwise match can take it back.
      async up(db: Kysely<any>) {
        await db.schema
          .alterTable('entity_roles')
          .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema
          .alterTable('entity_names')
          .addColumn('attached', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
    '0006_settings': {
      // `quipu demo` replaces its store on every run: it marks the stores it creates so it never replaces anyone else's.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0007_paragraph_copies': {
      // Copies at paragraph level and across languages: each article's paragraph fingerprints are kept beside its
      // signature (a candidate is then compared without re-annotating it), and each copy keeps its extent and changes.
      async up(db: Kysely<any>) {
        await db.schema.alterTable('signatures').addColumn('paragraphs', 'text').execute();
        await db.schema.alterTable('copies').addColumn('detail', 'text').execute();
      },
    },
    '0008_findings': {
      // Cross-article findings kept current at ingest (src/analyze): every surface pages through them by index rather
      // than recomputing them from the whole pile. Keys and ranks compare by code point on both engines.
      async up(db: Kysely<any>) {
        const ordered = engine === 'postgres' ? sql.raw('text collate "C"') : sql.raw('text');
        await db.schema
          .createTable('analysis_facts')
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('part', ordered as never, (c) => c.notNull())
          .addColumn('rank', ordered as never, (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('analysis_facts_pk', ['article_id', 'kind', 'seq'])
          .execute();
        await db.schema.createIndex('analysis_facts_part').on('analysis_facts').columns(['kind', 'part']).execute();
        await db.schema.createIndex('analysis_facts_rank').on('analysis_facts').columns(['kind', 'rank']).execute();
        await db.schema
          .createTable('analysis_findings')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key', ordered as never, (c) => c.notNull())
          .addColumn('part', ordered as never, (c) => c.notNull())
          .addColumn('verdict', 'text')
          .addColumn('rank', ordered as never, (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('analysis_findings_pk', ['kind', 'key'])
          .execute();
        await db.schema.createIndex('analysis_findings_part').on('analysis_findings').columns(['kind', 'part']).execute();
        await db.schema.createIndex('analysis_findings_rank').on('analysis_findings').columns(['kind', 'rank', 'key']).execute();
        await db.schema.createIndex('analysis_findings_verdict').on('analysis_findings').columns(['kind', 'verdict', 'key']).execute();
      },
    },
    '0009_claims': {
      // The claims ledger as stored rows (src/analyze/claims.ts), written in the linking transaction: /api/claims and the
      // entity pages page through them by index instead of listing every article's claims in memory.
      async up(db: Kysely<any>) {
        const ordered = engine === 'postgres' ? sql.raw('text collate "C"') : sql.raw('text');
        await db.schema
          .createTable('analysis_claims')
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('published', ordered as never, (c) => c.notNull())
          .addColumn('speaker_sort', ordered as never, (c) => c.notNull())
          .addColumn('outlet_sort', ordered as never, (c) => c.notNull())
          .addColumn('hedge', ordered as never, (c) => c.notNull())
          .addColumn('speaker_key', 'text', (c) => c.notNull())
          .addColumn('speaker_bare', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('analysis_claims_pk', ['article_id', 'seq'])
          .execute();
        for (const column of ['published', 'speaker_sort', 'outlet_sort', 'hedge']) {
          await db.schema.createIndex(`analysis_claims_${column}`).on('analysis_claims').columns([column, 'article_id', 'seq']).execute();
        }
        await db.schema.createIndex('analysis_claims_speaker_key').on('analysis_claims').column('speaker_key').execute();
        await db.schema.createIndex('analysis_claims_speaker_bare').on('analysis_claims').column('speaker_bare').execute();
        await db.schema
          .createTable('analysis_claim_terms')
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('term', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('analysis_claim_terms_pk', ['article_id', 'seq', 'role', 'term'])
          .execute();
        await db.schema.createIndex('analysis_claim_terms_term').on('analysis_claim_terms').columns(['role', 'term']).execute();
      },
    },
    '0010_outlet_counts': {
      // The outlet view's counts per outlet and language are kept as findings at ingest (src/analyze/sources.ts), each
      // recounted from the articles of its outlet and language alone: this index answers that count, dates included.
      async up(db: Kysely<any>) {
        await db.schema.createIndex('articles_outlet_language').on('articles').columns(['outlet', 'language', 'published']).execute();
        // The number of copy links, kept as links are added (kysely-repository.ts `addCopies`): /api/copies does not count them.
        await sql`insert into settings (key, value) select ${copyLinksSetting}, cast(count(*) as text) from copies`.execute(db);
      },
    },
    '0011_short_form_keys': {
      // A name inside full names ("Vladimir Cerrón" in "Vladimir Cerrón Rojas") now joins them only when they are one
      // person's (link-entities.ts `ambiguityOf`): the names stored before say which names they hold.
      up: (db: Kysely<any>) => addPersonNameTokens(db, heldNameKeys),
    },
    '0012_fact_part_rank': {
      // The facts of a part within a range of ranks (src/analyze/update.ts reads the dated sentences of a name on one
      // day: `event-name` facts under the name, ranked by date first): an index seek instead of every fact of a name
      // that recurs in thousands of articles. It serves what the (kind, part) index did.
      async up(db: Kysely<any>) {
        await db.schema.createIndex('analysis_facts_part_rank').on('analysis_facts').columns(['kind', 'part', 'rank']).execute();
        await db.schema.dropIndex('analysis_facts_part').execute();
      },
    },
    '0013_api_read_indexes': {
      // Indexes for the API's pages (src/server). The copies that changed a fact (/api/copy-changes, `quipu conflicts`)
      // paged and counted from an index of them alone: the filter read every link's detail (66 ms of CPU at 20,000
      // links, on the first page after an ingest). Findings of one verdict by rank (/api/conflicts?sort=latest): the
      // (kind, verdict, key) index made every group of the verdict sorted, its data with it, for a page of five.
      async up(db: Kysely<any>) {
        await sql.raw(`create index copies_changed on copies (copy_id, original_id) where ${changedCopyCondition}`).execute(db);
        await db.schema.createIndex('analysis_findings_verdict_rank').on('analysis_findings').columns(['kind', 'verdict', 'rank', 'key']).execute();
      },
    },
    '0014_write_path_indexes': {
      // Indexes that no query reads, each written by every ingest: copy_keys by article (blocking keys are looked up by
      // key; about 180 rows an article), articles by outlet alone (articles_outlet_language starts with the outlet and
      // answers the same queries), articles by source (sources are reached from their article, never the other way).
      // Articles are never deleted, so no cascade needs them either. On SQLite the blocking keys become a table
      // without rowid, ordered by its key: a key's row is then written once, not into a table and again into its
      // primary key's index (together about 40% of linking's key writes and of the pages each commit writes).
      async up(db: Kysely<any>) {
        await db.schema.dropIndex('copy_keys_article').execute();
        await db.schema.dropIndex('articles_outlet').execute();
        await db.schema.dropIndex('articles_source').execute();
        if (engine !== 'sqlite') return;
        await sql`create table copy_keys_by_key (
          key text not null,
          article_id text not null references articles(id) on delete cascade,
          constraint copy_keys_pk primary key (key, article_id)) without rowid`.execute(db);
        await sql`insert into copy_keys_by_key (key, article_id) select key, article_id from copy_keys order by key, article_id`.execute(db);
        await sql`drop table copy_keys`.execute(db);
        await sql`alter table copy_keys_by_key rename to copy_keys`.execute(db);
      },
    },
    '0015_first_request_counts': {
      // The first request after an ingest (an empty answer cache) read the whole pile for a few views: /api/stats
      // summed every article's text, the article list sorted every article's date, /api/entities grouped every name.
      // Counts kept as articles are stored answer the first two; the entities' counts by mentions are findings kept
      // beside their counts by articles (src/analyze/graph.ts), copied here from those for a store analysed before.
      async up(db: Kysely<any>) {
        const ordered = engine === 'postgres' ? sql.raw('text collate "C"') : sql.raw('text');
        await db.schema
          .createTable('article_tallies')
          .addColumn('outlet_key', 'text', (c) => c.notNull())
          .addColumn('outlet', 'text')
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('articles', 'bigint', (c) => c.notNull())
          .addColumn('dated', 'bigint', (c) => c.notNull())
          .addColumn('characters', 'bigint', (c) => c.notNull())
          .addColumn('earliest', ordered as never)
          .addColumn('latest', ordered as never)
          .addPrimaryKeyConstraint('article_tallies_pk', ['outlet_key', 'language'])
          .execute();
        await tallyStored(db);
        // The article list's order (undated last, latest first, then as stored), read along an index a page at a time.
        await db.schema.dropIndex('articles_published').execute();
        await sql`create index articles_published_seq on articles (published desc, seq)`.execute(db);
        const number = engine === 'postgres' ? "cast(data::json->>'mentions' as bigint)" : "json_extract(data, '$.mentions')";
        const padded = engine === 'postgres' ? `lpad(cast(10000000000 - ${number} as text), 11, '0')` : `printf('%011d', 10000000000 - ${number})`;
        await sql`insert into analysis_findings (kind, key, part, verdict, rank, data, version)
          select ${entityMentionsKind}, key, part, verdict, ${sql.raw(padded)}, data, version from analysis_findings where kind = ${entityCountKind}`.execute(db);
      },
    },
    '0016_entity_pairs': {
      // The entity graph and an entity's page counted the articles and sentences entities share from every mention of
      // the entities asked for, which grows with the pile: the counts are kept per pair instead, read by the pair's
      // entities (most shared first) or among a set of them.
      async up(db: Kysely<any>) {
        await db.schema.alterTable('entity_names').addColumn('paired_entity', 'text').execute();
        await db.schema
          .createTable('entity_pairs')
          .addColumn('a', 'text', (c) => c.notNull())
          .addColumn('b', 'text', (c) => c.notNull())
          .addColumn('articles', 'bigint', (c) => c.notNull())
          .addColumn('sentences', 'bigint', (c) => c.notNull())
          .addColumn('quotes', 'bigint', (c) => c.notNull())
          .addColumn('quotes_back', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('entity_pairs_pk', ['a', 'b'])
          // On SQLite the rows live in the primary key's tree: one tree fewer to write for every pair an article adds.
          .$call((table) => (engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
          .execute();
        // The pairs of an entity: those it is first in along the primary key, those it is second in along this index
        // (no count in it: adding to a count rewrites no index entry).
        await sql`create index entity_pairs_b on entity_pairs (b, a)`.execute(db);
        // Names whose entity changed since their articles were counted, or new: the few a merge or an article leaves, found without a scan.
        await sql.raw(`create index entity_names_unpaired on entity_names (id) where ${unpairedCondition}`).execute(db);
        // Counted by 0020, which keeps only the pairs of entities in a few articles or more.
      },
    },
    '0017_mentions_by_date': {
      // An entity's page lists its first articles by date: it read every mention of the entity and the date of each of
      // its articles, which grows with the pile. Each mention now carries its article's date, and a name's mentions
      // are read by date along the index that served reads by name.
      async up(db: Kysely<any>) {
        const ordered = engine === 'postgres' ? sql.raw('text collate "C"') : sql.raw('text');
        await db.schema
          .alterTable('entity_mentions')
          .addColumn('published_key', ordered as never, (c) => c.notNull().defaultTo(''))
          .execute();
        await sql`update entity_mentions set published_key = coalesce((select published from articles where articles.id = entity_mentions.article_id), '')`.execute(db);
        await db.schema.dropIndex('entity_mentions_name').execute();
        await db.schema.createIndex('entity_mentions_name_date').on('entity_mentions').columns(['name_id', 'published_key', 'article_id']).execute();
      },
    },
    '0018_speaker_claims_by_date': {
      // An entity's claims, latest first, were found by speaker name and then sorted whole: a much-quoted speaker's
      // thousands each time its page was asked for. Each name's claims are now read latest first along an index.
      async up(db: Kysely<any>) {
        await db.schema.dropIndex('analysis_claims_speaker_key').execute();
        await db.schema.dropIndex('analysis_claims_speaker_bare').execute();
        await sql`create index analysis_claims_speaker_key_date on analysis_claims (speaker_key, published desc, article_id, seq)`.execute(db);
        await sql`create index analysis_claims_speaker_bare_date on analysis_claims (speaker_bare, published desc, article_id, seq, speaker_key)`.execute(db);
      },
    },
    '0019_figure_parts': {
      // Figure facts were stored by measure, and a regrouping read every figure of the measures it regrouped: most of
      // the pile, once per batch of articles. They are stored by the cluster of groups their place falls in
      // (src/link/figure-groups.ts `figureFactPart`, which this says again in SQL), so a regrouping reads only the
      // clusters new figures join; the groups are regrouped once by cluster at the next regrouping (src/analyze/update.ts).
      async up(db: Kysely<any>) {
        await sql`update analysis_facts set part = ${sql.raw(figurePartSql(engine))}
          where kind = 'figure' and part <> 'other' and ${sql.raw(engine === 'postgres' ? 'strpos' : 'instr')}(part, '|') = 0`.execute(db);
      },
    },
    '0020_paired_entities': {
      // Every pair of entities an article named was a row, most of them of names seen once or twice: an article of 35
      // entities wrote 600 rows, far apart in the table, and the table grew with the square of an article's entities.
      // Pairs are kept only between entities in a few articles or more (`paired_entities`); a pair with an entity in
      // fewer is counted when asked for, from that entity's articles (kysely-repository.ts `entityPairsAmong`).
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('paired_entities')
          .addColumn('entity_id', 'text', (c) => c.notNull().primaryKey())
          .$call((table) => (engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
          .execute();
        await recountEntityPairs(db, engine);
      },
    },
    '0021_figure_days': {
      // Figures are grouped within a year (with the first months of the next that a chain of reports runs on into), and
      // a regrouping reads the stretch of days of a cluster those years take (an indexed range of the facts' rank,
      // analysis_facts_part_rank): each figure fact is ranked by its date (src/link/figure-groups.ts `figureDay`, which
      // this says again in SQL). The groups are regrouped once by year at the next regrouping (src/analyze/update.ts).
      async up(db: Kysely<any>) {
        await sql`update analysis_facts set rank = ${sql.raw(figureDaySql(engine))} where kind = 'figure'`.execute(db);
      },
    },
    '0022_partial_rank_indexes': {
      // The indexes by rank and by verdict held every fact and finding, though only a few kinds are read along them
      // (the kinds below): about 75 of an article's 94 facts and 45 of its 63 finding writes (a figure's stale marks,
      // the entities' type and count basis, a day's events by verdict) each wrote an entry at a random place in each.
      async up(db: Kysely<any>) {
        for (const name of ['analysis_facts_rank', 'analysis_findings_rank', 'analysis_findings_verdict', 'analysis_findings_verdict_rank']) await db.schema.dropIndex(name).execute();
        await sql`create index analysis_facts_rank on analysis_facts (kind, rank) where ${kindsCondition(rankReadFactKinds)}`.execute(db);
        await sql`create index analysis_findings_rank on analysis_findings (kind, rank, key) where ${kindsCondition(rankReadFindingKinds)}`.execute(db);
        await sql`create index analysis_findings_verdict on analysis_findings (kind, verdict, key) where ${kindsCondition(verdictReadFindingKinds)}`.execute(db);
        await sql`create index analysis_findings_verdict_rank on analysis_findings (kind, verdict, rank, key) where ${kindsCondition(verdictReadFindingKinds)}`.execute(db);
      },
    },
    '0023_kept_counts': {
      // The first page of the timeline, the entities, the conflicts and the claims counted every row of their kind for
      // the page's total (905,195 dated sentences at 50,000 articles: 165 ms) on each first request after a change. The
      // rows are counted once here, then kept by triggers on every write (a cascade from an article's removal too).
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('kept_counts')
          .addColumn('counted', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('verdict', 'text', (c) => c.notNull())
          .addColumn('n', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('kept_counts_pk', ['counted', 'kind', 'verdict'])
          .execute();
        for (const counted of Object.values(keptCounted)) {
          await sql`insert into kept_counts (counted, kind, verdict, n)
            select ${counted.name}, ${sql.raw(counted.kind)}, ${sql.raw(counted.verdict)}, count(*) from ${sql.table(counted.table)}
            group by 2, 3`.execute(db);
          for (const statement of keptCountTriggers(engine, counted)) await sql.raw(statement).execute(db);
        }
      },
    },
    '0024_entity_labels': {
      // Entity lists (the entities page, the graph, an entity's co-occurring entities) named each entity from every
      // form of its names: at 10,000 articles an entity of 205 names; at 50,000 one of 1,939. Labels are kept, and
      // marked stale by triggers when an entity's forms or names change; every entity starts stale, labelled by the
      // next batch rebuild (until then, and for any entity marked since, lists read the forms as before).
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('entity_labels')
          .addColumn('entity_id', 'text', (c) => c.notNull().primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('entity_labels_stale')
          .addColumn('entity_id', 'text', (c) => c.notNull().primaryKey())
          .$call((table) => (engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
          .execute();
        for (const statement of entityLabelTriggers(engine)) await sql.raw(statement).execute(db);
        await sql`insert into entity_labels_stale (entity_id) select distinct entity_id from entity_names`.execute(db);
      },
    },
    '0025_pairs_by_count': {
      // An entity's page lists the entities it shares most articles with. The pairs it is second in were read along
      // (b, a) and each looked up for its count: at 50,000 articles the most-named entity is second in 6,528 pairs,
      // 21 ms of the 63 its page took after an upload. Ordered by count, the first few are read. An article's new
      // counts now move entries in this index too.
      async up(db: Kysely<any>) {
        await db.schema.dropIndex('entity_pairs_b').execute();
        await sql`create index entity_pairs_b on entity_pairs (b, articles, a)`.execute(db);
      },
    },
  };
}

/**
 * The triggers that mark an entity's label stale: a form of one of its names written, changed or removed, or a name
 * moved to another entity (both are marked), renamed or set apart as a person's or not. SQLite: one per row;
 * PostgreSQL: one per statement over its transition tables (an article's forms are written in one statement).
 */
export function entityLabelTriggers(engine: Engine): string[] {
  const labelledAs = '(o.entity_id, o.key, o.person, o.attached) is distinct from (n.entity_id, n.key, n.person, n.attached)';
  if (engine === 'sqlite') {
    // No conflict clause (`or ignore`): inside a trigger SQLite applies the conflict policy of the statement that fired
    // it instead (an upsert of forms made a second mark of an entity fail the article).
    const unmarked = (entity: string) => `not exists (select 1 from entity_labels_stale s where s.entity_id = ${entity})`;
    const ofName = (row: 'new' | 'old') => `insert into entity_labels_stale (entity_id) select n.entity_id from entity_names n where n.id = ${row}.name_id and ${unmarked('n.entity_id')};`;
    const mark = (row: 'new' | 'old') => `insert into entity_labels_stale (entity_id) select ${row}.entity_id where ${unmarked(`${row}.entity_id`)};`;
    return [
      `create trigger entity_forms_labelled_insert after insert on entity_forms begin ${ofName('new')} end`,
      `create trigger entity_forms_labelled_update after update on entity_forms begin ${ofName('new')} end`,
      `create trigger entity_forms_labelled_delete after delete on entity_forms begin ${ofName('old')} end`,
      `create trigger entity_names_labelled_update after update of entity_id, key, person, attached on entity_names when ${['entity_id', 'key', 'person', 'attached'].map((c) => `old.${c} is not new.${c}`).join(' or ')} begin ${mark('old')} ${mark('new')} end`,
      `create trigger entity_names_labelled_delete after delete on entity_names begin ${mark('old')} end`,
    ];
  }
  const mark = (entities: string) => `insert into entity_labels_stale (entity_id) select distinct entity_id from (${entities}) as marked order by 1 on conflict do nothing`;
  const ofForms = (rows: string) => mark(`select n.entity_id from ${rows} f join entity_names n on n.id = f.name_id`);
  const events: [table: string, event: string, referencing: string, body: string][] = [
    ['entity_forms', 'insert', 'referencing new table as new_rows', ofForms('new_rows')],
    ['entity_forms', 'update', 'referencing new table as new_rows', ofForms('new_rows')],
    ['entity_forms', 'delete', 'referencing old table as old_rows', ofForms('old_rows')],
    [
      'entity_names',
      'update',
      'referencing old table as old_rows new table as new_rows',
      mark(`select o.entity_id from old_rows o join new_rows n on n.id = o.id where ${labelledAs} union all select n.entity_id from old_rows o join new_rows n on n.id = o.id where ${labelledAs}`),
    ],
    ['entity_names', 'delete', 'referencing old table as old_rows', mark('select entity_id from old_rows')],
  ];
  return events.flatMap(([table, event, referencing, body]) => [
    `create function ${table}_labelled_${event}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`,
    `create trigger ${table}_labelled_${event} after ${event} on ${table} ${referencing} for each statement execute function ${table}_labelled_${event}()`,
  ]);
}

/** The layers whose rows `kept_counts` counts: the table, and its kind and verdict as SQL over a row. */
export const keptCounted = {
  facts: { name: 'facts', table: 'analysis_facts', kind: 'kind', verdict: "''" },
  findings: { name: 'findings', table: 'analysis_findings', kind: 'kind', verdict: "coalesce(verdict, '')" },
  claims: { name: 'claims', table: 'analysis_claims', kind: "'claim'", verdict: 'hedge' },
} as const;

type KeptCounted = (typeof keptCounted)[keyof typeof keptCounted];

/**
 * The triggers that keep `kept_counts` for one table. SQLite: one per row and event, each adding 1 or -1 (an update
 * only when it moves a row's kind or verdict). PostgreSQL: one per statement and event over its transition tables, a
 * write of many rows adding each kind's difference once (a row trigger would write a new version of the count row for
 * each row, and queue workers would wait on it longer).
 */
export function keptCountTriggers(engine: Engine, counted: KeptCounted): string[] {
  const { name, table } = counted;
  const over = (row: string) => ({ kind: counted.kind.replace(/\b(kind|verdict|hedge)\b/g, `${row}.$1`), verdict: counted.verdict.replace(/\b(kind|verdict|hedge)\b/g, `${row}.$1`) });
  if (engine === 'sqlite') {
    // No conflict clause: inside a trigger SQLite applies the conflict policy of the statement that fired it instead.
    const add = (row: 'new' | 'old', by: 1 | -1) => {
      const where = `counted = '${name}' and kind = ${over(row).kind} and verdict = ${over(row).verdict}`;
      return `insert into kept_counts (counted, kind, verdict, n) select '${name}', ${over(row).kind}, ${over(row).verdict}, 0 where not exists (select 1 from kept_counts where ${where}); update kept_counts set n = n + ${by} where ${where};`;
    };
    const moved = `${over('old').kind} is not ${over('new').kind} or ${over('old').verdict} is not ${over('new').verdict}`;
    return [
      `create trigger ${table}_counted_insert after insert on ${table} begin ${add('new', 1)} end`,
      `create trigger ${table}_counted_delete after delete on ${table} begin ${add('old', -1)} end`,
      `create trigger ${table}_counted_update after update on ${table} when ${moved} begin ${add('old', -1)} ${add('new', 1)} end`,
    ];
  }
  const rows = (from: string, by: 1 | -1) => `select ${counted.kind} as kind, ${counted.verdict} as verdict, ${by} as n from ${from}`;
  const apply = (changes: string) =>
    `insert into kept_counts (counted, kind, verdict, n) select '${name}', kind, verdict, sum(n) from (${changes}) as changes group by kind, verdict having sum(n) <> 0 order by kind, verdict
      on conflict (counted, kind, verdict) do update set n = kept_counts.n + excluded.n`;
  const events = [
    ['insert', 'referencing new table as new_rows', apply(rows('new_rows', 1))],
    ['delete', 'referencing old table as old_rows', apply(rows('old_rows', -1))],
    ['update', 'referencing old table as old_rows new table as new_rows', apply(`${rows('old_rows', -1)} union all ${rows('new_rows', 1)}`)],
  ] as const;
  return events.flatMap(([event, referencing, body]) => [
    `create function ${table}_counted_${event}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`,
    `create trigger ${table}_counted_${event} after ${event} on ${table} ${referencing} for each statement execute function ${table}_counted_${event}()`,
  ]);
}

/**
 * The fact kinds read in the order of their rank with no part (src/analyze/read.ts: the timeline of every event;
 * src/analyze/sources.ts: a copy link's fact looked up by its rank): the only facts the (kind, rank) index holds.
 */
export const rankReadFactKinds: readonly string[] = ['event', 'copy-made'];
/**
 * The finding kinds paged along their rank (src/analyze/read.ts and graph.ts: events by day, date conflicts and figure
 * groups latest first, entities by count) and by verdict (figure groups and date conflicts by verdict, entities by type).
 */
export const rankReadFindingKinds: readonly string[] = ['event', 'date-conflict', 'figure-group', 'entity-count', 'entity-mentions'];
export const verdictReadFindingKinds: readonly string[] = ['date-conflict', 'figure-group', 'entity-count', 'entity-mentions'];

// Terms joined by `or`, not `kind in (…)`: SQLite uses a partial index when a term of the query is one of its terms.
const kindsCondition = (kinds: readonly string[]) => sql.raw(kinds.map((kind) => `kind = '${kind}'`).join(' or '));

const partiallyIndexedKinds = new Set([...rankReadFactKinds, ...rankReadFindingKinds, ...verdictReadFindingKinds]);

/**
 * `kind` as a page of facts or findings says it: a literal for a kind some partial index holds, since SQLite uses a
 * partial index only for a query whose own terms name a kind it holds (a bound parameter does not); else a parameter.
 */
export const kindTerm = (kind: string): string | RawBuilder<string> => (partiallyIndexedKinds.has(kind) ? sql.lit(kind) : kind);

/** The date `figureDay` (src/link/figure-groups.ts) gives a stored figure record, in SQL: one that starts with a year, or ''. */
export function figureDaySql(engine: Engine): string {
  const field = (name: string) => (engine === 'postgres' ? `(data::json->>'${name}')` : `json_extract(data, '$.${name}')`);
  const given = `coalesce(${field('ref')}, ${field('date')}, ${field('reported')}, '')`;
  const digits = engine === 'postgres' ? `${given} ~ '^[0-9]{4}'` : `${given} glob '[0-9][0-9][0-9][0-9]*'`;
  return `case when ${digits} then ${given} else '' end`;
}

/**
 * Names moved to another entity since their articles' pairs were counted, or new since the last count: the partial
 * index's condition and the query's (an engine uses a partial index only for a query whose condition is the index's own).
 */
export const unpairedCondition = '(paired_entity is null or paired_entity <> entity_id)';

/** An entity's pairs are kept (`paired_entities`) once it is in this many analysed articles: named, or speaking by a name. */
export const pairedEntityArticles = 3;

/** Whether the article of `m.article_id` is analysed (holds an `analyzed` fact): only those are counted. */
const analyzedSql = sql`exists (select 1 from analysis_facts d where d.article_id = m.article_id and d.kind = 'analyzed')`;

/**
 * Each entity with the analysed articles it is in (`entity_id`, `article_id`, each once): those naming one of its names,
 * and those with a claim spoken by one (graph.ts's claim facts, the speaker's name the part): the articles whose share
 * (`addArticleShare` in src/analyze/entity-pairs.ts) can hold one of its pairs. `where` narrows it (on `n`, the name).
 */
export const entityArticlesSql = (
  engine: Engine,
  where: RawBuilder<unknown>,
) => sql`select n.entity_id, m.article_id from entity_mentions m join entity_names n on n.id = m.name_id where ${where} and ${analyzedSql}
  union
  select n.entity_id, m.article_id from entity_names n ${namesFirst(engine)} analysis_facts m on m.part = n.id where m.kind = 'graph-claim' and ${where} and ${analyzedSql}`;

/**
 * A join that reads its left side first: SQLite's `cross join` (it chose to read every claim fact and look up each
 * speaker's name, 70 ms for one entity on the 2,000-article bench store against 3), a join elsewhere.
 */
const namesFirst = (engine: Engine) => (engine === 'sqlite' ? sql`cross join` : sql`join`);

/**
 * The pair counts of the analysed articles `articles` holds (a condition on `m.article_id`), between entities `entity`
 * keeps (a condition on an entity id column), as `a`, `b`, `articles`, `sentences`, `quotes`, `quotes_back` (`a` < `b`):
 * a sentence's names are its `graph-sentence` facts, one per name, its rank the sentence; a claim's are its
 * `graph-claim` facts, the speaker's name the part. What src/analyze/entity-pairs.ts keeps up one article at a time
 * (`addArticleShare` says what counts).
 */
export function pairCountsSql(engine: Engine, articles: RawBuilder<unknown>, entity: (column: RawBuilder<unknown>) => RawBuilder<unknown>): RawBuilder<unknown> {
  const where = sql`${articles} and ${analyzedSql}`;
  // A claim's content names, and the name it is tried second to (its speaker's as written, with titles).
  const about = engine === 'postgres' ? sql`cross join lateral json_array_elements_text(m.data::json->'about') as c(value)` : sql`cross join json_each(m.data, '$.about') as c`;
  const instead = engine === 'postgres' ? sql`(m.data::json->>'instead')` : sql`json_extract(m.data, '$.instead')`;
  const kept = (alias: string) => entity(sql.ref(`${alias}.entity_id`));
  const named = sql`select distinct m.article_id, n.entity_id from entity_mentions m join entity_names n on n.id = m.name_id where ${where} and ${kept('n')}`;
  // The sentences' pairs join each fact to the others of its article (the primary key's range), then of its sentence:
  // a join of two per-sentence lists on (article, sentence) found no index on SQLite and compared every pair of rows.
  return sql`select a, b, sum(articles) as articles, sum(sentences) as sentences, sum(quotes) as quotes, sum(quotes_back) as quotes_back from (
      select x.entity_id as a, y.entity_id as b, count(*) as articles, 0 as sentences, 0 as quotes, 0 as quotes_back
      from (${named}) x join (${named}) y on y.article_id = x.article_id and x.entity_id < y.entity_id
      group by x.entity_id, y.entity_id
      union all
      select ea, eb, 0, count(*), 0, 0 from (
        select distinct m.article_id, m.rank, n.entity_id as ea, o.entity_id as eb
        from analysis_facts m join analysis_facts f on f.article_id = m.article_id and f.kind = m.kind and f.rank = m.rank
        join entity_names n on n.id = m.part join entity_names o on o.id = f.part
        where m.kind = 'graph-sentence' and n.entity_id < o.entity_id and ${where} and ${kept('n')} and ${kept('o')}
      ) sentences group by ea, eb
      union all
      select case when speaker < named then speaker else named end, case when speaker < named then named else speaker end,
        0, 0, sum(case when speaker < named then 1 else 0 end), sum(case when speaker < named then 0 else 1 end)
      from (
        select distinct m.article_id, m.seq, n.entity_id as speaker, o.entity_id as named
        from analysis_facts m ${about}
        join entity_names n on n.id = m.part join entity_names o on o.id = c.value
        where m.kind = 'graph-claim' and n.entity_id <> o.entity_id and ${where} and ${kept('n')} and ${kept('o')}
          and (${instead} is null or not exists (select 1 from entity_names w where w.id = ${instead}))
      ) claims group by 1, 2
    ) counts group by a, b`;
}

/**
 * Counts anew which entities' pairs are kept (`paired_entities`: those in `pairedEntityArticles` analysed articles or
 * more) and every analysed article's pairs between them into `entity_pairs` (both emptied first), and marks every name
 * counted under its entity: what src/analyze/entity-pairs.ts keeps up one article at a time.
 */
export async function recountEntityPairs(db: Kysely<any>, engine: Engine): Promise<void> {
  await sql`delete from entity_pairs`.execute(db);
  await sql`delete from paired_entities`.execute(db);
  await sql`insert into paired_entities (entity_id)
    select entity_id from (${entityArticlesSql(engine, sql`1 = 1`)}) e group by entity_id having count(*) >= ${pairedEntityArticles}`.execute(db);
  const paired = (column: RawBuilder<unknown>) => sql`${column} in (select entity_id from paired_entities)`;
  await sql`insert into entity_pairs (a, b, articles, sentences, quotes, quotes_back) ${pairCountsSql(engine, sql`1 = 1`, paired)}`.execute(db);
  await sql`update entity_names set paired_entity = entity_id`.execute(db);
}

/** How many analysed articles other than `except` each of `entityIds` is in (as `entityArticlesSql` counts them), counted whole. */
export function entityArticleCountsSql(engine: Engine, entityIds: readonly string[], except: string): RawBuilder<{ entity_id: string; n: number }> {
  return sql<{
    entity_id: string;
    n: number;
  }>`select entity_id, count(*) as n from (${entityArticlesSql(engine, sql`n.entity_id in (${sql.join(entityIds)}) and m.article_id <> ${except}`)}) e group by entity_id`;
}

/**
 * How many analysed articles other than `except` entity `entityId` is in (as `entityArticlesSql` counts them), counted
 * up to `atLeast` only: an entity in thousands costs no more than one in a few.
 */
export function entityInArticlesSql(engine: Engine, entityId: string, except: string, atLeast: number): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`select count(*) as n from (select article_id from (${entityArticlesSql(engine, sql`n.entity_id = ${entityId} and m.article_id <> ${except}`)}) e limit ${atLeast}) e`;
}

/**
 * The part `figureFactPart` (src/link/figure-groups.ts) gives a figure fact stored by its measure alone, in SQL: a
 * sentence with no one sentenced or no term is set apart; a record with a place key goes under its measure and the key's
 * cluster (`XX.region` for the region and every key below it, else the key itself); one with a place but no key under
 * its bare measure; one with no place under `measure|`.
 */
export function figurePartSql(engine: Engine): string {
  const field = (name: string) => (engine === 'postgres' ? `(data::json->>'${name}')` : `json_extract(data, '$.${name}')`);
  const key = field('placeKey');
  const cluster =
    engine === 'postgres'
      ? `coalesce(substring(${key} from '^[ABCDEFGHIJKLMNOPQRSTUVWXYZ][ABCDEFGHIJKLMNOPQRSTUVWXYZ][.][^.]+'), ${key})`
      : `case when ${key} glob '[A-Z][A-Z].[^.]*' then substr(${key}, 1, 3 + coalesce(nullif(instr(substr(${key}, 4), '.'), 0) - 1, length(${key}) - 3)) else ${key} end`;
  return `case
    when part = 'sentence' then case when coalesce(${field('subject')}, '') = '' or coalesce(${field('duration')}, '') = '' then 'sentence|-' else 'sentence' end
    when ${key} is not null then part || '|' || ${cluster}
    when coalesce(${field('place')}, '') <> '' then part
    else part || '|' end`;
}

/** The `article_tallies` key of an outlet column (or value): the outlet marked, '' for none, so null has one row too. */
export const tallyKeyOf = (outlet: string) => `coalesce('=' || ${outlet}, '')`;

/** The settings key under which the number of stored sources is kept. */
export const sourceCountSetting = 'source-count';

/** Counts every stored article into `article_tallies` (empty before) and sets the source count: 0015, and `quipu reanalyze`. */
export async function tallyStored(db: Kysely<any>): Promise<void> {
  await sql`insert into article_tallies (outlet_key, outlet, language, articles, dated, characters, earliest, latest)
    select ${sql.raw(tallyKeyOf('outlet'))}, outlet, language, count(*), count(published), sum(length(text)), min(published), max(published)
    from articles group by outlet, language`.execute(db);
  await sql`delete from settings where key = ${sourceCountSetting}`.execute(db);
  await sql`insert into settings (key, value) select ${sourceCountSetting}, cast(count(*) as text) from sources`.execute(db);
}

/**
 * Finding kinds the migration above copies from (src/analyze/graph.ts names them; the store cannot import the
 * analysis layer): each entity's counts ranked by articles, and the same ranked by mentions.
 */
const entityCountKind = 'entity-count';
const entityMentionsKind = 'entity-mentions';

/**
 * A copy link that changed at least one fact: its detail's changes (copyDetail writes them as a JSON array) start
 * `"changes":[{` when there are any (`[]` when none). The one text of both the partial index and the queries that use it:
 * an engine uses a partial index only for a query whose condition is the index's own.
 */
export const changedCopyCondition = `detail like '%"changes":[{%'`;

/** Adds the blocking tokens `tokensOf` gives to every stored person's full name, 500 names at a time. */
async function addPersonNameTokens(db: Kysely<any>, tokensOf: (key: string) => string[]): Promise<void> {
  let after = '';
  for (;;) {
    const names = (await db.selectFrom('entity_names').select(['id', 'key']).where('person', '=', 1).where('bare', '=', 0).where('id', '>', after).orderBy('id').limit(500).execute()) as {
      id: string;
      key: string;
    }[];
    if (names.length === 0) break;
    const rows = names.flatMap((n) => tokensOf(n.key).map((token) => ({ token, name_id: n.id })));
    for (let i = 0; i < rows.length; i += 300) {
      await db
        .insertInto('entity_name_tokens')
        .values(rows.slice(i, i + 300))
        .onConflict((oc) => oc.columns(['token', 'name_id']).doNothing())
        .execute();
    }
    after = names.at(-1)!.id;
  }
}

/** The settings key under which the number of stored copy links is kept. */
export const copyLinksSetting = 'copy-links';

export function migrationProvider(engine: Engine): MigrationProvider {
  return { getMigrations: async () => migrations(engine) };
}
