/**
 * Claims as a ledger: every attribution of stored articles as one row (speaker, cue, content, hedge,
 * article, sentence span), filtered by speaker, by an entity the content mentions, and by hedge.
 * Pure: what `quipu claims` prints, given articles read from the store.
 */
import type { Attribution, EntityMention, Hedge, Sentence, SourceKind, Span } from '../../core/doc.ts';

/** What the ledger needs of a stored article. */
export interface StoredArticle {
  id: string;
  text: string;
  entities?: readonly EntityMention[];
  quotes?: readonly Attribution[];
  sentences?: readonly Sentence[];
}

export interface Claim {
  articleId: string;
  /** The source as written, null for an unattributed claim. */
  speaker: string | null;
  speakerKind: SourceKind | null;
  /** The full name the source resolves to (a pronoun or short form's mention), when known. */
  speakerEntity: string | null;
  cue: string;
  content: string;
  hedge: Hedge;
  form: Attribution['form'];
  /** Whom a passive report is about ("Cerrón was accused of …"): the full name when known, else as written. */
  about: string | null;
  /** Whom the words were given to ("told IPS"), as written, if the text says. */
  recipient: string | null;
  /** The speaker of the attribution that carries this one ("Peru21" for its sources), if any. */
  via: string | null;
  /** Character span of the sentences the attribution lies in. */
  sentence: Span;
  /** The attribution's own extent. */
  start: number;
  end: number;
}

export interface ClaimFilter {
  /** Substring of the speaker (as written or resolved), case- and diacritics-insensitive. */
  by?: string;
  /** Substring of the person a passive report is about, or of an entity mentioned in the content (as written or resolved). */
  about?: string;
  hedge?: Hedge;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Lists the claims of stored articles, in article then text order, keeping those that pass the filter. */
export function listClaims(articles: readonly StoredArticle[], filter: ClaimFilter = {}): Claim[] {
  const by = filter.by ? fold(filter.by) : null;
  const about = filter.about ? fold(filter.about) : null;
  const out: Claim[] = [];
  for (const article of articles) {
    const entities = article.entities ?? [];
    const quotes = article.quotes ?? [];
    const sentences = article.sentences ?? [];
    const reach = reachOf(sentences);
    const nameOf = (index: number | undefined) => {
      if (index === undefined) return null;
      const m = entities[index];
      if (!m) return null;
      return (m.refersTo !== undefined ? entities[m.refersTo]?.text : undefined) ?? m.text;
    };
    for (const q of quotes) {
      // a cue and source whose words the tagger did not find are no claim a reader can check
      if (q.content.length === 0) continue;
      if (filter.hedge && q.hedge !== filter.hedge) continue;
      const speaker = q.source?.text ?? null;
      const speakerEntity = nameOf(q.source?.entity);
      if (by !== null) {
        const names = [speaker, speakerEntity].filter((x): x is string => x !== null).map(fold);
        if (!names.some((n) => n.includes(by))) continue;
      }
      const subject = q.subject ? (nameOf(q.subject.entity) ?? q.subject.text) : null;
      if (about !== null && !(subject !== null && fold(subject).includes(about))) {
        const mentioned = entities.some((m) => {
          if (!q.content.some((c) => m.start < c.end && m.end > c.start)) return false;
          const full = m.refersTo !== undefined ? entities[m.refersTo]?.text : undefined;
          return fold(m.text).includes(about) || (full !== undefined && fold(full).includes(about));
        });
        if (!mentioned) continue;
      }
      const parent = q.parent !== undefined ? quotes[q.parent] : undefined;
      out.push({
        articleId: article.id,
        speaker,
        speakerKind: q.source?.kind ?? null,
        speakerEntity,
        cue: q.cue.text,
        content: q.content.map((c) => c.text).join(' … '),
        hedge: q.hedge,
        form: q.form,
        about: subject,
        recipient: q.recipient?.text ?? null,
        via: parent?.source?.text ?? null,
        sentence: sentenceSpan(sentences, reach, q),
        start: q.start,
        end: q.end,
      });
    }
  }
  return out;
}

/** The furthest end among the sentences up to each index. */
function reachOf(sentences: readonly Sentence[]): Float64Array {
  const reach = new Float64Array(sentences.length);
  let furthest = -Infinity;
  sentences.forEach((s, i) => (reach[i] = furthest = Math.max(furthest, s.end)));
  return reach;
}

function sentenceSpan(sentences: readonly Sentence[], reach: Float64Array, q: Span): Span {
  let start = q.start;
  let end = q.end;
  // every sentence before the first one reaching past the attribution's start ends before it: a 1 MB article of
  // 8,000 claims walked those for each claim
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (reach[middle]! <= q.start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.end <= q.start) continue;
    if (s.start >= q.end) break;
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return { start, end };
}
