/**
 * Who a source span is: the person (or organization) it names, or, for a pronoun or a role noun ("he", "ella",
 * "the minister", "the leader of the party"), the person it refers to.
 *
 * - A name inside the span counts when it is the span's head, not a modifier: "Ochoa, who now advises Interior
 *   Minister Lidia Parra," is Ochoa; "the leader of the Movimiento Tierra Común" is not the movement; "Antuvia’s
 *   ombudsman office" is not Antuvia. An organization speaks only when it heads the span.
 * - A pronoun goes to the narrative's last compatible person: a person named outside quotation marks and outside
 *   every content (what the people of the article say is not the narrative), of the pronoun's gender when the
 *   text tells it (a title, a role, a kinship word, a first name), within the last few paragraphs.
 * - A definite role noun goes to the person the roles stage gave that role ("Cerrón, the leader of Perú Libre," then
 *   "The leader of Perú Libre denied …"); without a complement ("the politician", "the ambassador") to the
 *   narrative's last compatible person whose known roles do not contradict it.
 */
import type { Doc, EntityMention, RoleFact, SourceKind, Span, TextSpan } from '../../core/doc.ts';
import { findRoles } from '../roles/index.ts';
import { EPITHETS, FEMALE_NAMES, FEMALE_WORDS, MALE_NAMES, MALE_WORDS, OUTLET_WORDS, PRONOUNS_EN, PRONOUNS_ES, ROLE_WORDS, UNNAMED_HEADS, fold } from './lexicon.ts';

type Gender = 'm' | 'f' | undefined;

/** What resolution needs of a doc, computed once per doc and lazily. */
export interface SpeakerContext {
  doc: Readonly<Doc>;
  lang: string;
  /** Character ranges that are speech: inside quotation marks, or inside some attribution's content. */
  speech: readonly Span[];
  gender?: Gender[];
  roles?: readonly RoleFact[];
  paragraphStarts?: number[];
  /** The furthest end among the entities up to each one (entities are sorted by start): where a lookup may begin. */
  entityReach?: number[];
  /** The same over `speech`. */
  speechReach?: number[];
  /** The role facts holding each role word (by `roleKey`), in the layer's order, and each root entity's facts. */
  roleIndex?: { byKey: Map<string, number[]>; known: Map<number, RoleFact[]> };
}

/** A resolution context for a doc whose content spans are known. */
export function speakerContext(doc: Readonly<Doc>, lang: string, contents: readonly Span[]): SpeakerContext {
  return { doc, lang, speech: [...quotedRanges(doc.text), ...contents].sort((a, b) => a.start - b.start) };
}

const OPENERS = new Set(['“', '«', '„']);
const CLOSERS = new Set(['”', '»']);

/**
 * Quoted stretches: from an opening mark to its closing mark or the paragraph's end (a quote that runs on into the
 * next paragraph reopens there); a closing mark never opened in its paragraph closes a quote that began with it.
 */
export function quotedRanges(text: string): Span[] {
  const out: Span[] = [];
  let para = 0;
  let open = -1;
  let straight = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === undefined || ch === '\n') {
      if (open >= 0) out.push({ start: open, end: i });
      open = -1;
      straight = false;
      para = i + 1;
      continue;
    }
    if (OPENERS.has(ch) || (ch === '"' && !straight && open < 0)) {
      if (open < 0) open = i;
      straight = ch === '"';
    } else if (CLOSERS.has(ch) || (ch === '"' && straight)) {
      out.push({ start: open >= 0 ? open : para, end: i + 1 });
      open = -1;
      straight = false;
    }
  }
  return out;
}

const inAny = (ranges: readonly Span[], m: Span, from = 0) => {
  for (let i = from; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (r.start >= m.end) break;
    if (m.start < r.end && m.end > r.start) return true;
  }
  return false;
};

/** The furthest end reached up to each span of a list sorted by start. */
function reachOf(spans: readonly Span[]): number[] {
  const reach: number[] = [];
  let furthest = -Infinity;
  for (const s of spans) reach.push((furthest = Math.max(furthest, s.end)));
  return reach;
}

