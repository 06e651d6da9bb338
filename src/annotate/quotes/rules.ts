/**
 * The rule tagger: cue lexicon plus patterns over tokens, producing the same Source / Cue / Content
 * tags as the learned model. Used for Spanish (no training data) and when no model is loaded.
 *
 * Patterns, per sentence:
 * - direct quotes: “…,” <source> <cue> | “…,” <cue> <source> | <source> <cue>: “…”
 * - "according to X, …" / "…, according to X" / "según X, …"
 * - <source> <cue> [that|que|:] <content> ("the police confirmed that …", "el vicecanciller dijo que …")
 * - <content>, <source> <cue>. ("… are also involved, the authorities say.")
 */
import type { Doc, Token } from '../../core/doc.ts';
import { ACCORDING_FIRST, ACCORDING_PHRASES_ES, CUE_WORDS, PRONOUNS_EN, PRONOUNS_ES, UNNAMED_HEADS, fold } from './lexicon.ts';

const O = 0;
const BS = 1;
const BC = 3;
const BQ = 5;

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'some',
  'many',
  'several',
  'other',
  'el',
  'la',
  'los',
  'las',
  'un',
  'una',
  'unos',
  'unas',
  'varios',
  'algunos',
  'its',
  'his',
  'her',
  'their',
  'su',
  'sus',
]);
const AUX = new Set([
  'has',
  'have',
  'had',
  'is',
  'was',
  'were',
  'are',
  'will',
  'would',
  'also',
  'later',
  'then',
  'again',
  'repeatedly',
  'previously',
  'ha',
  'han',
  'habia',
  'habian',
  'tambien',
  'luego',
  'ya',
  'had',
  "'s",
  'did',
  'does',
  'do',
  'not',
  "n't",
  'no',
]);
const THAT = new Set(['that', 'que', ':', 'whether']);
const NOUN_CUES = new Set([
  'statement',
  'statements',
  'testimony',
  'report',
  'reports',
  'quote',
  'points',
  'point',
  'charges',
  'charge',
  'call',
  'calls',
  'claims',
  'claim',
  'estimates',
  'notes',
  'note',
  'states',
  'cited',
  'citado',
  'citados',
  'citadas',
  'segun',
  'according',
  'believed',
  'called',
  'written',
  'thought',
  'cree',
  'creen',
]);
const OPENERS = new Set(['“', '«', '„', '"']);
const CLOSERS = new Set(['”', '»', '"']);
const FINAL = new Set(['.', '!', '?', '…', '...']);
const WEEKDAYS_ES = new Set(['lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo']);
const ADJUNCT_NOUNS_ES = new Set(['comunicado', 'rueda', 'declaraciones', 'entrevista', 'nota', 'mensaje', 'cuenta', 'prensa', 'radio', 'carta', 'conferencia', 'sesion', 'asamblea']);
const RECIPIENTS = new Set(['him', 'her', 'them', 'me', 'us', 'reporters', 'journalists', 'le', 'les', 'me', 'nos', 'periodistas']);

interface Sentence {
  tokenStart: number;
  tokenEnd: number;
}

