/**
 * Rows of the linking tables turned into what the LinkStore returns, shared by the kysely statements (both engines)
 * and SQLite's prepared ones (sqlite/native-link-store.ts), so the two give back the same values in the same order.
 */
import type { CopyCandidate } from './repository.ts';

/** A candidate article's row with its signature and paragraph fingerprints as stored. */
export interface CandidateRow {
  id: string;
  text: string;
  published: string | null;
  outlet: string | null;
  via: string | null;
  language: string;
  signature: string;
  paragraphs: string | null;
}

/** The candidates of `rows` in the order of `ranked` (most shared keys first), each with its decoded signature. */
export function candidatesInOrder(ranked: readonly { article_id: string; shared: number | string | bigint }[], rows: CandidateRow[]): CopyCandidate[] {
  const order = new Map(ranked.map((r, i) => [r.article_id, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((row) => {
      const bytes = Buffer.from(row.signature, 'base64');
      return {
        ...row,
        paragraphs: row.paragraphs ? JSON.parse(row.paragraphs) : null,
        shared: Number(ranked[order.get(row.id)!]!.shared),
        signature: new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      };
    });
}

/** What newly stored mentions add to their names: mentions (all and as a person) per name, and per written form. */
export interface MentionTally {
  counts: Map<string, { all: number; person: number }>;
  forms: Map<string, { name_id: string; text: string; type: string; mentions: number }>;
}

/** Adds the mentions an insert returned (those not stored before) to `tally`. */
export function tallyMentions(tally: MentionTally, inserted: readonly { name_id: string; type: string; text: string }[]): void {
  for (const row of inserted) {
    const c = tally.counts.get(row.name_id) ?? { all: 0, person: 0 };
    c.all++;
    if (row.type === 'PER') c.person++;
    tally.counts.set(row.name_id, c);
    const key = `${row.name_id}\u0000${row.text}\u0000${row.type}`;
    const form = tally.forms.get(key) ?? { name_id: row.name_id, text: row.text, type: row.type, mentions: 0 };
    form.mentions++;
    tally.forms.set(key, form);
  }
}