/** The first index whose reach passes `offset`: every span before it ends at or before `offset`. */
function firstReaching(reach: readonly number[], offset: number): number {
  let lo = 0;
  let hi = reach.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reach[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether `m` overlaps speech; a run-on article holds thousands of quoted stretches, so the walk starts where they can. */
function inSpeech(ctx: SpeakerContext, m: Span): boolean {
  ctx.speechReach ??= reachOf(ctx.speech);
  return inAny(ctx.speech, m, firstReaching(ctx.speechReach, m.start));
}

/** The number of items of a list sorted by `key` whose key is below `value` (or at most `value`, with `orEqual`). */
function countBelow<T>(list: readonly T[], key: (item: T) => number, value: number, orEqual = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = key(list[mid]!);
    if (k < value || (orEqual && k === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const rootOf = (entities: readonly EntityMention[], k: number) => entities[k]!.refersTo ?? k;
const wordsOf = (s: string) =>
  s
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter(Boolean)
    .map(fold);

/** A person by type, or an organization-typed mention that holds a known first name and a surname ("State Department Ned Price"). */
function personLike(m: EntityMention): boolean {
  if (m.type === 'PER') return true;
  if (m.type === 'LOC') return false;
  const w = m.text.split(/\s+/u);
  for (let i = 0; i + 1 < w.length; i++) {
    const f = fold(w[i]!);
    if ((FEMALE_NAMES.has(f) || MALE_NAMES.has(f)) && /^\p{Lu}/u.test(w[i + 1]!)) return true;
  }
  return false;
}

/** The gender the text gives each entity's person (by root mention), from titles, roles, kinship words and first names. */
function genders(ctx: SpeakerContext): Gender[] {
  if (ctx.gender) return ctx.gender;
  const { text } = ctx.doc;
  const entities = ctx.doc.entities ?? [];
  const votes = new Map<number, number>();
  const vote = (k: number, g: Gender) => {
    if (!g) return;
    const r = rootOf(entities, k);
    votes.set(r, (votes.get(r) ?? 0) + (g === 'f' ? 1 : -1));
  };
  const ofWord = (w: string): Gender => (FEMALE_WORDS.has(w) ? 'f' : MALE_WORDS.has(w) ? 'm' : undefined);
  entities.forEach((m, k) => {
    if (!personLike(m)) return;
    // the two words before the name: "his sister Milagros", "Congresswoman Ruth Luque", "la ministra Ana Ruiz"
    // the word before the name, over "former"/"retired": "his sister Milagros", "Former Congresswoman Ruth …" (not "the wife of X")
    const before = wordsOf(text.slice(Math.max(0, m.start - 40), m.start));
    let b = before.length - 1;
    while (b > 0 && (SKIPPABLE.has(before[b]!) || before[b] === 'retired')) b--;
    if (b >= 0) vote(k, ofWord(before[b]!));
    const parts = m.text.split(/\s+/u).map(fold);
    for (const w of parts) {
      if (FEMALE_NAMES.has(w)) return vote(k, 'f');
      if (MALE_NAMES.has(w)) return vote(k, 'm');
    }
  });
  for (const r of rolesOf(ctx)) for (const w of wordsOf(r.role)) vote(r.entity, ofWord(w));
  ctx.gender = entities.map((_, k) => {
    const v = votes.get(rootOf(entities, k)) ?? 0;
    return v > 0 ? 'f' : v < 0 ? 'm' : undefined;
  });
  return ctx.gender;
}

function rolesOf(ctx: SpeakerContext): readonly RoleFact[] {
  ctx.roles ??= ctx.doc.roles ?? findRoles(ctx.doc);
  return ctx.roles;
}

/** Where the paragraph `back` paragraphs before the one holding `offset` starts. */
function windowStart(ctx: SpeakerContext, offset: number, back = 3): number {
  if (!ctx.paragraphStarts) {
    const starts = [0];
    const { text } = ctx.doc;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (text[i + 1] !== '\n' && i + 1 < text.length) starts.push(i + 1);
    ctx.paragraphStarts = starts;
  }
  const s = ctx.paragraphStarts;
  // the last paragraph starting at or before `offset` (the first always starts at 0)
  const p = Math.max(0, countBelow(s, (x) => x, offset, true) - 1);
  return s[Math.max(0, p - back)]!;
}

/**
 * The narrative's last mention before `before` that `accept` takes: outside speech first; then, when none is
 * found, a mention inside another attribution's content (never inside `own`, the words the source speaks).
 */
function lastMention(ctx: SpeakerContext, before: number, own: readonly TextSpan[], accept: (m: EntityMention, k: number) => boolean, prefer?: (k: number) => boolean): number | undefined {
  const entities = ctx.doc.entities ?? [];
  const floor = windowStart(ctx, before);
  let fallback: number | undefined;
  let first: number | undefined;
  // a mention starting after `before` ends after it: the walk back begins at the last one starting at or before it
  for (let k = countBelow(entities, (m) => m.start, before, true) - 1; k >= 0; k--) {
    const m = entities[k]!;
    if (m.end > before) continue;
    if (m.start < floor) break;
    if (!accept(m, k) || inAny(own, m)) continue;
    if (inSpeech(ctx, m)) {
      fallback ??= k;
      continue;
    }
    // a person the text says is of the pronoun's gender outranks a later one it says nothing about, in the same paragraph
    if (!prefer || prefer(k)) return k;
    if (first === undefined) first = k;
    else if (windowStart(ctx, m.start, 0) !== windowStart(ctx, entities[first]!.start, 0)) return first;
  }
  return first ?? fallback;
}

const REFLEXIVES = new Set(['himself', 'herself', 'themselves', 'itself', 'mismo', 'misma']);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'el', 'la', 'los', 'las', 'un', 'una', 'este', 'esta', 'his', 'her', 'their', 'its', 'su', 'sus']);
const INDEFINITE = new Set(['a', 'an', 'un', 'una', 'one', 'another', 'otro', 'otra', 'some', 'algunos', 'several', 'varios']);
/** Words that put a name inside a modifier of the span's head: "leader of X", "adviser to X", "Peru’s office". */
// not "in" ("Ambassador in Lima Michael McKinley"), nor "by" and "from", which name an author ("cables from McKinley")
const LINKS = new Set(['of', 'de', 'del', 'to', 'a', 'al', 'with', 'con', 'for', 'para', 'throughout', 'among', 'against', 'about', 'sobre', 'contra', 'entre']);
const SKIPPABLE = new Set([...DETERMINERS, 'former', 'then', 'current', 'acting', 'interim', 'new', 'ex', 'actual', 'nuevo', 'nueva']);

/** Whether mention `m` modifies something else in the source span rather than heading it. */
function isModifier(text: string, source: Span, m: EntityMention): boolean {
  // "Peru’s human rights office": a possessor is no speaker, unless the span ends with it ("Cerrón’s")
  const after = text.slice(m.end, source.end);
  if (/^\s*['’]s?\b/u.test(after) && /\p{L}/u.test(after.replace(/^\s*['’]s?/u, ''))) return true;
  // back over titles and role words to what governs the name; an apposition's comma ends the walk
  const words = text.slice(source.start, m.start).split(/\s+/u).filter(Boolean);
  for (let i = words.length - 1; i >= 0; i--) {
    if (/[,;:]$/u.test(words[i]!)) return false;
    const w = fold(words[i]!.replace(/^[“"(«]+|[”")»]+$/gu, ''));
    // "Secretary of State Brian Nichols", "Minister of Defense …": the link belongs to a capitalized title
    if (LINKS.has(w)) {
      const title = words[i - 1];
      if (title && /^\p{Lu}/u.test(title) && ROLE_WORDS.has(fold(title))) continue;
      return true;
    }
    if (ROLE_WORDS.has(w) || SKIPPABLE.has(w) || /^\p{Lu}/u.test(words[i]!)) continue;
    return false;
  }
  return false;
}

