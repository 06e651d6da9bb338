/**
 * Rows of the linking tables turned into what the LinkStore returns, shared by the kysely statements (both engines)
 * and SQLite's prepared ones (sqlite/native-link-store.ts), so the two give back the same values in the same order.
 */
import type { CopyCandidate, FindingRecord, RankedCandidate } from './repository.ts';

/** A candidate article's row with its paragraph fingerprints as stored, read once the candidate is kept. */
export interface CandidateRow {
  id: string;
  text: string;
  published: string | null;
  outlet: string | null;
  via: string | null;
  language: string;
  paragraphs: string | null;
}

/** A signature as the store keeps it (base64 of its bytes), decoded. */
export function decodeSignature(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * The ranked candidates (most shared keys first) that have a stored signature and that `keep` keeps, in rank order,
 * each with its decoded signature.
 */
export function keptCandidates(
  ranked: readonly { article_id: string; shared: number | string | bigint }[],
  signatures: readonly { article_id: string; signature: string }[],
  keep: (candidate: RankedCandidate) => boolean = () => true,
): RankedCandidate[] {
  const signatureOf = new Map(signatures.map((r) => [r.article_id, r.signature]));
  const out: RankedCandidate[] = [];
  for (const r of ranked) {
    const encoded = signatureOf.get(r.article_id);
    if (encoded === undefined) continue;
    const candidate = { id: r.article_id, shared: Number(r.shared), signature: decodeSignature(encoded) };
    if (keep(candidate)) out.push(candidate);
  }
  return out;
}

/** The kept candidates with their rows, in the candidates' order (an article without a row is left out). */
export function candidatesInOrder(kept: readonly RankedCandidate[], rows: readonly CandidateRow[]): CopyCandidate[] {
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  return kept.flatMap((candidate) => {
    const row = rowOf.get(candidate.id);
    return row ? [{ ...row, ...candidate, paragraphs: row.paragraphs ? JSON.parse(row.paragraphs) : null }] : [];
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

/** The type most of an entity's mentions carry (`votes`: mentions per type); ties go to PER, then ORG, LOC, MISC. */
export function majorityType(votes: ReadonlyMap<string, number>): string {
  const order = ['PER', 'ORG', 'LOC', 'MISC'];
  return [...votes].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))[0]?.[0] ?? 'MISC';
}

/**
 * Whether `findings` can be written as an upsert on their key, leaving unchanged rows alone: all of `kind`, no key
 * twice. Otherwise a replace deletes and inserts, and the store's constraints raise as they always did.
 */
export const upsertableFindings = (kind: string, findings: readonly FindingRecord[]): boolean => findings.every((f) => f.kind === kind) && new Set(findings.map((f) => f.key)).size === findings.length;
