/**
 * The events stage: each sentence that carries a calendar date, or follows one in the same paragraph
 * while naming someone or something, becomes a dated event — the unit the timeline shows.
 */
import type { DatedEvent, Doc, Timex } from '../../core/doc.ts';
import type { Stage } from '../../core/pipeline.ts';

/** TIMEX3 values that name a point or period on the calendar (not `PRESENT_REF`, not `XXXX-XX-XX`). */
const calendarValue = /^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?(?:T[\d:]+)?$/;

/** The date of a timex as the timeline uses it, or null when it names no calendar point. */
export function eventDate(timex: Timex): string | null {
  if (timex.type !== 'DATE' && timex.type !== 'TIME') return null;
  const value = timex.value.replace(/T.*$/, '');
  return calendarValue.test(value) ? value : null;
}

/** Builds the events of a doc whose sentences, timexes and entities are known. */
export function findEvents(doc: Readonly<Doc>): DatedEvent[] {
  const sentences = doc.sentences ?? [];
  const timexes = doc.timexes ?? [];
  const entities = doc.entities ?? [];
  const events: DatedEvent[] = [];
  let t = 0;
  let e = 0;
  let narrative: string | null = null;
  let lastSentenceEnd = 0;
  sentences.forEach((sentence, index) => {
    // A blank line between sentences starts a new paragraph, and the narrative's date does not cross it.
    if (/\n\s*\n/.test(doc.text.slice(lastSentenceEnd, sentence.start))) narrative = null;
    lastSentenceEnd = sentence.end;
    while (t < timexes.length && timexes[t]!.end <= sentence.start) t++;
    while (e < entities.length && entities[e]!.end <= sentence.start) e++;
    let own: { date: string; timex: number } | null = null;
    for (let k = t; k < timexes.length && timexes[k]!.start < sentence.end; k++) {
      const date = eventDate(timexes[k]!);
      // The most precise date in the sentence dates it ("on Tuesday, two weeks after the March vote").
      if (date && (!own || date.length > own.date.length)) own = { date, timex: k };
    }
    const mentioned: number[] = [];
    for (let k = e; k < entities.length && entities[k]!.start < sentence.end; k++) if (entities[k]!.start >= sentence.start) mentioned.push(k);
    if (own) {
      events.push({ start: sentence.start, end: sentence.end, sentence: index, date: own.date, timex: own.timex, inherited: false, entities: mentioned });
      narrative = own.date;
    } else if (narrative && mentioned.length > 0) {
      events.push({ start: sentence.start, end: sentence.end, sentence: index, date: narrative, inherited: true, entities: mentioned });
    }
  });
  return events;
}

export const eventsStage: Stage<'events'> = {
  name: 'events',
  requires: ['sentences', 'timexes', 'entities'],
  assigns: ['events'],
  run: (doc) => ({ events: findEvents(doc) }),
};
