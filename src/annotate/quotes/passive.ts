/**
 * Passive and agentless reports: "Cerrón was accused of corruption", "X is said to have fled", "fue acusado de",
 * "se le acusa de". The subject is whom the claim is about, not who makes it: the claim's source is the agent of a
 * "by"/"por" phrase or nobody, and, as in PolNeAR ("Dylann Roof … is accused … of killing nine people"), the
 * subject is part of the content, before the cue.
 */
import type { Doc, Hedge, Token } from '../../core/doc.ts';
import type { TokenContext } from './features.ts';

const BE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', "'s", 'fue', 'fueron', 'es', 'son', 'sido', 'era', 'eran', 'seria', 'serian', 'esta', 'estan', 'estaba', 'estaban']);
const BETWEEN = new Set(['also', 'not', 'never', 'widely', 'repeatedly', 'previously', 'reportedly', 'allegedly', 'has', 'have', 'had', 'ha', 'han', 'habia', 'habria', 'tambien', 'ya', 'no']);
/** Participles by what may follow them: the complement that makes them a report, not an event ("the theft was reported to police"). */
const ACCUSE = new Set([
  'accused',
  'suspected',
  'charged',
  'alleged',
  'acusado',
  'acusada',
  'acusados',
  'acusadas',
  'denunciado',
  'denunciada',
  'denunciados',
  'denunciadas',
  'senalado',
  'senalada',
  'senalados',
  'senaladas',
  'sindicado',
  'sindicada',
  'sindicados',
  'sindicadas',
  'imputado',
  'imputada',
  'imputados',
  'imputadas',
]);
const RAISING = new Set(['said', 'reported', 'rumored', 'rumoured', 'believed', 'thought', 'understood', 'alleged', 'suspected', 'known']);
const ACCUSE_NEXT = new Set(['of', 'with', 'by', 'de', 'por', 'to', 'that']);
const SE_VERBS = new Set(['acusa', 'acusan', 'acuso', 'acusaron', 'atribuye', 'atribuyen', 'senala', 'senalan', 'imputa', 'imputan', 'sindica', 'sindican', 'denuncia']);
const CLAUSE = new Set([
  'that',
  'who',
  'which',
  'when',
  'until',
  'after',
  'before',
  'because',
  'since',
  'while',
  'and',
  'but',
  'or',
  'if',
  'although',
  'though',
  'as',
  'where',
  'que',
  'quien',
  'cuando',
  'hasta',
  'y',
  'pero',
  'o',
  'aunque',
  'porque',
  'donde',
  'tras',
  'despues',
  'antes',
  'si',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'that', 'these', 'those', 'el', 'la', 'los', 'las', 'un', 'una', 'su', 'sus', 'este', 'esta', 'former', 'ex']);
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'el', 'ella', 'ellos', 'ellas']);
const FINAL = /^[.!?…]+$/u;

/** The hedge of a passive or agentless report by its participle: accusations are alleged, hearsay is reported. */
export function passiveHedge(cue: string): Hedge | null {
  const words = cue.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/\s+/u);
  if (words.some((w) => ACCUSE.has(w) && w !== 'alleged' && w !== 'suspected') || words.some((w) => w === 'alleged' || w === 'suspected' || SE_VERBS.has(w))) return 'alleged';
  if (words.some((w) => RAISING.has(w))) return 'reported';
  return null;
}

/** Whether a cue (with the words just before it) is a passive report: "was accused", "is said", "fue acusado", "se le acusa". */
export function isPassiveCue(cue: string, before: string): boolean {
  const head = `${before.slice(-30)} `;
  const text = `${head}${cue}`.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  // the participle must be the cue's own word, the auxiliary may precede it
  const m =
    /\b(?:(?:was|were|is|are|be|been|being|fue|fueron|es|son|sido|era|eran|seria|serian|esta|estan)\s+(?:\w+ly\s+|also\s+|not\s+)?(?:accused|suspected|charged|alleged|said|reported|rumou?red|believed|thought|understood|known|acusad[oa]s?|denunciad[oa]s?|senalad[oa]s?|sindicad[oa]s?|imputad[oa]s?)|se\s+les?\s+(?:acusa|acusan|acuso|acusaron|atribuye|atribuyen|senala|senalan|imputa|imputan|sindica|sindican|denuncia))\b/u.exec(
      text,
    );
  return m !== null && m.index + m[0].length > head.length;
}

/**
 * Relabels passive reports in a label sequence (labels as in model.ts): the subject before the verb becomes the
 * first content fragment, the verb group the cue, a "by"/"por" agent the source, the complement the content.
 */