/** Rule tags (labels as in model.ts) for every token of a tokenized, sentence-split doc with entities. */
export function ruleLabels(doc: Readonly<Doc>, lang: string): Uint8Array {
  const tokens = doc.tokens ?? [];
  const labels = new Uint8Array(tokens.length);
  const folded = tokens.map((t) => fold(t.text));
  const entityEndingAt = new Map<number, number>();
  const entityStartingAt = new Map<number, number>();
  for (const m of doc.entities ?? []) {
    entityEndingAt.set(m.tokenEnd, m.tokenStart);
    entityStartingAt.set(m.tokenStart, m.tokenEnd);
  }
  const pronouns = lang === 'es' ? PRONOUNS_ES : PRONOUNS_EN;
  // Spanish "el" is the article; only "él" is the pronoun
  const isPronoun = (t: number) => pronouns.has(folded[t]!) && !(lang === 'es' && tokens[t]!.text.toLowerCase() === 'el');
  const free = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (labels[i] !== O) return false;
    return a < b;
  };
  const mark = (a: number, b: number, begin: number) => {
    for (let i = a; i < b; i++) labels[i] = i === a ? begin : begin + 1;
  };
  /** A source noun phrase ending just before `end` (exclusive), within the sentence; returns its start. */
  const npBefore = (end: number, floor: number): number => {
    if (end <= floor) return -1;
    const ent = entityEndingAt.get(end);
    if (ent !== undefined && ent >= floor) {
      // "the Foreign Minister of Peru, Javier X" keeps only the name; "the Peru21 media" keeps the determiner
      let start = ent;
      while (start > floor && DETERMINERS.has(folded[start - 1]!) && start - 1 >= floor) start--;
      return start;
    }
    const last = tokens[end - 1]!;
    if (isPronoun(end - 1)) return end - 1;
    let start = end;
    while (start > floor && end - start < 6) {
      const w = folded[start - 1]!;
      if (!/\p{L}/u.test(w) && w !== '”' && w !== '“' && w !== '-') break;
      if (CUE_WORDS.has(w) && start < end) break;
      if (AUX.has(w) || THAT.has(w)) break;
      start--;
      if (DETERMINERS.has(w)) break;
    }
    if (start === end) return -1;
    const head = folded[end - 1]!;
    const capital = /^\p{Lu}/u.test(tokens[end - 1]!.text);
    return UNNAMED_HEADS.has(head) || capital ? start : -1;
  };
  /** A source noun phrase starting at `start`; returns its end. */
  const npAfter = (start: number, ceiling: number): number => {
    if (start >= ceiling) return -1;
    const ent = entityStartingAt.get(start);
    if (ent !== undefined && ent <= ceiling) return ent;
    if (isPronoun(start)) return start + 1;
    let end = start;
    while (end < ceiling && end - start < 6 && /\p{L}/u.test(folded[end]!) && !THAT.has(folded[end]!)) {
      const ent2 = entityStartingAt.get(end);
      if (ent2 !== undefined && ent2 <= ceiling) {
        end = ent2;
        break;
      }
      end++;
    }
    if (end === start) return -1;
    return UNNAMED_HEADS.has(folded[end - 1]!) || /^\p{Lu}/u.test(tokens[end - 1]!.text) ? end : -1;
  };
  const contentEnd = (from: number, sentenceEnd: number) => {
    let end = sentenceEnd;
    if (lang === 'es') {
      // "… cualquier irregularidad y aseguró que …", "…, según fuentes de …", "…, aunque el banco no ha confirmado …"
      let quoted = false;
      for (let t = from + 1; t < sentenceEnd; t++) {
        if (OPENERS.has(tokens[t]!.text) || CLOSERS.has(tokens[t]!.text)) quoted = !quoted;
        if (quoted) continue;
        const next = folded[t + 1];
        if ((folded[t] === 'y' && next !== undefined && CUE_WORDS.has(next) && !NOUN_CUES.has(next)) || (folded[t] === ',' && (next === 'segun' || next === 'aunque'))) {
          end = t;
          break;
        }
      }
      while (end > from && folded[end - 1] === ',') end--;
    }
    while (end > from && FINAL.has(tokens[end - 1]!.text)) end--;
    return end;
  };
  /** "que" within a few words after the cue, before any other cue or quote: "anunció este martes que …". */
  const thatAhead = (from: number, sentenceEnd: number): number => {
    for (let t = from; t < Math.min(from + 10, sentenceEnd); t++) {
      const f = folded[t]!;
      if (f === 'que') return t;
      if (CUE_WORDS.has(f) || OPENERS.has(tokens[t]!.text) || FINAL.has(f) || f === ':') return -1;
    }
    return -1;
  };
  /** Adverbials between a Spanish cue and its object: "negó en un comunicado cualquier …", "elevó este jueves el tipo …". */
  const skipAdjuncts = (from: number, sentenceEnd: number): number => {
    let k = from;
    for (let guard = 0; guard < 3 && k < sentenceEnd; guard++) {
      const f = folded[k]!;
      if ((f === 'este' || f === 'el' || f === 'esta') && WEEKDAYS_ES.has(folded[k + 1] ?? '')) k += 2;
      else if (f === 'ayer' || f === 'hoy' || f === 'anoche' || f === 'ademas') k += 1;
      else if (f === 'horas' && (folded[k + 1] === 'despues' || folded[k + 1] === 'mas')) k += 2;
      else if ((f === 'en' || f === 'a') && ADJUNCT_NOUNS_ES.has(folded[k + 2] ?? '') && /^(un|una|la|el|los|las|su|sus)$/u.test(folded[k + 1] ?? '')) {
        k += 3;
        while (k < sentenceEnd && (folded[k] === 'de' || /^\p{Lu}/u.test(tokens[k]!.text)) && k - from < 8) k++;
      } else break;
    }
    return k;
  };
  /**
   * A Spanish source noun phrase that fills the sentence up to the cue, apposition and all:
   * "El ministro de Obras Públicas, Rodrigo Salvat, anunció …". Returns its start, or -1.
   */
  const wideSourceBefore = (cue: number, floor: number): number => {
    let e = cue;
    if (folded[e - 1] === ',') e--;
    if (e - floor < 2 || e - floor > 16) return -1;
    for (let t = floor; t < e; t++) {
      const f = folded[t]!;
      if (CUE_WORDS.has(f) || THAT.has(f) || OPENERS.has(tokens[t]!.text) || CLOSERS.has(tokens[t]!.text) || FINAL.has(f) || f === 'y' || f === 'quien') return -1;
    }
    return npBefore(e, floor) >= 0 ? floor : -1;
  };
  const sentences: readonly Sentence[] = doc.sentences ?? [];

  // direct quotes, paired over the whole text (a quote may hold several sentences)
  const sentenceOf = new Int32Array(tokens.length);
  sentences.forEach((s, si) => sentenceOf.fill(si, s.tokenStart, s.tokenEnd));
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    const opening = OPENERS.has(t) && (t !== '"' || open < 0);
    if (opening && open < 0) {
      open = i;
      continue;
    }
    if (!(CLOSERS.has(t) && open >= 0)) continue;
    const a = open;
    const b = i + 1;
    open = -1;
    if (b - a < 6 || /\n/.test(doc.text.slice(tokens[a]!.end, tokens[b - 1]!.start))) continue;
    const s = sentences[sentenceOf[b - 1]!];
    const sa = sentences[sentenceOf[a]!];
    if (!s || !sa) continue;
    // after: “…,” <source> <cue> | “…,” <cue> <source>
    let k = b;
    if (folded[k] === ',') k++;
    let done = false;
    if (k < s.tokenEnd) {
      for (let c = k; c < Math.min(k + 7, s.tokenEnd); c++) {
        if (!CUE_WORDS.has(folded[c]!) || NOUN_CUES.has(folded[c]!)) continue;
        const srcStart = npBefore(c, k);
        if (srcStart === k && free(k, c + 1)) {
          mark(a, b, BQ);
          mark(k, c, BS);
          mark(c, c + 1, BC);
          done = true;
        } else if (c === k) {
          const srcEnd = npAfter(c + 1, s.tokenEnd);
          if (srcEnd > 0 && free(c, srcEnd)) {
            mark(a, b, BQ);
            mark(c, c + 1, BC);
            mark(c + 1, srcEnd, BS);
            done = true;
          }
        }
        break;
      }
    }
    if (done) continue;
    // before: <source> <cue> [recipient] [:|,] “…”
    let c = a - 1;
    if (c >= sa.tokenStart && (folded[c] === ':' || folded[c] === ',')) c--;
    const recipientEnd = c + 1;
    while (c >= sa.tokenStart && recipientEnd - c < 5 && !CUE_WORDS.has(folded[c]!)) c--;
    if (c >= sa.tokenStart && CUE_WORDS.has(folded[c]!) && !NOUN_CUES.has(folded[c]!)) {
      const srcStart = npBefore(c, sa.tokenStart);
      if (srcStart >= 0 && free(srcStart, c + 1)) {
        mark(srcStart, c, BS);
        mark(c, c + 1, BC);
        mark(a, b, BQ);
      }
    }
  }

  for (const s of sentences) {
    const { tokenStart: s0, tokenEnd: s1 } = s;
    for (let i = s0; i < s1; i++) {
      const w = folded[i]!;
      if (labels[i] !== O) continue;
      // according to X, … / …, according to X / según X, … / de acuerdo con X, …
      const phrase = lang === 'es' ? ACCORDING_PHRASES_ES.find((p) => p.every((x, n) => folded[i + n] === x)) : undefined;
      if (phrase || (ACCORDING_FIRST.has(w) && (w !== 'according' || folded[i + 1] === 'to') && w !== 'per')) {
        const cueEnd = phrase ? i + phrase.length : w === 'according' ? i + 2 : i + 1;
        let srcEnd = cueEnd;
        while (srcEnd < s1 && folded[srcEnd] !== ',' && !FINAL.has(folded[srcEnd]!) && srcEnd - cueEnd < 12) srcEnd++;
        if (srcEnd === cueEnd || !free(i, srcEnd)) continue;
        const leading = i === s0 || (i === s0 + 1 && /^(and|but|y|pero)$/.test(folded[s0]!));
        if (leading && folded[srcEnd] === ',') {
          const end = contentEnd(srcEnd + 1, s1);
          if (end - srcEnd - 1 >= 2 && free(srcEnd + 1, end)) mark(srcEnd + 1, end, BQ);
        } else if (!leading && i > s0 && folded[i - 1] === ',') {
          const start = s0;
          if (i - 1 - start >= 2 && free(start, i - 1)) mark(start, i - 1, BQ);
        } else continue;
        mark(i, cueEnd, BC);
        mark(cueEnd, srcEnd, BS);
        i = srcEnd;
        continue;
      }
      if (!CUE_WORDS.has(w) || NOUN_CUES.has(w)) continue;
      if (i > s0 && DETERMINERS.has(folded[i - 1]!)) continue; // "the said document", "a statement"
      // source before the cue, over auxiliaries (part of the cue, as in PolNeAR's "has said"): "the police have confirmed", "el banco no ha confirmado"
      let j = i;
      while (j > s0 && AUX.has(folded[j - 1]!)) j--;
      let srcStart = lang === 'es' ? wideSourceBefore(j, s0) : -1;
      let srcEnd = srcStart >= 0 && folded[j - 1] === ',' ? j - 1 : j;
      if (srcStart < 0) srcStart = npBefore(j, s0);
      let after = i + 1;
      if (srcStart < 0) {
        // "said the minister", "dijo el ministro" after a comma
        if (i > s0 && folded[i - 1] === ',') {
          const e = npAfter(i + 1, s1);
          if (e > 0) {
            srcStart = i + 1;
            srcEnd = e;
            after = e;
          }
        }
      }
      // "… y aseguró que …": a second cue coordinated with the first, its source left implicit
      const coordinated = srcStart < 0 && j > s0 && (folded[j - 1] === 'y' || folded[j - 1] === 'and') && labels[j - 2] !== O;
      if (srcStart < 0 && !coordinated) continue;
      // skip the recipient: "told Peru21:", "told him that", "dijo a la prensa que"
      let k = after;
      if (after === i + 1) {
        if (folded[k] === 'a' || folded[k] === 'to') k++;
        const ent = entityStartingAt.get(k);
        if (ent !== undefined && (w.startsWith('tol') || w === 'dijo' || w === 'declaro' || w === 'explained' || w === 'explico')) k = ent;
        else if (RECIPIENTS.has(folded[k]!)) k++;
        else if (k > after) k = after;
      }
      // "anunció este martes que …", "señalaron, bajo condición de anonimato, que …": the content starts at "que"
      const that = lang === 'es' ? thatAhead(after, s1) : -1;
      if (that >= 0) k = that;
      else if (folded[k] === ',' || folded[k] === ':') k++;
      else if (lang === 'es') k = skipAdjuncts(k, s1);
      const end = contentEnd(k, s1);
      if (end - k >= (lang === 'es' ? 2 : 3) && free(k, end) && (coordinated || free(srcStart, srcEnd))) {
        if (!coordinated) mark(srcStart, srcEnd, BS);
        mark(j, i + 1, BC);
        mark(k, end, BQ);
        i = end;
        continue;
      }
      if (coordinated) continue;
      // content before: "…, the authorities say."
      if (srcEnd === j && srcStart > s0 + 2 && folded[srcStart - 1] === ',' && contentEnd(i + 1, s1) === i + 1) {
        if (free(s0, srcStart - 1) && free(srcStart, i + 1)) {
          mark(s0, srcStart - 1, BQ);
          mark(srcStart, srcEnd, BS);
          mark(i, i + 1, BC);
        }
      }
    }
  }
  return labels;
}

export type { Token };
