/**
 * sentences: splits a tokenized text into sentences on token edges.
 *
 * A sentence ends after terminal punctuation (". ! ? …", with any closing quotes or brackets),
 * after a non-title abbreviation followed by a capitalized word ("… Acme Inc. The firm"),
 * and at line breaks that start a new paragraph or a capitalized line (headlines, datelines).
 * Titles and initials ("Dr.", "Gen.", "J.") never end a sentence.
 */
import type { Sentence, Token } from '../../core/doc.ts';
import type { Stage } from '../../core/pipeline.ts';
import { isTitleAbbreviation } from '../tokens/index.ts';

const TERMINAL = new Set(['.', '!', '?', '…', '...', '!!', '??', '?!', '!?', '。']);
const CLOSING = new Set(['"', "'", '”', '’', '»', ')', ']', '}', "''", '›']);
// After an abbreviation that can end a sentence ("Inc.", "U.S."), only these words start a new one:
// "the U.S. Department" stays whole, "… Acme Inc. The firm" splits.
const STARTERS = new Set(
  (
    'The A An He She It They We I You In On At But And Or So Yet This That These Those There Then However Meanwhile ' +
    'His Her Its Their Our My Mr. Mrs. Ms. After Before When While If As Since Although Despite According ' +
    'El La Los Las Un Una Unos Unas En Pero Y O Este Esta Estos Estas Ese Esa Eso Ello Él Ella Ellos Nosotros Su Sus ' +
    'Sin Con Para Por Según Tras Desde Cuando Mientras Si Aunque También Además Sin Asimismo No Ya Hoy Ayer'
  ).split(' '),
);
const OPENING_SENTENCE = /^[\p{Lu}\p{N}"'“‘«¿¡([—–•·*-]/u;

/** Splits `tokens` of `text` into sentences; every token belongs to exactly one sentence. */
export function splitSentences(text: string, tokens: readonly Token[], lang: string = 'en'): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last < first) return;
    sentences.push({ start: tokens[first]!.start, end: tokens[last]!.end, tokenStart: first, tokenEnd: last + 1 });
    first = last + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(token.end, next.start);
    const newlines = countNewlines(gap);
    if (newlines >= 2 || (newlines === 1 && OPENING_SENTENCE.test(next.text))) {
      close(i);
      continue;
    }
    let end = -1;
    if (TERMINAL.has(token.text)) {
      end = i;
    } else if (token.text.length > 1 && token.text.endsWith('.') && /\p{L}/u.test(token.text) && !isTitleAbbreviation(token.text, lang)) {
      // "Inc." or "U.S." end a sentence only when a capitalized word follows and no space-less continuation
      if (gap.length > 0 && STARTERS.has(next.text)) end = i;
    }
    if (end < 0) continue;
    // absorb closing quotes and brackets that belong to this sentence: 'he said.” Then'
    let last = end;
    while (tokens[last + 1] && CLOSING.has(tokens[last + 1]!.text) && tokens[last + 1]!.start === tokens[last]!.end) last++;
    const after = tokens[last + 1];
    if (!after) break;
    if (TERMINAL.has(token.text) && token.text !== '.' && /^\p{Ll}/u.test(after.text)) continue; // "Yahoo! said", "¿qué? dijo"
    if (token.text === '.' && /^[\p{Ll},;]/u.test(after.text) && text.slice(tokens[last]!.end, after.start).length === 0) continue;
    close(last);
    i = last;
  }
  close(tokens.length - 1);
  return sentences;
}

function countNewlines(gap: string): number {
  let n = 0;
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) n++;
    else if (c === 13 && gap.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** The sentences stage: splits the token layer into sentences. */
export const sentencesStage: Stage<'sentences'> = {
  name: 'sentences',
  requires: ['tokens'],
  assigns: ['sentences'],
  run(doc) {
    return { sentences: splitSentences(doc.text, doc.tokens ?? [], doc.meta.language) };
  },
};
