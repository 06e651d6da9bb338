/**
 * The facts that changed between a copy and its original, inside the paragraphs they share: a figure ("this copy says
 * nine days where its source says eleven"), a date (Tuesday → Wednesday), a name. Same-language paragraphs are aligned
 * word by word and only short replaced runs count (a reworded clause is not a changed fact); translated paragraphs are
 * aligned by their anchors, so only numbers and dates can be told apart. Pure.
 */
import type { MatchArticle } from './copy-match.ts';
import { isNumber } from './paragraph-prints.ts';

/** A changed fact: where it is in each text and what each says. */
export interface FactChange {
  kind: 'figure' | 'date' | 'name';
  original: { start: number; end: number; text: string };
  copy: { start: number; end: number; text: string };
  note: string;
}

interface Word {
  start: number;
  end: number;
  text: string;
  key: string;
}

/** Replaced runs longer than this are rewording, not a changed fact. */
const maxRun = 3;
/** Paragraphs longer than this (in words) are not aligned word by word (the table would be too large). */
const maxWords = 400;

const dateWords = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
november december lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre
noviembre diciembre yesterday today tomorrow ayer hoy manana`.split(/\s+/),
);
const numberWordList = new Set('two three four five six seven eight nine ten eleven twelve dos tres cuatro cinco seis siete ocho nueve diez once doce'.split(' '));

function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  for (const m of text.slice(start, end).matchAll(/\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?![\d.,])|\d+(?:[.,]\d+)*|\p{L}[\p{L}\p{M}'’-]*/gu)) {
    const at = start + m.index;
    out.push({
      start: at,
      end: at + m[0].length,
      text: m[0],
      key: m[0]
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase(),
    });
  }
  return out;
}

/** A written date, `2025-10-04` or `04/10/2025`, is one word: its day alone is not a figure ("03 lang" for 04). */
const numericDate = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
const isFigure = (w: Word) => (/^\d/.test(w.key) && !numericDate.test(w.key)) || numberWordList.has(w.key);
const isDate = (w: Word) => dateWords.has(w.key) || numericDate.test(w.key);
/** A capitalized word not at the start of a sentence ("He" opening a sentence is not a name). */
const isName = (text: string) => (w: Word) => /^\p{Lu}/u.test(w.text) && !/(?:^|[.!?:"“”«»]\s*)$/u.test(text.slice(Math.max(0, w.start - 3), w.start).trimEnd() || '.');

/** Pairs of equal words in order (longest common subsequence), as index pairs. */
function align(a: readonly Word[], b: readonly Word[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = a[i]!.key === b[j]!.key ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.key === b[j]!.key) out.push([i++, j++]);
    else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return out;
}

function span(w: Word) {
  return { start: w.start, end: w.end, text: w.text };
}

/** What the copy says next to a changed figure ("dead", "detenidos"), so the note reads as a fact. */
function after(list: readonly Word[], index: number): string {
  const next = list[index + 1];
  return next && !/^\d/.test(next.key) ? ` ${next.text}` : '';
}

function change(kind: FactChange['kind'], o: Word, c: Word, copyWords: readonly Word[], ci: number): FactChange {
  const what = kind === 'figure' ? after(copyWords, ci) : '';
  return { kind, original: span(o), copy: span(c), note: `this copy says ${c.text}${what} where its source says ${o.text}` };
}

/** Changed facts between two paragraphs in one language. */
export function paragraphChanges(original: string, o: { start: number; end: number }, copy: string, c: { start: number; end: number }): FactChange[] {
  const a = words(original, o.start, o.end);
  const b = words(copy, c.start, c.end);
  if (a.length > maxWords || b.length > maxWords) return [];
  const pairs = align(a, b);
  const out: FactChange[] = [];
  // Each gap between aligned words, with the aligned words around it: a short run replaced by a short run.
  const bounds: [number, number][] = [[-1, -1], ...pairs, [a.length, b.length]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [i0, j0] = bounds[k]!;
    const [i1, j1] = bounds[k + 1]!;
    const gapA = a.slice(i0 + 1, i1);
    const gapB = b.slice(j0 + 1, j1);
    if (gapA.length === 0 || gapB.length === 0 || gapA.length > maxRun || gapB.length > maxRun) continue;
    // The edges of a paragraph are where a copy trims or adds: only a gap with aligned words on both sides is a replacement.
    if (k === 0 || k + 2 === bounds.length) continue;
    const fa = gapA.findIndex(isFigure);
    const fb = gapB.findIndex(isFigure);
    if (fa >= 0 && fb >= 0) {
      if (gapA[fa]!.key !== gapB[fb]!.key) out.push(change('figure', gapA[fa]!, gapB[fb]!, b, j0 + 1 + fb));
      continue;
    }
    const da = gapA.find(isDate);
    const db = gapB.find(isDate);
    if (da && db) {
      out.push(change('date', da, db, b, j0 + 1));
      continue;
    }
    if (gapA.every(isName(original)) && gapB.every(isName(copy))) {
      const first = gapA[0]!;
      const last = gapA.at(-1)!;
      const cFirst = gapB[0]!;
      const cLast = gapB.at(-1)!;
      const whole = (list: readonly Word[], text: string, x: Word, y: Word) => ({ start: x.start, end: y.end, text: text.slice(x.start, y.end) });
      const os = whole(gapA, original, first, last);
      const cs = whole(gapB, copy, cFirst, cLast);
      out.push({ kind: 'name', original: os, copy: cs, note: `this copy says ${cs.text} where its source says ${os.text}` });
    }
  }
  return out;
}

/** Changed numbers and dates between two translated paragraphs: anchors aligned in order, one differing number between two agreeing ones. */
function anchorChanges(original: MatchArticle, oi: number, copy: MatchArticle, ci: number): FactChange[] {
  const p = original.prints[oi]!;
  const q = copy.prints[ci]!;
  const at = (m: MatchArticle, offset: number) => words(m.text, offset, Math.min(m.text.length, offset + 40))[0];
  const pairs: [number, number][] = [];
  // Greedy in-order alignment of equal anchors is enough here: anchors are few and mostly distinct.
  let j = 0;
  for (let i = 0; i < p.anchors.length && j < q.anchors.length; i++) {
    const k = q.anchors.indexOf(p.anchors[i]!, j);
    if (k >= 0) {
      pairs.push([i, k]);
      j = k + 1;
    }
  }
  const out: FactChange[] = [];
  for (let k = 0; k + 1 < pairs.length; k++) {
    const [i0, j0] = pairs[k]!;
    const [i1, j1] = pairs[k + 1]!;
    if (i1 - i0 !== 2 || j1 - j0 !== 2) continue;
    const x = p.anchors[i0 + 1]!;
    const y = q.anchors[j0 + 1]!;
    if (!isNumber(x) || !isNumber(y) || x.startsWith('d:') !== y.startsWith('d:')) continue;
    const o = at(original, p.at[i0 + 1]!);
    const c = at(copy, q.at[j0 + 1]!);
    // A translation writes numbers as words or digits at will ("tres años y medio" for "3.5 years"): only digits against digits count.
    if (!o || !c || (!x.startsWith('d:') && !(/^\d/.test(o.text) && /^\d/.test(c.text)))) continue;
    out.push({ kind: x.startsWith('d:') ? 'date' : 'figure', original: span(o), copy: span(c), note: `this copy says ${c.text} where its source says ${o.text}` });
  }
  return out;
}

/** The facts that changed between `original` and `copy` in their matched paragraphs (indexes into each one's prints). */
export function copyChanges(original: MatchArticle, copy: MatchArticle, links: readonly { original: number; copy: number }[], translated: boolean): FactChange[] {
  const out: FactChange[] = [];
  for (const l of links) {
    if (translated) out.push(...anchorChanges(original, l.original, copy, l.copy));
    else out.push(...paragraphChanges(original.text, original.prints[l.original]!, copy.text, copy.prints[l.copy]!));
  }
  return out.sort((x, y) => x.copy.start - y.copy.start);
}
