/**
 * Who gave a figure: "según la Fiscalía", "according to the ombudsman", "la Defensoría del Pueblo reportó tres muertos",
 * "…, said the ombudsman". Different counters of one thing are not a conflict, so figure groups read this.
 * Looks only inside the figure's sentence; candidates are found once per sentence.
 */
import type { EntityMention } from '../../core/doc.ts';
import type { Piece } from './scan.ts';

/** A counter's span as piece indices [from, to). */
export interface CounterSpan {
  from: number;
  to: number;
}

/** Reporting verbs whose subject (or, after them, whose inverted subject) gives the figure. */
const reportVerbs = new Set([
  'said',
  'says',
  'reported',
  'reports',
  'told',
  'confirmed',
  'confirms',
  'announced',
  'counted',
  'counts',
  'registered',
  'recorded',
  'listed',
  'lists',
  'estimated',
  'estimates',
  'documented',
  'raised',
  'put',
  'puts',
  'specifies',
  'specified',
  'stated',
  'indicated',
  'noted',
  'added',
  'claimed',
  'tallied',
  'dijo',
  'dice',
  'informo',
  'informa',
  'informaron',
  'reporto',
  'reporta',
  'reportaron',
  'confirmo',
  'confirma',
  'confirmaron',
  'registra',
  'registro',
  'registran',
  'contabilizo',
  'contabiliza',
  'senalo',
  'senala',
  'indico',
  'indica',
  'preciso',
  'detallo',
  'afirmo',
  'afirma',
  'sostuvo',
  'elevo',
  'eleva',
  'cifro',
  'situa',
  'habla',
  'documento',
  'denuncio',
  'denuncia',
  'anuncio',
  'aseguro',
  'asegura',
  'declaro',
  'explico',
  'agrego',
  'revelo',
  'revela',
  'notifico',
  'anadio',
  'contempla',
  'cuenta',
  'estima',
  'estimo',
  'reportaba',
  'informaba',
  'registraba',
  'contabilizaba',
  'senalaba',
  'indicaba',
  'cifraba',
]);
/** Words between a reporting verb and its inverted subject ("informó hoy la Defensoría", "said today the ministry"). */
const verbAdverbs = new Set(['hoy', 'ayer', 'anoche', 'today', 'yesterday', 'tonight', 'ademas', 'tambien', 'also']);
/** Participles before "por"/"by" that name who gave the data ("datos brindados por la Defensoría"). */
const givenBy = new Set([
  'brindados',
  'brindadas',
  'proporcionados',
  'proporcionadas',
  'difundidos',
  'difundidas',
  'publicados',
  'publicadas',
  'entregados',
  'entregadas',
  'reportados',
  'reportadas',
  'confirmados',
  'confirmadas',
  'recopilados',
  'recopiladas',
  'compiled',
  'provided',
  'released',
  'published',
  'confirmed',
  'given',
]);
/** Nouns that can head a counter written in lower case ("the ombudsman", "officials", "la defensoría"). */
const counterNouns = new Set([
  'ombudsman',
  'defender',
  'office',
  'officials',
  'official',
  'authorities',
  'police',
  'government',
  'ministry',
  'minister',
  'prosecutors',
  'prosecutor',
  'organizations',
  'organisations',
  'ngos',
  'groups',
  'hospitals',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'agency',
  'commission',
  'institute',
  'tribunal',
  'sources',
  'president',
  'defensoria',
  'defensora',
  'defensor',
  'fiscalia',
  'fiscal',
  'fiscales',
  'autoridades',
  'policia',
  'gobierno',
  'ministerio',
  'ministro',
  'ministra',
  'organizaciones',
  'organismos',
  'ong',
  'hospitales',
  'vocero',
  'vocera',
  'portavoz',
  'entidad',
  'institucion',
  'instituto',
  'comision',
  'oficina',
  'fuentes',
  'presidente',
  'presidenta',
  'subsecretario',
  'subsecretaria',
  'intendenta',
  'intendente',
  'alcalde',
  'alcaldesa',
  'mayor',
  'gobernador',
  'gobernadora',
]);
/** Adjectives inside a counter ("the public defender's office", "fuentes policiales"). */
const counterAdjectives = new Set([
  'public',
  'national',
  'general',
  'regional',
  'local',
  'official',
  'human',
  'rights',
  'health',
  'interior',
  'policiales',
  'oficiales',
  'nacional',
  'publico',
  'publica',
  'humanitarian',
  'medical',
  'medicos',
  'forenses',
  'interim',
]);
const determiners = new Set(['the', 'la', 'el', 'los', 'las']);
const connectors = new Set(['de', 'del', 'of', 'la', 'los', 'las', 'y', 'for', 'para', 'por', 'on', '-']);
/** Markers before a counter: "según", "according to", "de acuerdo con", "citing". */
const markers: string[][] = [['segun'], ['according', 'to'], ['de', 'acuerdo', 'con'], ['de', 'acuerdo', 'a'], ['citing'], ['cited', 'by'], ['reported', 'by'], ['conforme', 'a'], ['per']];

