/**
 * The API bench store built without annotating every article (`--source synthetic`, the default).
 *
 * Why: the API and the findings read what is stored, so what a bench at 100,000 articles needs is a store of that size
 * and shape filled through the real store → link → analyze path. Annotation (NER, attribution, ~0.1 s of CPU an
 * article) would take most of a day at 100k on two cores, and it is not what the bench measures.
 *
 * How: a pool of realistic synthetic articles (scripts/lib/corpus.ts, 1,000 by default) is read and annotated once by
 * the real pipeline (worker threads, as `quipu ingest`) and cached in .bench/. Each bench article is a pool article
 * re-skinned: its people and places renamed with names drawn with Zipf popularity (a few recur in thousands of
 * articles, new ones keep arriving, as in scripts/bench-link.ts), its outlet redrawn, its years and days of the month
 * shifted, its small numbers and its common words redrawn (so two skins of one pool article are not copies: with names
 * and numbers alone they were), and every layer's offsets moved with the text
 * (scripts/lib/doc-respan.ts). The pool is walked in order, again and again; a pool article that copies an earlier
 * one (whole, or a few of its paragraphs: about one in six, scripts/lib/corpus.ts) takes that one's skin, so the bench
 * articles keep the pool's share of copies and changed figures. The derived articles go through `ingestItems` with a
 * runner that hands back the re-skinned docs: the same transactions, linking, findings update and batch rebuild of
 * stale findings as an ingest. The samples are ingested first through the real ingest (the bench's queries name them).
 * Every draw is seeded and the articles come in one order whatever N, so a stopped build goes on where it stopped and a
 * larger store can start from a smaller finished one (scripts/lib/api-store.ts): checked, a 20-article build stopped at
 * 19, resumed, then extended to 24, stores the same articles and findings as a build of 24 in one go.
 *
 * What differs from a real ingest of N articles: the text around the names repeats every pool-size articles (the
 * generator's templates repeat much sooner), and the NER of a renamed article is the pool article's (what it would
 * find in the new names is not asked). Compare shapes with `--source ingest` at a size both can build.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { en, es, Faker } from '@faker-js/faker';
import Database from 'better-sqlite3';
import { toRawOffset, type Doc } from '../../src/core/doc.ts';
import type { RawItem } from '../../src/ingest/extract.ts';
import { readSources, type SourceEvent } from '../../src/ingest/sources/index.ts';
import { ingest, ingestItems } from '../../src/jobs/ingest-job.ts';
import { defaultItemTimeoutMs, defaultThreads, type ItemRunner, type ProcessedItem, workerRunner } from '../../src/jobs/item-runner.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import type { Repository } from '../../src/store/repository.ts';
import { applyReplacements, type Replacement, respanDoc } from './doc-respan.ts';
import { generateCorpus } from './corpus.ts';
import { WholeWords } from './whole-words.ts';

/** One pool item as the runner returned it, with what the source said about it. */
interface PoolItem {
  locator: string;
  contentType: string;
  processed: ProcessedItem;
}

/** Reads and annotates the pool once (worker threads, one per core) and caches it as JSON beside the stores. */
async function annotatedPool(root: string, benchDir: string, size: number, log: (line: string) => void): Promise<PoolItem[]> {
  const cache = join(benchDir, `pool-${size}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as PoolItem[];
  const corpusDir = join(benchDir, `corpus-${size}`);
  generateCorpus(root, corpusDir, size);
  const started = performance.now();
  const runner = workerRunner({ timeoutMs: defaultItemTimeoutMs(), threads: defaultThreads() });
  const pending: Promise<PoolItem>[] = [];
  try {
    for await (const event of readSources([corpusDir])) {
      if (event.kind === 'failure') throw event.error;
      const { item } = event;
      pending.push(runner.run(item).then((processed) => ({ locator: item.locator, contentType: item.contentType, processed })));
    }
    const pool = (await Promise.all(pending)).sort((a, b) => corpusIndex(a.locator) - corpusIndex(b.locator));
    writeFileSync(cache, JSON.stringify(pool));
    log(`  annotated the pool of ${pool.length} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return pool;
  } finally {
    await runner.close();
  }
}