export function markPassives(doc: Readonly<Doc>, ctx: TokenContext, labels: Uint8Array): void {
  const tokens: readonly Token[] = doc.tokens ?? [];
  const { folded, sentenceOf } = ctx;
  const n = tokens.length;
  const entityEnd = new Map<number, number>();
  const entityStart = new Map<number, number>();
  for (const m of doc.entities ?? []) {
    entityEnd.set(m.tokenEnd, m.tokenStart);
    entityStart.set(m.tokenStart, m.tokenEnd);
  }
  const same = (a: number, b: number) => a >= 0 && b < n && sentenceOf[a] === sentenceOf[b];
  for (let i = 1; i + 1 < n; i++) {
    const w = folded[i]!;
    let cueStart = -1;
    const next = i + 1;
    if (ACCUSE.has(w) || RAISING.has(w)) {
      // back over "has been", "was also", "fue" to the first auxiliary
      let a = i - 1;
      while (a >= 0 && BETWEEN.has(folded[a]!) && same(a, i)) a--;
      if (a < 0 || !BE.has(folded[a]!) || !same(a, i)) continue;
      cueStart = a;
      while (cueStart > 0 && same(cueStart - 1, i) && (BETWEEN.has(folded[cueStart - 1]!) || BE.has(folded[cueStart - 1]!))) cueStart--;
      const after = folded[next] ?? '';
      const then = folded[next + 1] ?? '';
      const raising = after === 'to' && /^(?:be|have|had|been)$/u.test(then);
      if (ACCUSE.has(w) ? !ACCUSE_NEXT.has(after) || (after === 'to' && !raising) : !(raising || after === 'by' || (after === 'that' && w !== 'known'))) continue;
    } else if (SE_VERBS.has(w) && i >= 2 && (folded[i - 1] === 'le' || folded[i - 1] === 'les') && folded[i - 2] === 'se') {
      // "se le acusa de …": no agent, the person is the indirect object
      if (folded[next] !== 'de') continue;
      cueStart = i - 2;
    } else continue;
    // the tagger's own cue start, when its cue covers the participle: "have sometimes been accused of"
    if (labels[i] === 4) {
      let c = i;
      while (c > 0 && labels[c] === 4 && same(c - 1, i)) c--;
      if (labels[c] === 3 && c < cueStart) cueStart = c;
    }
    // the "it is said that" family is unsourced and handled elsewhere
    if (cueStart > 0 && folded[cueStart - 1] === 'it') continue;
    // subject: the tagger's source just before, a name, a pronoun, or a short noun phrase
    let subj = cueStart;
    if (labels[cueStart - 1] === 1 || labels[cueStart - 1] === 2) {
      while (subj > 0 && labels[subj - 1] === 2) subj--;
      if (labels[subj - 1] === 1) subj--;
    } else if (entityEnd.has(cueStart) && same(entityEnd.get(cueStart)!, i)) {
      subj = entityEnd.get(cueStart)!;
      while (subj > 0 && same(subj - 1, i) && DETERMINERS.has(folded[subj - 1]!)) subj--;
    } else if (cueStart > 0 && PRONOUNS.has(folded[cueStart - 1]!) && tokens[cueStart - 1]!.text !== 'el') {
      subj = cueStart - 1;
    } else if (folded[cueStart] !== 'se') {
      while (subj > 0 && cueStart - subj < 6 && same(subj - 1, i) && /\p{L}/u.test(folded[subj - 1]!) && !CLAUSE.has(folded[subj - 1]!)) {
        subj--;
        if (DETERMINERS.has(folded[subj]!)) break;
      }
      if (subj < cueStart && !DETERMINERS.has(folded[subj]!) && !/^\p{Lu}/u.test(tokens[subj]!.text)) subj = cueStart;
    }
    // "The mayor of Tumbá": a name may complete the noun phrase that heads the subject
    if (subj > 1 && subj < cueStart && same(subj - 2, i) && /^(?:of|de|del)$/u.test(folded[subj - 1]!)) {
      let h = subj - 1;
      while (h > 0 && subj - h < 5 && same(h - 1, i) && /\p{L}/u.test(folded[h - 1]!) && !CLAUSE.has(folded[h - 1]!)) {
        h--;
        if (DETERMINERS.has(folded[h]!)) break;
      }
      if (DETERMINERS.has(folded[h]!)) subj = h;
    }
    // agent: "by the prosecutors", "por la fiscalía"
    let agent = -1;
    let agentEnd = -1;
    let from = next;
    if (folded[next] === 'by' || folded[next] === 'por') {
      agent = next + 1;
      agentEnd = entityStart.get(agent) ?? agent;
      if (agentEnd === agent) {
        while (agentEnd < n && same(agentEnd, i) && agentEnd - agent < 6 && /\p{L}/u.test(folded[agentEnd]!) && !ACCUSE_NEXT.has(folded[agentEnd]!) && !CLAUSE.has(folded[agentEnd]!)) agentEnd++;
      }
      if (agentEnd === agent) continue;
      from = agentEnd;
      if (folded[from] === ',') from++;
    }
    // keep the tagger's own cue when it covers the participle, with its preposition ("was charged with")
    let cueEnd = i + 1;
    if (labels[i] === 3 || labels[i] === 4) {
      // one preposition at most: the tagger's "was charged with rebellion over" is "was charged with"
      if (labels[cueEnd] === 4 && ACCUSE_NEXT.has(folded[cueEnd]!) && agent < 0) cueEnd++;
      if (agent < 0 && cueEnd > from) from = cueEnd;
    }
    // the complement: what the tagger found there, else the rest of the sentence
    let end = from;
    // a content the tagger began a few words on ("charged with rebellion over accusations that …") ends where it ended
    let q = from;
    while (q < n && q - from < 5 && same(q, i) && labels[q] !== 5 && labels[q] !== 6 && !FINAL.test(tokens[q]!.text)) q++;
    if (q < n && same(q, i) && (labels[q] === 5 || labels[q] === 6)) {
      end = q + 1;
      while (end < n && labels[end] === 6) end++;
    } else {
      while (end < n && same(end, i)) end++;
      while (end > from && FINAL.test(tokens[end - 1]!.text)) end--;
    }
    if (end - from < 2 && subj === cueStart) continue;
    if (end - from < 2 && agent < 0) continue;
    for (let t = subj; t < cueStart; t++) labels[t] = t === subj ? 5 : 6;
    for (let t = cueStart; t < cueEnd; t++) labels[t] = t === cueStart ? 3 : 4;
    for (let t = cueEnd; t < from; t++) labels[t] = 0;
    if (agent >= 0) for (let t = agent; t < agentEnd; t++) labels[t] = t === agent ? 1 : 2;
    for (let t = from; t < end; t++) labels[t] = t === from ? 5 : 6;
    i = end;
  }
}
