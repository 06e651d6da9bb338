/**
 * Dates that disagree about the same thing: a happening that befalls a person once (an arrest, a removal from
 * office, a swearing-in, a death, a resignation, a sentencing, an election, a birth), told by several articles with
 * different days ("Ramos was arrested on 3 May" in one outlet, "on 4 May" in another). A report is a person mention,
 * a trigger word tied to it by the grammar around them, and the day-precise date nearest the trigger in the sentence.
 *
 * Pure: `happeningReports` reads one doc (with the caller's mention → entity map), `dateConflicts` groups reports.
 * The tie between person and trigger is deliberately narrow (the person is the subject of the trigger, or the owner
 * of its noun), because a false "these outlets disagree" costs a fact-checker more than a missed one.
 */
import type { Doc } from '../core/doc.ts';
import { SpanIndex } from '../core/span-index.ts';
import { compareCodePoints } from '../core/names.ts';

export type Happening = 'arrest' | 'removal' | 'inauguration' | 'death' | 'resignation' | 'sentencing' | 'election' | 'birth';

/** Verb forms that follow their subject ("X was arrested", "X, the former mayor, resigned"). */
const verbTriggers: Record<Happening, RegExp> = {
  arrest: /^(?:arrested|detained|captured|apprehended|detenid[oa]|arrestad[oa]|capturad[oa]|aprehendid[oa])\b/iu,
  removal: /^(?:ousted|impeached|deposed|removed from (?:office|power|the presidency)|vacad[oa]|destituid[oa]|depuest[oa])\b/iu,
  inauguration: /^(?:sworn in|inaugurated|took office|juramentó|juramentad[oa]|asumió (?:la presidencia|el cargo|el mando))/iu,
  death: /^(?:died|murió|falleció|was killed|was murdered|was assassinated|fue asesinad[oa])\b/iu,
  resignation: /^(?:resigned|stepped down|renunció|dimitió)\b/iu,
  sentencing: /^(?:sentenced|convicted|condenad[oa]|sentenciad[oa])\b/iu,
  election: /^(?:elected|elegid[oa]|electo|electa)\b/iu,
  birth: /^(?:born|nació)\b/iu,
};

/**
 * Whether any verb trigger occurs anywhere in a text: the triggers unanchored, so a text where this fails has no word
 * start where one of them matches. Most names are followed by none, and trying each trigger at every word start after
 * each of them was the most costly part of storing a 1 MB article's facts.
 */
const anyVerbTrigger = new RegExp(
  Object.values(verbTriggers)
    .map((p) => `(?:${p.source.replace(/^\^/, '')})`)
    .join('|'),
  'iu',
);

/** Nouns that take the person as owner ("X's arrest") or complement ("the arrest of X", "la detención de X"). */
const nounTriggers: Record<Happening, RegExp> = {
  arrest: /\b(?:arrest|detention|capture|detención|arresto|captura)$/iu,
  removal: /\b(?:ouster|impeachment|removal|vacancia|destitución)$/iu,
  inauguration: /\b(?:swearing-in|inauguration|investiture|juramentación|investidura)$/iu,
  death: /\b(?:death|assassination|murder|muerte|fallecimiento|asesinato)$/iu,
  resignation: /\b(?:resignation|renuncia|dimisión)$/iu,
  sentencing: /\b(?:conviction|sentencing|condena)$/iu,
  election: /\b(?:election|elección)$/iu,
  birth: /\b(?:birth|nacimiento)$/iu,
};

/** Words that may stand between a subject and its verb: auxiliaries, adverbs, a relative pronoun after an apposition. */
const linking = new Set([
  'was',
  'were',
  'is',
  'has',
  'had',
  'have',
  'been',
  'be',
  'being',
  'who',
  'formally',
  'officially',
  'finally',
  'reportedly',
  'allegedly',
  'later',
  'eventually',
  'himself',
  'herself',
  'fue',
  'sido',
  'ha',
  'había',
  'habría',
  'fueron',
  'quien',
  'que',
  'formalmente',
  'oficialmente',
  'finalmente',
  'presuntamente',
  'supuestamente',
  'luego',
  'se',
  'ya',
]);

export interface HappeningReport {
  articleId: string;
  outlet: string | null;
  published: string | null;
  entityId: string;
  happening: Happening;
  /** The day, `YYYY-MM-DD`. */
  date: string;
  /** The sentence's characters in the article. */
  start: number;
  end: number;
}