/** The generator's article number, from its file name (`a123.txt`): the pool keeps the generator's order. */
const corpusIndex = (locator: string) => Number(/a(\d+)\.\w+$/.exec(locator)?.[1] ?? Number.NaN);

/**
 * For each pool article, the earlier one it copies (whole, or two or more of its paragraphs), found from the text: the
 * generator's copy relations, which a derived copy needs to take its original's skin.
 */
function copySources(pool: readonly PoolItem[]): (number | null)[] {
  const firstSeen = new Map<string, number>();
  return pool.map((item, index) => {
    const shared = new Map<number, number>();
    for (const doc of item.processed.docs) {
      for (const paragraph of doc.text.split(/\n\s*\n/)) {
        if (paragraph.length < 60) continue;
        const seen = firstSeen.get(paragraph);
        if (seen === undefined) firstSeen.set(paragraph, index);
        else shared.set(seen, (shared.get(seen) ?? 0) + 1);
      }
    }
    const [best] = [...shared].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1]);
    return best ? best[0] : null;
  });
}

/** What an article's text is re-skinned with: kept by the copies of that article, so a copy stays a copy. */
interface Skin {
  words: Map<string, string>;
  numbers: Map<number, number>;
  yearShift: number;
  /** Days of the month moved by this many (within the 28 every month has; `shiftDays`). */
  dayShift: number;
  /** The pool's common words as this skin says them (`vocabularyEdits`). */
  vocabulary: Map<string, string>;
}

/**
 * One edit of an article's text or raw item by what it says rather than its new text: a name, outlet, common word or
 * number is looked up in the skin once the article's draws are made, a year or a day is moved by the skin's shift.
 */
type PlannedEdit = { start: number; end: number } & (
  | { kind: 'outlet' | 'word' | 'vocabulary' | 'rename'; key: string }
  | { kind: 'year' | 'number'; key: number }
  | { kind: 'day'; key: number; width: number }
);

/** A draw made for an article and what it sets in its skin or its outlets, made again on another pass's skin. */
type Draw = (skin: Skin, outlets: Map<string, string>) => void;

/** What re-skinning a pool article takes besides the draws' values: the draws in order and where its edits go. */
interface Plan {
  draws: Draw[];
  docs: PlannedEdit[][];
  raw: PlannedEdit[];
}

/** Seeded draws: the same count gives the same store. */
class Draws {
  private seed: number;
  constructor(seed: number) {
    this.seed = seed;
  }
  random(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) & 0x7fffffff;
    return this.seed / 2147483648;
  }
  /** An index in [0, n) with Zipf-like popularity: a few values very often, a long tail seldom. */
  zipf(n: number): number {
    return Math.min(n - 1, Math.floor(n ** this.random()) - 1);
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }
  /** A made-up lower-case word about `length` letters long. */
  word(length: number): string {
    let w = '';
    while (w.length < length) w += wordSyllables[this.int(0, wordSyllables.length - 1)];
    return w;
  }
}

const wordSyllables = ['ta', 'ren', 'vo', 'li', 'mas', 'ku', 'pe', 'dro', 'sin', 'ga', 'lum', 'fe', 'tor', 'ba', 'ni', 'ques', 'ul', 'zo'];
/** A lower-case word of three letters or more: what `vocabularyEdits` renames. */
const commonWordPattern = /(?<![\p{L}\p{N}'-])\p{Ll}{3,}(?![\p{L}\p{N}'-])/gu;
/**
 * Words the stored facts look for in the text, kept as written: happenings' verbs and nouns (link/date-conflicts.ts),
 * the words that may stand between a subject and its verb there, citations' cues and outlet words (link/citations.ts),
 * speech verbs and hedges.
 */