const possessive = /['’]s$/;
const headKey = (q: Piece) => q.key.replace(/['’]s$/, '');
const isCap = (q: Piece | undefined) => !!q && q.kind === 'word' && /^\p{Lu}/u.test(q.text);
const isCounterWord = (q: Piece | undefined) => !!q && q.kind === 'word' && (isCap(q) || counterNouns.has(headKey(q)));

/** The counter noun phrase starting at piece `k` (after a marker or a verb), or null. */
function phraseAfter(pieces: readonly Piece[], k: number, limit: number, entities: readonly EntityMention[]): CounterSpan | null {
  let from = k;
  if (pieces[from] && determiners.has(pieces[from]!.key)) from += 1;
  // "según datos de la Defensoría": the counter is the office, not its data.
  if (['datos', 'cifras', 'reportes', 'informes', 'data', 'figures', 'records'].includes(pieces[from]?.key ?? '') && ['de', 'del', 'of', 'from'].includes(pieces[from + 1]?.key ?? '')) {
    from += 2;
    if (pieces[from] && determiners.has(pieces[from]!.key)) from += 1;
  }
  if (!isCounterWord(pieces[from]) && !counterAdjectives.has(pieces[from]?.key ?? '')) return null;
  const clause = pieces[from]!.clause;
  const entity = entities.find((e) => e.start === pieces[from]!.start && (e.type === 'ORG' || e.type === 'PER'));
  let to = from;
  while (to < limit && pieces[to]!.clause === clause) {
    const q = pieces[to]!;
    if (entity && q.end <= entity.end) {
      to += 1;
      continue;
    }
    if (isCounterWord(q) || counterAdjectives.has(q.key)) to += 1;
    else if (q.text === '-' && pieces[to - 1]!.end === q.start && isCap(pieces[to + 1]) && q.end === pieces[to + 1]!.start) to += 1;
    else if (connectors.has(q.key) && (isCounterWord(pieces[to + 1]) || (determiners.has(pieces[to + 1]?.key ?? '') && isCounterWord(pieces[to + 2])))) to += 1;
    else break;
    if (possessive.test(q.text) && !counterNouns.has(pieces[to]?.key ?? '')) break;
  }
  while (to > from && (connectors.has(pieces[to - 1]!.key) || determiners.has(pieces[to - 1]!.key))) to -= 1;
  if (to <= from) return null;
  const start = pieces[from - 1] && determiners.has(pieces[from - 1]!.key) && from - 1 >= k ? from - 1 : from;
  return { from: start, to };
}

/** The counter noun phrase ending just before piece `v` (the subject of a reporting verb), or null. */
function phraseBefore(pieces: readonly Piece[], v: number, lower: number, entities: readonly EntityMention[]): CounterSpan | null {
  // "El Instituto de Investigaciones Forenses (IDIF) confirmó": the name before its acronym in brackets.
  if (pieces[v - 1]?.text === ')' && pieces[v - 3]?.text === '(' && isCap(pieces[v - 2]) && v - 3 > lower) {
    const named = phraseBefore(pieces, v - 3, lower, entities);
    if (named) return { from: named.from, to: v };
  }
  const to = v;
  let from = v;
  while (from - 1 >= lower && v - from < 8) {
    const q = pieces[from - 1]!;
    if (q.clause !== pieces[v - 1]!.clause) break;
    const joins = connectors.has(q.key) && (isCounterWord(pieces[from]) || (connectors.has(pieces[from]!.key) && isCounterWord(pieces[from + 1])));
    if (isCounterWord(q) || counterAdjectives.has(q.key) || joins) from -= 1;
    else break;
  }
  while (from < to && connectors.has(pieces[from]!.key)) from += 1;
  if (from >= to) return null;
  // The head must name a counter: a capitalized name or a counter noun, not a sentence-initial verb or adverb.
  const head = pieces[to - 1]!;
  if (!counterNouns.has(headKey(head)) && !isCap(head)) return null;
  // One capitalized word opening the sentence may be any word ("Ayer informó …"), unless the tagger names it.
  if (to - from === 1 && from === lower && !counterNouns.has(headKey(head)) && !entities.some((e) => e.start <= head.start && head.end <= e.end)) return null;
  const start = pieces[from - 1] && determiners.has(pieces[from - 1]!.key) && from - 1 >= lower ? from - 1 : from;
  return { from: start, to };
}

/** Counter candidates in the sentence spanning pieces [a, b), each with the piece it is anchored at. */
export function sentenceCounters(pieces: readonly Piece[], a: number, b: number, entities: readonly EntityMention[]): (CounterSpan & { at: number; marked: boolean })[] {
  const out: (CounterSpan & { at: number; marked: boolean })[] = [];
  for (let k = a; k < b; k++) {
    const key = pieces[k]!.key;
    // "datos brindados por la Defensoría", "figures released by the ministry".
    if (givenBy.has(key) && (pieces[k + 1]?.key === 'por' || pieces[k + 1]?.key === 'by')) {
      const span = phraseAfter(pieces, k + 2, b, entities);
      if (span && !isPlace(pieces, span, entities)) out.push({ ...span, at: k, marked: true });
    }
    for (const seq of markers) {
      if (seq[0] !== key || !seq.every((w, j) => pieces[k + j]?.key === w)) continue;
      // "según informó el Ministerio": the verb between the marker and the counter.
      const skip = reportVerbs.has(pieces[k + seq.length]?.key ?? '') ? 1 : 0;
      const span = phraseAfter(pieces, k + seq.length + skip, b, entities);
      if (span && !isPlace(pieces, span, entities)) out.push({ ...span, at: k, marked: true });
      break;
    }
    // "Para el Ministerio de Gobierno, los fallecidos son seis": a fronted "for X," names whose count it is.
    if ((key === 'para' || key === 'for') && k === a) {
      const span = phraseAfter(pieces, k + 1, b, entities);
      if (span && pieces[span.to]?.text === ',') out.push({ ...span, at: k, marked: true });
    }
    if (!reportVerbs.has(key)) continue;
    const before = phraseBefore(pieces, k, a, entities);
    if (before && !isPlace(pieces, before, entities)) out.push({ ...before, at: k, marked: false });
    else if (pieces[k - 1]?.text === ',' || k === a || pieces[k - 1]?.kind === 'punct') {
      // "…, informó la Defensoría del Pueblo", "…, informó hoy la Fiscalía", "…, said the ombudsman".
      let n = k + 1;
      while (n < b && n < k + 3 && verbAdverbs.has(pieces[n]!.key)) n++;
      const after = phraseAfter(pieces, n, b, entities);
      if (after && !isPlace(pieces, after, entities)) out.push({ ...after, at: k, marked: false });
    }
  }
  return out;
}

/** Whether a span is a place the tagger found: "en Pichincha" names where, not who counted. */
function isPlace(pieces: readonly Piece[], span: CounterSpan, entities: readonly EntityMention[]): boolean {
  const start = pieces[span.from]!.start;
  const end = pieces[span.to - 1]!.end;
  return entities.some((e) => e.type === 'LOC' && e.start <= start + 4 && end <= e.end);
}

/** The counter nearest a figure at pieces [from, to) among its sentence's candidates; a marked one ("según") first. */
export function chooseCounter(candidates: readonly (CounterSpan & { at: number; marked: boolean })[], from: number, to: number): CounterSpan | undefined {
  let best: (CounterSpan & { at: number; marked: boolean }) | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    if (c.from < to && from < c.to) continue;
    const dist = (c.at < from ? from - c.at : c.at - to) + (c.marked ? 0 : 2);
    if (dist < bestDist) {
      best = c;
      bestDist = dist;
    }
  }
  return best && { from: best.from, to: best.to };
}
