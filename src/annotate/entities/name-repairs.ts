/**
 * Repairs to the tagger's name spans that read the words around a name, run before the typing prior:
 * - person names wrapped in a longer organization span: "Gobierno de Sebastián Ruiz" (the government named after its
 *   head) and "Interior Rodrigo Ruiz" after "Under Secretary of the" (the office of a role); the span is cut where the
 *   name starts, since linking and the speaker of a quote need the person;
 * - surnames the tagger leaves out because nothing but the word before says they are names ("de apellido Soto");
 * - a given name left out at the start of a line ("José | Daniel Soto (40 years old)") that begins other full names of
 *   the same article.
 */
import { foldPlace, type PlaceNames } from './place-names.ts';
import { type NameSpan, PARTICLES, SURNAME_CUES } from './typing.ts';

/** Heads of an organization span named after a person through "de" / "of": the government or cabinet of someone. */
const GOVERNMENT_HEADS = new Set('gobierno government administracion administration regimen regime gabinete cabinet mandato presidencia presidency'.split(' '));

/** Words naming a ministry's portfolio, written after "Minister of the", "Secretary of", "ministro del". */
const PORTFOLIO_WORDS = new Set(
  `interior state defense defence justice treasury health finance foreign home affairs labor labour energy economy education
  security transport agriculture commerce trade defensa justicia hacienda salud economia educacion gobierno seguridad trabajo
  energia exteriores relaciones finanzas transporte agricultura comercio`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that make a run of capitalized words an institution, a title or a place rather than a person's name. */
const NOT_NAME_WORDS = new Set(
  `ministry ministerio department departamento office oficina secretariat secretaria council consejo court corte tribunal
  party partido national nacional republic republica state estado united unidos president presidente presidenta minister
  ministro ministra secretary general city ciudad province provincia region municipio municipality district distrito county
  condado valley valle island isla`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether `words` read as a person's name: two to four capitalized words, particles only inside, not a known place. */
function personShapedRun(words: readonly string[], places: PlaceNames | undefined): boolean {
  if (words.length < 2 || words.length > 4) return false;
  const folded = words.map(foldPlace);
  if (PARTICLES.has(folded[0]!) || PARTICLES.has(folded.at(-1)!)) return false;
  for (let i = 0; i < words.length; i++) {
    if (PARTICLES.has(folded[i]!)) continue;
    if (!/^\p{Lu}\p{Ll}/u.test(words[i]!) || NOT_NAME_WORDS.has(folded[i]!) || PORTFOLIO_WORDS.has(folded[i]!)) return false;
  }
  return places?.kindOf(folded.join(' ')) === undefined;
}

/**
 * Cuts the organization spans that hide a person's name: "Gobierno de X Y" becomes the organization "Gobierno" and the
 * person "X Y"; "Interior X Y" after "of the" / "del" becomes the person "X Y" (the portfolio belongs to the role before
 * it). Other spans are returned as they are, in order.
 */
export function splitHeadedNames(spans: readonly NameSpan[], forms: readonly (readonly string[])[], places?: PlaceNames): NameSpan[] {
  const out: NameSpan[] = [];
  for (const span of spans) {
    if ((span.type !== 'ORG' && span.type !== 'MISC') || span.end - span.start < 3) {
      out.push(span);
      continue;
    }
    const words = forms[span.s]!.slice(span.start, span.end);
    const folded = words.map(foldPlace);
    // "Gobierno de X Y": a one-word head, then the connector.
    if (GOVERNMENT_HEADS.has(folded[0]!) && (folded[1] === 'de' || folded[1] === 'del' || folded[1] === 'of') && personShapedRun(words.slice(2), places)) {
      out.push({ ...span, end: span.start + 1 });
      out.push({ ...span, start: span.start + 2, type: 'PER' });
      continue;
    }
    // "[Secretary of the] Interior X Y": portfolio words first, right after "of" / "of the" / "del" / "de".
    let portfolio = 0;
    while (portfolio < folded.length - 2 && PORTFOLIO_WORDS.has(folded[portfolio]!)) portfolio++;
    const sentence = forms[span.s]!;
    const before = span.start > 0 ? foldPlace(sentence[span.start - 1]!) : '';
    const beforeThat = span.start > 1 ? foldPlace(sentence[span.start - 2]!) : '';
    const afterOffice = before === 'of' || before === 'del' || before === 'de' || ((before === 'the' || before === 'la') && (beforeThat === 'of' || beforeThat === 'de'));
    if (portfolio > 0 && afterOffice && personShapedRun(words.slice(portfolio), places)) {
      out.push({ ...span, start: span.start + portfolio, type: 'PER' });
      continue;
    }
    out.push(span);
  }
  return out;
}

/**
 * Adds the surname after a surname cue as a person when the tagger found no name there (one or two capitalized words),
 * and types PER one it found with another type. Spans stay in document order.
 */
export function addCuedSurnames(spans: readonly NameSpan[], forms: readonly (readonly string[])[]): NameSpan[] {
  const out: NameSpan[] = [];
  let next = 0;
  forms.forEach((words, s) => {
    for (let i = 1; i < words.length; i++) {
      if (!SURNAME_CUES.has(foldPlace(words[i - 1]!)) || !/^\p{Lu}\p{Ll}/u.test(words[i]!)) continue;
      while (next < spans.length && (spans[next]!.s < s || (spans[next]!.s === s && spans[next]!.end <= i))) out.push(spans[next++]!);
      const here = spans[next];
      if (here && here.s === s && here.start <= i) {
        // the tagger found a name here: a surname is a person whatever it is also the name of
        if (here.start === i && here.type !== 'PER') {
          out.push({ ...here, type: 'PER' });
          next++;
        }
        continue;
      }
      const end = i + 1 < words.length && /^\p{Lu}\p{Ll}/u.test(words[i + 1]!) && !(here && here.s === s && here.start === i + 1) ? i + 2 : i + 1;
      out.push({ s, start: i, end, type: 'PER', confidence: 0.5 });
    }
  });
  while (next < spans.length) out.push(spans[next++]!);
  return out;
}

/**
 * Extends a person's name over the capitalized word right before it when that word begins another full person name of the
 * same article ("José" before "Daniel Soto", where "José Rodrigo Soto" is written too): the tagger, reading a list line
 * by line, leaves a sentence's first given name out. The word must not belong to another name.
 */
export function extendByGivenNames(spans: readonly NameSpan[], forms: readonly (readonly string[])[]): NameSpan[] {
  const givenNames = new Set<string>();
  for (const m of spans) if (m.type === 'PER' && m.end - m.start >= 2) givenNames.add(forms[m.s]![m.start]!);
  return spans.map((m, k) => {
    if (m.type !== 'PER' || m.start === 0) return m;
    const word = forms[m.s]![m.start - 1]!;
    const before = spans[k - 1];
    if (!givenNames.has(word) || (before && before.s === m.s && before.end >= m.start)) return m;
    return { ...m, start: m.start - 1 };
  });
}

/** Every repair, in order: persons cut out of organization spans, cued surnames added, given names put back. */
export function repairNames(spans: readonly NameSpan[], forms: readonly (readonly string[])[], places?: PlaceNames): NameSpan[] {
  return extendByGivenNames(addCuedSurnames(splitHeadedNames(spans, forms, places), forms), forms);
}