/** The head word of a source span without a name at its head: "The leader of Perú Libre" → "leader"; and its complement words. */
function headOf(raw: string): { head: string; definite: boolean; complement: string[] } {
  const words = raw.split(/\s+/u).filter(Boolean);
  let i = 0;
  let definite = false;
  while (i < words.length && (SKIPPABLE.has(fold(words[i]!)) || INDEFINITE.has(fold(words[i]!)))) {
    const w = fold(words[i]!);
    if (INDEFINITE.has(w)) return { head: '', definite: false, complement: [] };
    if (DETERMINERS.has(w)) definite = true;
    i++;
  }
  let head = '';
  let j = i;
  for (; j < words.length; j++) {
    const bare = words[j]!.replace(/[,;:)]+$/u, '');
    const w = fold(bare);
    if (LINKS.has(w) || /^(who|which|que|quien)$/u.test(w)) break;
    if (!REFLEXIVES.has(w)) head = w.replace(/['’]s$/u, '');
    if (bare !== words[j]) {
      j++;
      break;
    }
  }
  const complement = LINKS.has(fold(words[j] ?? '')) ? wordsOf(words.slice(j + 1).join(' ')).filter((w) => !DETERMINERS.has(w) && !LINKS.has(w)) : [];
  return { head, definite, complement };
}

/** "minister", "ministro", "ministra" share a role; so do "president", "presidente", "presidenta". */
const sameRole = (a: string, b: string) => a === b || (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6));
/** Equal for two words exactly when `sameRole` holds of them. */
const roleKey = (w: string) => (w.length >= 6 ? `6:${w.slice(0, 6)}` : `=${w}`);

