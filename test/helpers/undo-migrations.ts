/**
 * SQL that takes a store back to before a migration, for tests of what a migration does to a store made before it.
 * Undone newest first (the migrator refuses a store whose last migration is not its newest): `undoneTo(name)` lists
 * the statements that undo every migration after `name`, in that order, for both engines.
 */
import { type Engine, keptCounted } from '../../src/store/schema.ts';

const undo: [migration: string, statements: string[] | ((engine: Engine) => string[])][] = [
  ['0025_pairs_by_count', ['drop index entity_pairs_b', 'create index entity_pairs_b on entity_pairs (b, a)']],
  [
    '0024_entity_labels',
    (engine) => [
      ...[
        ['entity_forms', 'insert'],
        ['entity_forms', 'update'],
        ['entity_forms', 'delete'],
        ['entity_names', 'update'],
        ['entity_names', 'delete'],
      ].flatMap(([table, event]) =>
        engine === 'sqlite' ? [`drop trigger ${table}_labelled_${event}`] : [`drop trigger ${table}_labelled_${event} on ${table}`, `drop function ${table}_labelled_${event}()`],
      ),
      'drop table entity_labels',
      'drop table entity_labels_stale',
    ],
  ],
  [
    '0023_kept_counts',
    (engine) => [
      ...Object.values(keptCounted).flatMap(({ table }) =>
        ['insert', 'delete', 'update'].flatMap((event) =>
          engine === 'sqlite' ? [`drop trigger ${table}_counted_${event}`] : [`drop trigger ${table}_counted_${event} on ${table}`, `drop function ${table}_counted_${event}()`],
        ),
      ),
      'drop table kept_counts',
    ],
  ],
  [
    '0022_partial_rank_indexes',
    [
      'drop index analysis_facts_rank',
      'drop index analysis_findings_rank',
      'drop index analysis_findings_verdict',
      'drop index analysis_findings_verdict_rank',
      'create index analysis_facts_rank on analysis_facts (kind, rank)',
      'create index analysis_findings_rank on analysis_findings (kind, rank, key)',
      'create index analysis_findings_verdict on analysis_findings (kind, verdict, key)',
      'create index analysis_findings_verdict_rank on analysis_findings (kind, verdict, rank, key)',
    ],
  ],
  ['0021_figure_days', ["update analysis_facts set rank = '' where kind = 'figure'"]],
  // Run again, 0020 counts the pairs anew; undone, the pairs it kept stay (a store before it kept more: none is read wrong).
  ['0020_paired_entities', ['drop table paired_entities']],
  // Run again, 0019 finds every figure fact already given its part: nothing to undo but its row.
  ['0019_figure_parts', []],
  [
    '0018_speaker_claims_by_date',
    [
      'drop index analysis_claims_speaker_key_date',
      'drop index analysis_claims_speaker_bare_date',
      'create index analysis_claims_speaker_key on analysis_claims (speaker_key)',
      'create index analysis_claims_speaker_bare on analysis_claims (speaker_bare)',
    ],
  ],
  ['0017_mentions_by_date', ['drop index entity_mentions_name_date', 'alter table entity_mentions drop column published_key', 'create index entity_mentions_name on entity_mentions (name_id)']],
  ['0016_entity_pairs', ['drop index entity_names_unpaired', 'alter table entity_names drop column paired_entity', 'drop table entity_pairs']],
];

/** The statements that undo the migrations after `name` (which stays), newest first, each removed from the migrator's table. */
export function undoneTo(name: string, engine: Engine = 'sqlite'): string[] {
  return undo
    .filter(([migration]) => migration > name)
    .flatMap(([migration, statements]) => [...(typeof statements === 'function' ? statements(engine) : statements), `delete from kysely_migration where name = '${migration}'`]);
}
