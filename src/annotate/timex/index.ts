/**
 * The timex stage: TIMEX3-style dates, times, durations and sets with normalized values,
 * anchored to the article's publication date (at its precision), to the tense of their sentence
 * and to the dates the narrative has already set. Works from `doc.text` alone.
 */
import type { DocMessage, Timex } from '../../core/doc.ts';
import type { Stage } from '../../core/pipeline.ts';
import { parsePoint, type Point } from './calendar.ts';
import { Grammar } from './grammar.ts';
import { scan } from './scan.ts';
import { TenseMarks, tenseAt } from './tense.ts';

export interface TimexOptions {
  /** The article's date as an ISO prefix (`2023-01-10`, `2023-01`, `2023`), or null. */
  anchor: string | null;
  /** `en`, `es`; anything else is read with the English grammar. */
  language: string;
  /** Read ambiguous slash dates day-first; defaults to true for Spanish. Dotted dates are always day-first. */
  dayFirst?: boolean;
}

/** How many sentences back a date written with its year still sets the year of bare months and days. */
const NEAR_SENTENCES = 1;

/** Finds and normalizes the temporal expressions in `text`; never throws on any input. */
export function tagTimexes(text: string, options: TimexOptions): { timexes: Timex[]; messages: DocMessage[] } {
  const language = options.language === 'es' ? 'es' : 'en';
  const toks = scan(text);
  const marks = new TenseMarks(toks, language);
  const grammar = new Grammar(toks, language, options.dayFirst ?? language === 'es');
  grammar.dayFirstExplicit = options.dayFirst !== undefined;
  const found = grammar.matchAll();

  const anchor = options.anchor ? parsePoint(options.anchor.length > 16 ? options.anchor.slice(0, 16) : options.anchor) : null;
  const timexes: Timex[] = [];
  const messages: DocMessage[] = [];
  let ref: Point | null = null;
  let near: { point: Point; sentence: number } | null = null;
  let refSentence = -1;
  let topic: Point | null = null;
  for (const c of found) {
    const first = toks[c.from]!;
    const last = toks[c.to - 1]!;
    const sentence = first.sentence;
    const nearPoint = near && sentence - near.sentence <= NEAR_SENTENCES ? near.point : null;
    const recent = ref && sentence - refSentence <= NEAR_SENTENCES ? ref : null;
    const resolved = c.resolve({ anchor, ref, near: nearPoint, recent, tense: tenseAt(toks, marks, c.from, c.to), topic });
    const timex: Timex = { start: first.start, end: last.end, text: text.slice(first.start, last.end), type: c.type, value: resolved.value };
    if (c.mod) timex.mod = c.mod;
    if (resolved.anchored) timex.anchored = true;
    timexes.push(timex);
    if (c.message) messages.push({ start: timex.start, end: timex.end, ...c.message });
    if (resolved.point) {
      ref = resolved.point;
      if (!topic && (ref.gran === 'quarter' || ref.gran === 'half')) topic = ref;
      refSentence = sentence;
      // A date written with its year, or reached through the narrative ("a month earlier"), sets the year of bare months that follow.
      if (c.explicit && (resolved.point.gran === 'day' || resolved.point.gran === 'month' || resolved.point.gran === 'time')) near = { point: resolved.point, sentence };
    }
  }
  return { timexes, messages };
}

/** The pipeline stage: assigns the `timexes` layer from the text, the publication date and the language. */
export const timexStage: Stage<'timexes'> = {
  name: 'timex',
  requires: [],
  assigns: ['timexes'],
  run(doc) {
    return tagTimexes(doc.text, { anchor: doc.meta.published, language: doc.meta.language });
  },
};