function subjectOf(gap: string): boolean {
  // One apposition or relative clause set off by commas ("Ramos, the former mayor, was …") may come between.
  const stripped = gap.replace(/^\s*,[^,;:.]{1,80},/u, ' ');
  if (/[;:.()"“”«»]/u.test(stripped)) return false;
  return stripped
    .split(/[\s,]+/u)
    .filter(Boolean)
    .every((w) => linking.has(w.toLowerCase()));
}

/** The person happenings of one doc: `entityOf` maps a mention index to its canonical entity id. */
export function happeningReports(doc: Readonly<Doc>, entityOf: ReadonlyMap<number, string>, isPerson: (entityId: string) => boolean): HappeningReport[] {
  const entities = doc.entities ?? [];
  const timexes = doc.timexes ?? [];
  const out: HappeningReport[] = [];
  const seen = new Set<string>();
  // Each sentence reads only its own spans: filtering every span for every sentence took 26 s on a 1 MB page of 8,000 dated sentences.
  const dayIndex = new SpanIndex(timexes.filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.value)));
  const mentionIndex = new SpanIndex(entities.map((m, index) => ({ start: m.start, end: m.end, m, index })));
  for (const sentence of doc.sentences ?? []) {
    const days = dayIndex.within(sentence.start, sentence.end);
    if (days.length === 0) continue;
    // The entity's type (the vote of all its mentions), not this mention's: one mention tagged ORG is still the person.
    const mentions = mentionIndex.within(sentence.start, sentence.end);
    for (const { m, index } of mentions) {
      const entityId = entityOf.get(index);
      if (!entityId || !isPerson(entityId)) continue;
      const complement = complementOf.test(doc.text.slice(Math.max(sentence.start, m.start - 30), m.start));
      const found: { happening: Happening; at: number }[] = [];
      // Subject + verb: the trigger within a short reach after the name, nothing but linking words between.
      const after = doc.text.slice(m.end, Math.min(sentence.end, m.end + 120));
      const triggers = anyVerbTrigger.test(after) ? (Object.entries(verbTriggers) as [Happening, RegExp][]) : [];
      for (const [happening, pattern] of triggers) {
        for (let cut = 0; cut < after.length; cut++) {
          if (cut > 0 && !/\s/u.test(after[cut - 1]!)) continue;
          if (!pattern.test(after.slice(cut))) continue;
          if (!complement && subjectOf(after.slice(0, cut))) found.push({ happening, at: m.end + cut });
          break;
        }
      }
      // Owner + noun: "Ramos's arrest", "Ramos’ resignation".
      const owner = /^(?:'s|’s|'|’)\s+(\p{L}+(?:-\p{L}+)?)/u.exec(doc.text.slice(m.end, m.end + 40));
      if (owner) for (const [happening, pattern] of Object.entries(nounTriggers) as [Happening, RegExp][]) if (pattern.test(owner[1]!)) found.push({ happening, at: m.end });
      // Noun + complement: "the arrest of Ramos", "la detención de Ramos", "la muerte del dirigente Ramos" is too far.
      const before = /(\S+)\s+(?:of|de|del)\s+$/u.exec(doc.text.slice(Math.max(sentence.start, m.start - 40), m.start));
      if (before) for (const [happening, pattern] of Object.entries(nounTriggers) as [Happening, RegExp][]) if (pattern.test(before[1]!)) found.push({ happening, at: m.start });
      for (const { happening, at } of found) {
        const nearest = [...days].sort((a, b) => distance(a, at) - distance(b, at) || a.start - b.start)[0]!;
        // "on 6 May, the day before Ramos was arrested": a date set against the happening is not its date.
        const between = doc.text.slice(Math.min(nearest.end, at), Math.max(nearest.start, at));
        if (distance(nearest, at) > 100 || relative.test(between)) continue;
        const once = `${entityId}:${happening}:${sentence.start}`;
        if (seen.has(once)) continue;
        seen.add(once);
        out.push({ articleId: doc.id, outlet: doc.meta.outlet, published: doc.meta.published, entityId, happening, date: nearest.value, start: sentence.start, end: sentence.end });
      }
    }
  }
  return out;
}

/** A name right after a preposition ("the founder of Ramos Unidos, was …") is not the subject of what follows. */
const complementOf = /\b(?:of|for|with|from|by|to|at|in|de|del|para|por|con|en|a|al)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?$/iu;

const relative = /\b(?:before|after|prior to|following|since|until|antes|después|tras|desde|hasta|previo|previa)\b/iu;

function distance(span: { start: number; end: number }, at: number): number {
  return at < span.start ? span.start - at : at > span.end ? at - span.end : 0;
}

export interface DateConflict {
  /** `entityId:happening`. */
  key: string;
  entityId: string;
  happening: Happening;
  values: { date: string; articleIds: string[]; outlets: string[] }[];
  reports: HappeningReport[];
}

/**
 * One person's once-only happening dated differently by different articles. An article that itself gives two days
 * for it (a correction, or two arrests) says nothing about which is right and is left out of that happening.
 */
export function dateConflicts(reports: readonly HappeningReport[]): DateConflict[] {
  const byKey = new Map<string, HappeningReport[]>();
  for (const r of reports) {
    const key = `${r.entityId}:${r.happening}`;
    const list = byKey.get(key);
    // pushed, not copied: one person's reports from many articles made copying quadratic
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const conflicts: DateConflict[] = [];
  for (const [key, list] of byKey) {
    const daysOf = new Map<string, Set<string>>();
    for (const r of list) daysOf.set(r.articleId, (daysOf.get(r.articleId) ?? new Set()).add(r.date));
    const kept = list.filter((r) => daysOf.get(r.articleId)!.size === 1);
    const values = new Map<string, { articleIds: Set<string>; outlets: Set<string> }>();
    for (const r of kept) {
      const v = values.get(r.date) ?? { articleIds: new Set(), outlets: new Set() };
      v.articleIds.add(r.articleId);
      if (r.outlet) v.outlets.add(r.outlet);
      values.set(r.date, v);
    }
    if (values.size < 2) continue;
    const first = kept[0]!;
    conflicts.push({
      key,
      entityId: first.entityId,
      happening: first.happening,
      values: [...values]
        .sort(([a], [b]) => compareCodePoints(a, b))
        .map(([date, v]) => ({ date, articleIds: [...v.articleIds].sort(compareCodePoints), outlets: [...v.outlets].sort(compareCodePoints) })),
      reports: [...kept].sort((a, b) => compareCodePoints(a.articleId, b.articleId) || a.start - b.start),
    });
  }
  return conflicts.sort((a, b) => compareCodePoints(a.key, b.key));
}