const keptWords =
  /^(?:was$|were$|has$|had$|have$|been$|being$|who$|fue$|sido$|había|habría|fueron$|quien$|que$|later$|luego$|formal|oficial|official|final|eventual|himself$|herself$|accord|según|acuerdo|citing|citando|report|repub|appear|source|fuente|wire|agenc|newspaper|daily|paper|magazine|website|outlet|diario|periódico|revista|medio|portal|said|says|told|dijo|declar|afirm|inform|indic|señal|alleg|presunt|supuest|arrest|detain|detenid|detenci|captur|apprehend|aprehend|oust|impeach|depos|remov|vacad|vacancia|destitu|depuest|sworn|swearing|inaugur|took|office|juram|asumi|investi|died|murió|falleci|killed|murder|assassin|asesin|resign|stepped|renunci|dimit|dimisi|sentenc|convict|condena|elect|elegid|elecci|born|nació|birth|nacimiento|death|muerte|ouster|removal|presiden|cargo|mando|power|poder)/u;

/** Fictional names to draw from: faker's name lists and made-up place words, none of the pool's. */
function nameLists(): { people: { first: string; last: string }[]; surnames: string[]; places: string[]; outlets: { en: string[]; es: string[] } } {
  const f = new Faker({ locale: [es, en] });
  f.seed(20261206);
  const firstNames = [...new Set(Array.from({ length: 4000 }, () => f.person.firstName()))];
  // Spanish last names come in pairs ("Badillo Pedroza"): one word each, as the renaming goes word by word.
  const surnames = [...new Set(Array.from({ length: 8000 }, () => f.person.lastName().split(' ')).flat())].filter((s) => s.length >= 3);
  const people = Array.from({ length: 60_000 }, (_, i) => ({ first: firstNames[(i * 31) % firstNames.length]!, last: surnames[(i * 17 + Math.floor(i / surnames.length)) % surnames.length]! }));
  const syllables = ['nor', 'ba', 'li', 'zen', 'go', 'mar', 'te', 'quen', 'vi', 'sa', 'ru', 'del', 'pa', 'co', 'ni', 'ton', 'ur', 'ha', 'es', 'lo', 'mi', 'fra'];
  const word = (n: number) => {
    let w = '';
    for (let x = n + 23; x > 0; x = Math.floor(x / syllables.length)) w += syllables[x % syllables.length];
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const places = Array.from({ length: 6000 }, (_, i) => word(i * 7 + 500));
  const outlets = {
    en: Array.from({ length: 240 }, (_, i) => `The ${places[(i * 13) % places.length]} ${['Ledger', 'Courier', 'Monitor', 'Tribune', 'Post', 'Herald', 'Daily'][i % 7]}`),
    es: Array.from({ length: 120 }, (_, i) => `${['Diario', 'El Eco de', 'Radio', 'La Voz de', 'Noticias'][i % 5]} ${places[(i * 29 + 5) % places.length]}`),
  };
  return { people, surnames, places, outlets };
}

const yearPattern = /(?<!\d)(?:19|20)\d\d(?!\d)/g;
const smallNumberPattern = /(?<![\d.,])\d{1,3}(?![\d.,]?\d)/g;
const shiftYears = (value: string, shift: number) => value.replace(yearPattern, (year) => String(Number(year) + shift));
/** A day of the month moved by `shift` within 1–28 (the 29th to the 31st stay: not every month has them). */
const movedDay = (day: number, shift: number) => (day > 28 ? day : ((day - 1 + shift) % 28) + 1);
/** The days of the `YYYY-MM-DD` dates in a value, moved. */
const shiftDays = (value: string, shift: number) => value.replace(/(\d{4}-\d{2}-)(\d{2})(?!\d)/g, (_, month: string, day: string) => month + String(movedDay(Number(day), shift)).padStart(2, '0'));

/** A planned edit's new text in the skin (and the outlets) its article's draws filled. */
function editText(edit: PlannedEdit, skin: Skin, outlets: Map<string, string>): string {
  switch (edit.kind) {
    case 'outlet':
      return outlets.get(edit.key)!;
    case 'word':
      return skin.words.get(edit.key)!;
    case 'vocabulary':
      return skin.vocabulary.get(edit.key)!;
    case 'rename':
      return outlets.get(edit.key) ?? skin.words.get(edit.key)!;
    case 'year':
      return String(edit.key + skin.yearShift);
    case 'number':
      return String(skin.numbers.get(edit.key)!);
    case 'day':
      return String(movedDay(edit.key, skin.dayShift)).padStart(edit.width, '0');
  }
}

/** Re-skins pool articles into bench articles; see the header. */
export class Reskinner {
  private readonly draws = new Draws(4242);
  private readonly names = nameLists();
  private readonly sources: (number | null)[];
  /** The skin each pool article was last given, in the current pass over the pool. */
  private readonly lastSkin: (Skin | undefined)[];
  /** Each pool article's plan, once worked out (`prepare`). */
  private readonly plans: (Plan | undefined)[];
  private readonly wordsOfSkin = new WeakMap<Skin, WholeWords>();
  /** The bench article to derive or replay next. */
  private next = 0;

  constructor(private readonly pool: readonly PoolItem[]) {
    this.sources = copySources(pool);
    this.lastSkin = pool.map(() => undefined);
    this.plans = pool.map(() => undefined);
  }

  /** The skin of bench article `index`: its pool article's source's, else a new one (a draw). */
  private skinOf(index: number): Skin {
    const at = index % this.pool.length;
    if (at === 0) this.lastSkin.fill(undefined);
    const source = this.sources[at];
    const inherited = source === null || source === undefined ? undefined : this.lastSkin[source];
    const skin: Skin = inherited ?? { words: new Map(), numbers: new Map(), yearShift: -this.draws.int(0, 4), dayShift: this.draws.int(0, 27), vocabulary: new Map() };
    this.lastSkin[at] = skin;
    return skin;
  }

  /**
   * Makes bench article `index`'s draws and gives its edits. Where the edits go, and which draws are made in which order,
   * depends only on the names, numbers and words the skin already has, and that is the same on every pass over the pool
   * (a pass starts with no skins, and a skin is passed on only within a pass): so a pool article's plan is worked out on
   * the first pass and only its draws are made again after, instead of every article's text being scanned and its spans
   * checked again (which was also all a resumed build's replay of the stored articles did).
   */
  private prepare(index: number): { skin: Skin; outlets: Map<string, string>; plan: Plan } {
    if (index !== this.next) throw new Error(`bench article ${index} asked for where ${this.next} comes next: the articles are derived or replayed in order from 0`);
    this.next++;
    const at = index % this.pool.length;
    const skin = this.skinOf(index);
    const outlets = new Map<string, string>();
    let plan = this.plans[at];
    if (plan) for (const draw of plan.draws) draw(skin, outlets);
    else {
      const draws: Draw[] = [];
      const draw = (made: Draw) => {
        made(skin, outlets);
        draws.push(made);
      };
      const { processed } = this.pool[at]!;
      const docs = processed.docs.map((doc) => this.planEdits(doc, skin, outlets, draw));
      const raw = this.planRawEdits(processed, docs, skin, outlets);
      // In text order, as applying them sorts them (so each article's sort is quick).
      for (const edits of [...docs, raw]) edits.sort((a, b) => a.start - b.start);
      plan = { draws, docs, raw };
      this.plans[at] = plan;
    }
    return { skin, outlets, plan };
  }

  /** Makes the draws bench article `index` makes, without re-skinning it: a resumed build replays the articles already stored. */
  replay(index: number): void {
    this.prepare(index);
  }

  /** Bench article `index`: the next pool article in its new skin. */
  derive(index: number, locatorDir: string): { item: RawItem; processed: ProcessedItem } {
    const { skin, outlets, plan } = this.prepare(index);
    const { locator: poolLocator, contentType, processed } = this.pool[index % this.pool.length]!;
    const locator = join(locatorDir, `a${index}${/\.\w+$/.exec(poolLocator)![0]}`);
    const edit = (planned: PlannedEdit): Replacement => ({ start: planned.start, end: planned.end, text: editText(planned, skin, outlets) });
    const raw = applyReplacements(processed.raw, plan.raw.map(edit));
    const docs = processed.docs.map((doc, k) => {
      const derived = respanDoc(doc, plan.docs[k]!.map(edit), raw.move);
      const rename = (value: string) => this.renameString(value, skin, outlets);
      derived.meta = {
        ...derived.meta,
        source: locator,
        title: derived.meta.title && rename(derived.meta.title),
        outlet: derived.meta.outlet && (outlets.get(derived.meta.outlet) ?? derived.meta.outlet),
        authors: derived.meta.authors.map(rename),
        datelinePlace: derived.meta.datelinePlace && rename(derived.meta.datelinePlace),
        published: derived.meta.published && (shiftDays(shiftYears(derived.meta.published, skin.yearShift), skin.dayShift) as typeof derived.meta.published),
        canonicalUrl: null,
      };
      this.moveDates(derived, skin);
      this.renumberFigures(doc, derived);
      return derived;
    });
    const bytes = Buffer.from(raw.text);
    return { item: { locator, bytes, contentType, charset: null }, processed: { ...processed, raw: raw.text, docs } };
  }

  /** The edits of one doc's text: outlet, people and place names, days, years, small numbers, common words. */
  private planEdits(doc: Doc, skin: Skin, outlets: Map<string, string>, draw: (made: Draw) => void): PlannedEdit[] {
    const edits: PlannedEdit[] = [];
    const free = (start: number, end: number) => !edits.some((e) => e.start < end && start < e.end);
    const outlet = doc.meta.outlet;
    if (outlet && !outlets.has(outlet)) {
      const list = doc.meta.language === 'es' ? this.names.outlets.es : this.names.outlets.en;
      draw((_, drawn) => drawn.set(outlet, list[this.draws.zipf(list.length)]!));
    }
    for (const from of outlets.keys()) for (const { index } of new WholeWords([from]).matches(doc.text)) edits.push({ start: index, end: index + from.length, kind: 'outlet', key: from });

    this.nameWords(doc, skin, draw);
    for (const { index, word } of this.skinWords(skin).matches(doc.text)) {
      const end = index + word.length;
      if (free(index, end)) edits.push({ start: index, end, kind: 'word', key: word });
    }

    // The day of a dated timex, written as a number in it: moved as its value is (`moveDates`). Two skins of one pool
    // article otherwise shared every day-and-number anchor pair (link/paragraph-prints.ts), so each was a copy candidate
    // of every earlier skin of it.
    for (const timex of doc.timexes ?? []) {
      const day = /^\d{4}-\d{2}-(\d{2})/.exec(timex.value)?.[1];
      if (!day || Number(day) > 28) continue;
      const match = new RegExp(`(?<!\\d)0?${Number(day)}(?!\\d)`).exec(timex.text);
      if (!match) continue;
      const start = timex.start + match.index;
      const end = start + match[0].length;
      if (free(start, end)) edits.push({ start, end, kind: 'day', key: Number(day), width: match[0].length });
    }
    for (const match of doc.text.matchAll(yearPattern)) {
      const end = match.index + 4;
      if (free(match.index, end)) edits.push({ start: match.index, end, kind: 'year', key: Number(match[0]) });
    }
    // Days and durations stay: a number inside a date or a length of time is part of a value the layers hold.
    const kept = [...(doc.timexes ?? []), ...(doc.figures ?? []).filter((f) => f.duration !== undefined || f.unit === 'duration')];
    for (const match of doc.text.matchAll(smallNumberPattern)) {
      const end = match.index + match[0].length;
      if (!free(match.index, end) || kept.some((s) => s.start < end && match.index < s.end)) continue;
      const value = Number(match[0]);
      if (!skin.numbers.has(value)) draw((drawn) => this.renumber(value, drawn));
      edits.push({ start: match.index, end, kind: 'number', key: value });
    }
    this.vocabularyEdits(doc, skin, edits, draw);
    return edits;
  }

  /**
   * The raw item's edits: the text's, where the source map pairs the same words, and the names it says outside the
   * clean text (an HTML page's title and site name).
   */
  private planRawEdits(processed: ProcessedItem, docEdits: PlannedEdit[][], skin: Skin, outlets: Map<string, string>): PlannedEdit[] {
    const edits: PlannedEdit[] = [];
    processed.docs.forEach((doc, k) => {
      for (const edit of docEdits[k]!) {
        const start = toRawOffset(doc.sourceMap, edit.start);
        const end = toRawOffset(doc.sourceMap, edit.end);
        if (processed.raw.slice(start, end) === doc.text.slice(edit.start, edit.end)) edits.push({ ...edit, start, end });
      }
    });
    for (const { index: start, word } of new WholeWords([...skin.words.keys(), ...outlets.keys()]).matches(processed.raw)) {
      const end = start + word.length;
      if (!edits.some((e) => e.start < end && start < e.end)) edits.push({ start, end, kind: 'rename', key: word });
    }
    return edits;
  }

  /** The skin's names as one `WholeWords`, kept up to date as the skin gains names (it never loses one). */
  private skinWords(skin: Skin): WholeWords {
    let words = this.wordsOfSkin.get(skin);
    if (!words) this.wordsOfSkin.set(skin, (words = new WholeWords()));
    if (words.size !== skin.words.size) for (const word of skin.words.keys()) words.add(word);
    return words;
  }

  /**
   * Renames the pool's common words, each skin its own way. Why: the pool's text comes from a few templates, and with
   * only the names and numbers redrawn every skin of a pool article was a paragraph copy of every earlier skin of it
   * (199 of 200 pairs matched), so each article was compared with, and linked to, every earlier skin of its pool
   * article: copy links grew with the square of the pile and a build of 100,000 could not finish. A copy takes its
   * original's skin (`skinOf`), so it says the same words and stays a copy.
   * What the stored facts read in the text is kept: the words inside the layers' spans (names, dates, figures, roles)
   * and the cue words of happenings, citations and speech (`keptWords`).
   */
  private vocabularyEdits(doc: Doc, skin: Skin, edits: PlannedEdit[], draw: (made: Draw) => void): void {
    const taken = [...edits, ...(doc.entities ?? []), ...(doc.timexes ?? []), ...(doc.figures ?? []), ...(doc.roles ?? [])].map((s) => [s.start, s.end] as const);
    taken.sort((a, b) => a[0] - b[0]);
    // The furthest end among the spans starting at or before each one, so one binary search answers "inside any span".
    const reach: number[] = [];
    taken.forEach(([, end], i) => reach.push(Math.max(end, i > 0 ? reach[i - 1]! : 0)));
    const inside = (start: number, end: number) => {
      let lo = 0;
      let hi = taken.length - 1;
      let last = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (taken[mid]![0] < end) {
          last = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return last >= 0 && reach[last]! > start;
    };
    for (const match of doc.text.matchAll(commonWordPattern)) {
      const word = match[0];
      const end = match.index + word.length;
      if (keptWords.test(word) || inside(match.index, end)) continue;
      if (!skin.vocabulary.has(word)) draw((drawn) => drawn.vocabulary.set(word, this.draws.word(word.length)));
      edits.push({ start: match.index, end, kind: 'vocabulary', key: word });
    }
  }

  /** Gives each word of the doc's people and places (and its authors) a new name in the skin, once. */
  private nameWords(doc: Doc, skin: Skin, draw: (made: Draw) => void): void {
    const lowerWords = new Set(doc.text.match(/\p{Ll}[\p{L}'-]*/gu) ?? []);
    // A capitalized word that also appears in lower case ("Police", "Council") is a common word the model tagged.
    const nameLike = (w: string) => w.length >= 3 && /^\p{Lu}[\p{L}'-]+$/u.test(w) && !lowerWords.has(w.toLowerCase());
    // A byline read whole into the authors ("By Ann Lee – The Post – May 3, 2025") names its person before the first dash.
    const authors = doc.meta.authors.map((a) => a.split(/ [–—-] /)[0]!.replace(/^(?:By|Por) /, ''));
    const people = [...(doc.entities ?? []).filter((e) => e.type === 'PER').map((e) => e.text), ...authors].map((t) => t.split(/\s+/).filter(nameLike));
    for (const words of people.sort((a, b) => b.length - a.length)) {
      if (words.length === 0 || words.every((w) => skin.words.has(w))) continue;
      draw((drawn) => {
        const person = this.names.people[this.draws.zipf(this.names.people.length)]!;
        words.forEach((w, k) => {
          if (drawn.words.has(w)) return;
          const surname = this.names.surnames[this.draws.zipf(this.names.surnames.length)]!;
          drawn.words.set(w, words.length === 1 ? surname : k === 0 ? person.first : k === words.length - 1 ? person.last : surname);
        });
      });
    }
    for (const place of (doc.entities ?? []).filter((e) => e.type === 'LOC'))
      for (const w of place.text.split(/\s+/).filter(nameLike)) if (!skin.words.has(w)) draw((drawn) => drawn.words.set(w, this.names.places[this.draws.zipf(this.names.places.length)]!));
  }

  /** A count redrawn within ±40%, a share kept a share; the same old number gets the same new one within a skin. */
  private renumber(value: number, skin: Skin): number {
    let next = skin.numbers.get(value);
    if (next === undefined) {
      next = Math.max(1, Math.round(value * (0.6 + 0.8 * this.draws.random())));
      if (value <= 100) next = Math.min(next, 100);
      skin.numbers.set(value, next);
    }
    return next;
  }

  private renameString(value: string, skin: Skin, outlets: Map<string, string>): string {
    const renamed = new WholeWords(outlets.keys()).replace(value, (m) => outlets.get(m)!);
    return shiftYears(
      this.skinWords(skin).replace(renamed, (m) => skin.words.get(m)!),
      skin.yearShift,
    );
  }

  /** The calendar values the layers hold, moved with the years of the text. */
  private moveDates(doc: Doc, skin: Skin): void {
    const move = (value: string) => shiftDays(shiftYears(value, skin.yearShift), skin.dayShift);
    for (const timex of doc.timexes ?? []) timex.value = move(timex.value);
    for (const event of doc.events ?? []) event.date = move(event.date);
    for (const figure of doc.figures ?? []) {
      if (figure.date) figure.date = move(figure.date);
      if (figure.since) figure.since = move(figure.since);
    }
  }

  /** A figure whose number was redrawn in the text holds the new value (the number at the same place in its text). */
  private renumberFigures(before: Doc, after: Doc): void {
    (after.figures ?? []).forEach((figure, k) => {
      const old = before.figures![k]!;
      const was = (old.text.match(smallNumberPattern) ?? []).map(Number);
      const now = (figure.text.match(smallNumberPattern) ?? []).map(Number);
      if (was.length !== now.length) return;
      const at = was.indexOf(old.value);
      if (at >= 0) figure.value = now[at]!;
      const highAt = old.high === undefined ? -1 : was.indexOf(old.high);
      if (highAt >= 0) figure.high = now[highAt]!;
    });
  }
}

/**
 * Fills `repository` with the samples (real ingest) and `count` re-skinned pool articles stored through `ingestItems`,
 * logging rate and memory every 1,000 articles.
 */
export async function buildSyntheticStore(
  root: string,
  repository: Repository,
  count: number,
  options: { poolSize?: number; log?: (line: string) => void; resume?: SyntheticProgress; findingsRebuildItems?: number } = {},
): Promise<number> {
  const log = options.log ?? console.log;
  const benchDir = join(root, '.bench');
  const pipeline = await defaultPipeline();
  const resume = options.resume ?? { next: 0, stored: 0 };
  // A store that has synthetic articles had the samples first.
  if (resume.stored === 0) await ingest([join(root, 'samples', 'articles')], repository, { pipeline });
  const pool = await annotatedPool(root, benchDir, options.poolSize ?? 1000, log);
  const reskinner = new Reskinner(pool);
  // The draws and skins of the articles already stored, replayed without storing them, so the rest comes out as it
  // would have in one go.
  for (let index = 0; index < resume.next; index++) reskinner.replay(index);
  if (resume.next > 0) log(`  resuming after ${resume.stored} stored synthetic articles (bench article ${resume.next})`);
  const waiting = new Map<string, ProcessedItem>();
  const runner: ItemRunner = {
    async run(item) {
      const processed = waiting.get(item.locator)!;
      waiting.delete(item.locator);
      return processed;
    },
    async warm() {},
    async close() {},
  };
  let inserted = resume.stored;
  let duplicates = 0;
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  let lastMark = started;
  // One folder name whatever the count: the first N articles of a larger store are the store of N.
  const locatorDir = join(benchDir, 'synthetic');
  let next = resume.next;
  // Until `count` are stored: a skin may now and then give an article an earlier one's exact text (stored once). Items
  // are told done only once committed, so a round derives just enough articles for `count` and another round makes up
  // for the repeats found (counting the items told done instead overshot by up to a commit's worth of articles).
  async function* events(): AsyncGenerator<SourceEvent> {
    for (let planned = inserted; planned < count; next++) {
      const { item, processed } = reskinner.derive(next, locatorDir);
      waiting.set(item.locator, processed);
      planned += processed.docs.length;
      yield { kind: 'item', item };
    }
  }
  while (inserted < count) {
    const summary = await ingestItems(events(), repository, {
      pipeline,
      runner,
      // Figure groups regrouped once at the end rather than every 200 articles: each regroup reads every stored figure
      // of the measures it regroups, so a bulk build paid for it again and again as the pile grew; the groups stored at
      // the end are the same (rebuilt from every stored figure either way; scripts/check-synthetic-store.ts compares).
      findingsRebuildItems: options.findingsRebuildItems ?? Number.POSITIVE_INFINITY,
      // Fewer, larger commits: a commit writes every page its batch dirtied, and a page many articles touch (an index's,
      // a popular entity's) is written once per commit. At the ingest default (64 items or a second) on a loaded machine
      // a build committed every dozen articles, and the commits took a third of its time.
      commitEvery: { items: 500, ms: 60_000 },
      onEvent(event) {
        if (event.kind !== 'item-done') return;
        for (const article of event.articles) {
          if (article.status === 'duplicate') duplicates++;
          else if (++inserted % 1000 === 0) {
            const now = performance.now();
            log(
              `  ${inserted} articles: ${(1000 / ((now - lastMark) / 1000)).toFixed(1)} articles/s (last 1,000), ${((inserted - resume.stored) / ((now - started) / 1000)).toFixed(1)} overall (CPU ${cpuSeconds(startedCpu)} s), RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`,
            );
            lastMark = now;
          }
        }
      },
    });
    if (summary.failed.length > 0) throw new Error(`synthetic bench articles failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);
  }
  log(
    `  ${inserted} synthetic articles (${duplicates} exact repeats stored once) in ${((performance.now() - started) / 1000).toFixed(0)} s (CPU ${cpuSeconds(startedCpu)} s), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return (await repository.listArticles({ limit: 1 })).total;
}

/** CPU seconds (user + system, every thread) since `since`. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return ((user + system) / 1e6).toFixed(0);
};

/** Where a synthetic build stopped: the next bench article to derive and how many are stored. */
export interface SyntheticProgress {
  next: number;
  stored: number;
}

/**
 * Reads how far the synthetic build of the store at `db` got (from its articles' names, `…/synthetic/a123.txt`), so a
 * build that was stopped, or a larger one started from a finished smaller store, goes on from there.
 */
export function syntheticProgress(db: string): SyntheticProgress {
  const store = new Database(db, { readonly: true });
  try {
    let next = 0;
    let stored = 0;
    for (const { locator } of store.prepare('select locator from articles').iterate() as Iterable<{ locator: string }>) {
      const index = /[/\\]synthetic(?:-\d+)?[/\\]a(\d+)\.\w+$/.exec(locator)?.[1];
      if (index === undefined) continue;
      stored++;
      next = Math.max(next, Number(index) + 1);
    }
    return { next, stored };
  } finally {
    store.close();
  }
}