/** The role facts by role word and by person, built once per doc (a run-on article may state one role thousands of times). */
function roleIndex(ctx: SpeakerContext): NonNullable<SpeakerContext['roleIndex']> {
  if (ctx.roleIndex) return ctx.roleIndex;
  const entities = ctx.doc.entities ?? [];
  const byKey = new Map<string, number[]>();
  const known = new Map<number, RoleFact[]>();
  rolesOf(ctx).forEach((r, i) => {
    for (const key of new Set(wordsOf(r.role).map(roleKey))) {
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
    const k = rootOf(entities, r.entity);
    const facts = known.get(k);
    if (facts) facts.push(r);
    else known.set(k, [r]);
  });
  ctx.roleIndex = { byKey, known };
  return ctx.roleIndex;
}

/** The person a definite role noun refers to, or undefined. */
function resolveRole(ctx: SpeakerContext, source: TextSpan, own: readonly TextSpan[], head: string, complement: string[]): number | undefined {
  const entities = ctx.doc.entities ?? [];
  const roles = rolesOf(ctx);
  const { byKey, known } = roleIndex(ctx);
  // the last holder of the role stated before the source (or in the same sentence, just after it): among the facts
  // that name the role, in the layer's order, the last one before the source that fits
  const holders = byKey.get(roleKey(head)) ?? [];
  for (let h = holders.length - 1; h >= 0; h--) {
    const r = roles[holders[h]!]!;
    if (r.start < source.start && complement.every((c) => wordsOf(r.text).includes(c)) && entities[r.entity] && personLike(entities[r.entity]!)) return rootOf(entities, r.entity);
  }
  if (complement.length > 0) return undefined;
  const want: Gender = FEMALE_WORDS.has(head) ? 'f' : MALE_WORDS.has(head) ? 'm' : undefined;
  const gender = genders(ctx);
  const k = lastMention(ctx, source.start, own, (m, index) => {
    if (!personLike(m)) return false;
    if (want && gender[index] && gender[index] !== want) return false;
    // a person known by other offices only is not "the minister"; an epithet ("the politician") fits anyone
    const facts = known.get(rootOf(entities, index));
    return EPITHETS.has(head) || !facts || facts.some((r) => wordsOf(r.role).some((w) => sameRole(w, head)));
  });
  return k === undefined ? undefined : rootOf(entities, k);
}

// singular only: "they", "ellos" may be a group, which the narrative's last person is not
const FEMALE_PRONOUNS = new Set(['she', 'her', 'ella']);
const MALE_PRONOUNS = new Set(['he', 'him', 'el']);

/**
 * Kind and entity of a source span. `content` is what the source is said to say: a pronoun never resolves to a
 * person named there ("“… voters in Tumbá …,” she said": she is not Tumbá).
 */
export function resolveSource(ctx: SpeakerContext, source: TextSpan, content: readonly TextSpan[] = []): { kind: SourceKind; entity?: number } {
  const { doc } = ctx;
  const entities = doc.entities ?? [];
  const raw = source.text.trim();
  const lower = raw.toLowerCase();
  const folded = fold(raw);
  // Spanish "el" is the article; only "él" is the pronoun
  if ((PRONOUNS_EN.has(folded) || PRONOUNS_ES.has(folded)) && lower !== 'el') {
    if (FEMALE_PRONOUNS.has(folded) || MALE_PRONOUNS.has(folded)) {
      const want: Gender = FEMALE_PRONOUNS.has(folded) ? 'f' : 'm';
      const gender = genders(ctx);
      const k = lastMention(
        ctx,
        source.start,
        content,
        (m, index) => personLike(m) && (gender[index] === undefined || gender[index] === want),
        (index) => gender[index] === want,
      );
      return k === undefined ? { kind: 'pronoun' } : { kind: 'pronoun', entity: rootOf(entities, k) };
    }
    if (folded === 'it') {
      const k = lastMention(ctx, source.start, content, (m) => m.type === 'ORG');
      return k === undefined ? { kind: 'pronoun' } : { kind: 'pronoun', entity: rootOf(entities, k) };
    }
    return { kind: 'pronoun' };
  }
  // the mentions inside the span that head it: a person first, then an organization, then a place the span is
  const inside: number[] = [];
  ctx.entityReach ??= reachOf(entities);
  for (let k = firstReaching(ctx.entityReach, source.start); k < entities.length; k++) {
    const m = entities[k]!;
    if (m.start >= source.end) break;
    if (m.end > source.start && !isModifier(doc.text, source, m)) inside.push(k);
  }
  const bare = raw.replace(/^(the|el|la|los|las)\s+/iu, '').replace(/[,.]+$/u, '');
  const person = inside.find((k) => personLike(entities[k]!));
  const org = inside.find((k) => entities[k]!.type === 'ORG');
  const whole = inside.find((k) => entities[k]!.text === bare);
  const head = person ?? org ?? whole;
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // "el", "la" are outlet words only inside a name ("El País"), never as the article of "El líder de …"
  const outletish =
    fold(bare)
      .split(/[^\p{L}\p{N}]+/u)
      .some((w) => OUTLET_WORDS.has(w) && w !== 'el' && w !== 'la') && /\p{Lu}|\d/u.test(bare);
  if (head !== undefined) {
    const m = entities[head]!;
    if (OUTLET_WORDS.has(fold(m.text)) || (m.type !== 'PER' && outletish)) return { kind: 'outlet', entity: rootOf(entities, head) };
    return { kind: 'named', entity: rootOf(entities, head) };
  }
  const role = headOf(raw);
  if (role.definite && (ROLE_WORDS.has(role.head) || EPITHETS.has(role.head))) {
    const k = resolveRole(ctx, source, content, role.head, role.complement);
    if (k !== undefined) return { kind: 'named', entity: k };
  }
  if (outletish) return { kind: 'outlet' };
  const last = words[words.length - 1] ?? '';
  if (UNNAMED_HEADS.has(last) || words.some((w) => UNNAMED_HEADS.has(w))) return { kind: 'unnamed' };
  return /^\p{Lu}/u.test(raw) && !/^(the|a|an|some|many|el|la|los|las|un|una|unos|unas)\b/iu.test(raw) ? { kind: 'named' } : { kind: 'unnamed' };
}
