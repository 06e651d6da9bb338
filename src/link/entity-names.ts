/**
 * The names an article gives its entities, and the rules that say when two names across articles are one entity.
 * Pure: no store access. Every rule looks at two names only (their folded forms and the roles stated beside
 * them), so the entities linking builds from them do not depend on the order articles arrive in.
 */
import type { Doc } from '../core/doc.ts';
import { containedName, foldName } from '../core/names.ts';
import { rememberedUpTo } from './recently-used.ts';

export { foldName };

/** One distinct name in one article: its root mentions and the short forms that refer to them. */
export interface LocalName {
  /** Folded form: case, diacritics and punctuation removed ("Perú" and "Peru" → `peru`). */
  key: string;
  /** The form as written the first time in the article. */
  text: string;
  /** Indices into the doc's `entities` of every mention that is this name or refers to it. */
  mentions: number[];
  /** Role keys stated beside the name ("Cuban ambassador in Peru" → `ambassador`). */
  roles: string[];
  /**
   * Whether the article uses it as a person's full name: person-shaped, written outside the headlines, mostly tagged
   * PER. Only such names take part in the rules that join full names across articles.
   */
  person: boolean;
}

/** Words that make a name an institution, a place or a title rather than a person's name. */
const notPersonWords = new Set(
  `of de del la las los el y e and the for in en da do das dos von van der
  embassy ministry ministerio government gobierno party partido army ejercito court corte tribunal police policia university universidad
  hospital school escuela council consejo committee comision commission congress congreso senate senado assembly asamblea bank banco
  group grupo front frente union alliance alianza movement movimiento national nacional federal republic republica state states estado
  estados united unidos department departamento office oficina agency agencia institute instituto foundation fundacion company
  corporation news press media times post journal radio tv television channel network command comando forces fuerzas guard guardia
  province provincia region city ciudad river rio lake lago mount valley valle island isla street avenue avenida plaza square beach
  airport aeropuerto station north south east west norte sur este oeste new`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Whether a name is shaped like a person's: two to five words, none of them a function word or an institution word,
 * each starting with a letter. Decided from the name alone, so a rule gated by it stays order-independent.
 */
export function personShaped(key: string): boolean {
  const tokens = key.split(' ');
  if (tokens.length < 2 || tokens.length > 5) return false;
  return tokens.every((t) => /^\p{L}/u.test(t) && !notPersonWords.has(t));
}

/**
 * A folded name's words when it is person-shaped, else null. Remembered (up to a bound): splitting an entity matches
 * each of its full names against the others, and a popular person's hundreds of names were shaped anew for every pair.
 */
const personWords = rememberedUpTo(100_000, (key): string[] | null => (personShaped(key) ? key.split(' ') : null));

/** The tokens of a folded name that blocking indexes: every word of two letters or more. */
export function nameTokens(key: string): string[] {
  return [...new Set(key.split(' ').filter((t) => t.length >= 2))];
}

/** Heads of the roles that identify a person across names ("el vicecanciller", "the Cuban ambassador in Lima"). */
const roleHeads = new Set(
  `president presidenta presidente vice-president vicepresident vicepresidente vicepresidenta minister ministra ministro ambassador embajador
  embajadora chancellor canciller vicechancellor vicecanciller admiral almirante general senator senador senadora congresswoman congressman
  congresista spokesperson spokesman spokeswoman portavoz vocero vocera secretary secretario secretaria leader lider chief jefe jefa director
  directora governor gobernador gobernadora mayor alcalde alcaldesa judge juez jueza prosecutor fiscal attorney commander comandante
  ombudsman defensor defensora premier consul colonel coronel captain capitan`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether a folded word is the head of a role ("congresswoman", "ministro"): a title, not part of the name. */
export function isRoleWord(word: string): boolean {
  return roleHeads.has(word);
}

/** The head word of a role, folded: the first known role word, else its last word ("Foreign Minister of Peru" → `minister`). */
export function roleKey(role: string): string | null {
  const tokens = foldName(role).split(' ').filter(Boolean);
  if (tokens.length === 0) return null;
  const compact = tokens.map((t) => t.replace(/-/g, ''));
  // "Vice Chancellor" reads as one head.
  for (let i = 0; i + 1 < compact.length; i++) if (compact[i] === 'vice' && roleHeads.has(`vice${compact[i + 1]}`)) return `vice${compact[i + 1]}`;
  return compact.find((t) => roleHeads.has(t)) ?? compact.at(-1)!;
}

/** Courtesy titles the tagger keeps inside a name ("Mr Etxeberri", "Ms. Anez"): left out of the name's key, as role words are. */
const courtesyTitles = new Set(['mr', 'mrs', 'ms', 'dr', 'sr', 'sra', 'srta', 'don', 'dona', 'senor', 'senora', 'sir', 'lady']);

/**
 * A person's folded name without the titles and role words in front ("congresswoman valeria ugarte davila" →
 * `valeria ugarte davila`, "mr etxeberri" → `etxeberri`): the same person is one name however they are addressed.
 */
export function withoutTitles(key: string): string {
  const words = key.split(' ');
  let at = 0;
  while (at < words.length - 1 && (courtesyTitles.has(words[at]!) || roleHeads.has(words[at]!))) at++;
  return words.slice(at).join(' ');
}

/** Function words a title-case headline keeps in lower case ("Twelve Killed as Security Forces Clear Bridge in …"). */
const headlineSmallWords = new Set('a an and as at but by for from in into of on or the to via vs with de del la las los el y en por para con'.split(' '));

/**
 * Whether a line reads as a headline rather than prose: the article's title, or a short title-case run (an aggregator
 * part's title, a subhead, a byline) where nearly every word of four letters or more starts with a capital.
 */
function headlineLine(line: string, title: string | null): boolean {
  const trimmed = line.trim();
  if (!trimmed) return false;
  if (title && trimmed === title.trim()) return true;
  if (trimmed.length > 160 || /[.!?]["”’]?$/.test(trimmed)) return false;
  const words = trimmed.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  const content = words.filter((w) => w.length >= 4 && !headlineSmallWords.has(w.toLowerCase()));
  if (words.length < 4 || content.length < 3) return false;
  return content.filter((w) => /^\p{Lu}/u.test(w)).length >= content.length * 0.8;
}

/** For each mention of the doc, whether it sits on a headline line (see `headlineLine`). */
export function headlineMentions(doc: Readonly<Doc>): boolean[] {
  const entities = doc.entities ?? [];
  const out = entities.map(() => false);
  let lineStart = 0;
  let i = 0;
  // Mentions are sorted: one sweep over the lines.
  while (i < entities.length && lineStart <= doc.text.length) {
    const newline = doc.text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? doc.text.length : newline;
    if (entities[i]!.start > lineEnd) {
      lineStart = lineEnd + 1;
      continue;
    }
    const headline = headlineLine(doc.text.slice(lineStart, lineEnd), doc.meta.title);
    while (i < entities.length && entities[i]!.start <= lineEnd) out[i++] = headline;
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Whether `inner` (folded words) is a run of consecutive words of `outer`. */
function wordRun(inner: string, outer: string): boolean {
  return ` ${outer} `.includes(` ${inner} `);
}

/**
 * The distinct names of one annotated doc: each root mention with the short forms tied to it inside the article.
 * Headlines are read with care: a title-case run ("Puerto Quilla Daily Claims", "Etxeberri Manhunt") never becomes the
 * name the body's short forms belong to, and a headline mention that holds a name of the body is that name.
 */
export function localNames(doc: Readonly<Doc>): LocalName[] {
  const entities = doc.entities ?? [];
  const headline = headlineMentions(doc);
  const rootOf = (index: number): number => {
    let at = index;
    for (let hops = 0; hops < 8; hops++) {
      const next = entities[at]!.refersTo;
      if (next === undefined || next === at || !entities[next]) return at;
      // A body mention the tagger tied to a headline run stays itself: the run is no one's full name.
      if (headline[next] && !headline[index]) return at;
      at = next;
    }
    return at;
  };
  interface Draft extends LocalName {
    /** Keys of the bare names folded into this one. */
    forms: string[];
    body: number;
    per: number;
  }
  const byKey = new Map<string, Draft>();
  const nameOfMention = new Map<number, Draft>();
  entities.forEach((mention, index) => {
    const root = rootOf(index);
    const folded = foldName(entities[root]!.text);
    const key = entities[root]!.type === 'PER' ? withoutTitles(folded) : folded;
    if (!key) return;
    let name = byKey.get(key);
    if (!name) {
      name = { key, text: entities[root]!.text, mentions: [], roles: [], person: false, forms: [key], body: 0, per: 0 };
      byKey.set(key, name);
    }
    name.mentions.push(index);
    if (!headline[index]) name.body++;
    if (mention.type === 'PER') name.per++;
    nameOfMention.set(index, name);
  });
  const moveInto = (from: Draft, to: Draft) => {
    to.mentions.push(...from.mentions);
    to.mentions.sort((a, b) => a - b);
    to.forms.push(...from.forms);
    to.body += from.body;
    to.per += from.per;
    for (const i of from.mentions) nameOfMention.set(i, to);
    byKey.delete(from.key);
  };
  // A single word the tagger left untied ("Cerrón" in a headline, before the full name appears) goes to the one full name
  // in the article's body that holds it, as the article means it; with two ("Keiko Fujimori", "Alberto Fujimori") it stays.
  const fullNames = [...byKey.values()].filter((n) => personShaped(n.key) && n.body > 0);
  for (const name of [...byKey.values()]) {
    if (name.key.includes(' ')) continue;
    const holders = fullNames.filter((n) => n.key.split(' ').includes(name.key));
    if (holders.length !== 1 || !name.mentions.every((i) => entities[i]!.type === 'PER')) continue;
    moveInto(name, holders[0]!);
  }
  // A headline run that holds a name of the body ("Puerto Quilla Daily Claims" and "Puerto Quilla") is that name, when
  // one name fits best; the run's own words are never a name others join.
  const bodyNames = [...byKey.values()].filter((n) => n.body > 0);
  for (const name of [...byKey.values()]) {
    if (name.body > 0 || !name.key.includes(' ')) continue;
    let best: Draft[] = [];
    let longest = 0;
    for (const other of bodyNames) {
      const length = Math.max(0, ...other.forms.filter((f) => f !== name.key && wordRun(f, name.key)).map((f) => f.length));
      if (length === 0 || length < longest) continue;
      if (length > longest) best = [];
      longest = length;
      best.push(other);
    }
    if (best.length === 1) moveInto(name, best[0]!);
  }
  for (const role of doc.roles ?? []) {
    const name = nameOfMention.get(role.entity);
    const key = roleKey(role.role);
    if (name && key && !name.roles.includes(key)) name.roles.push(key);
  }
  return [...byKey.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, text, mentions, roles, body, per }) => ({
      key,
      text,
      mentions,
      roles: roles.sort(),
      // Used as a person's name in this article: person-shaped, written outside the headlines, mostly tagged PER.
      person: personShaped(key) && body > 0 && per * 2 >= mentions.length,
    }));
}

/** What the pairwise rules know of a stored name. */
export interface NameFacts {
  key: string;
  roles: readonly string[];
}

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      next.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return false;
    row = next;
  }
  return row[b.length]! <= limit;
}

/**
 * Given names one letter apart that are two names, not a slip: the ending that marks another person ("mario" and
 * "maria", "daniel" and "daniela", "juan" and "juana").
 */
function otherGivenName(x: string, y: string): boolean {
  const [a, b] = x.length <= y.length ? [x, y] : [y, x];
  if (a.length === b.length) return a.slice(0, -1) === b.slice(0, -1) && /[aoe]$/.test(a) && /[aoe]$/.test(b);
  return b.length === a.length + 1 && b.startsWith(a) && /[ao]$/.test(b);
}

/**
 * "jeanine anez" and "jenine anez", "mercedes araoz" and "mercedez araoz", "ramiro etxeberri" and "ramiro echeberri":
 * a slip of the pen per long word (one edit, two from eight letters), and at least one word spelt alike.
 */
function spellingVariant(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  // Two words spelt alike out of three or more pin the person down, so the third may slip further ("neybar quispe lumbe"
  // and "nevar quispe lumbe"), keeping its first and last letters (siblings' names differ in them: "mario" and "marta").
  const alike = a.filter((w, i) => undoubled(w) === undoubled(b[i]!)).length;
  let slips = 0;
  for (let i = 0; i < a.length; i++) {
    // a doubled letter is one slip of transliteration, not another name: "marco otto" and "marco oto"
    const x = undoubled(a[i]!);
    const y = undoubled(b[i]!);
    if (x === y) continue;
    const shortest = Math.min(x.length, y.length);
    const pinned = alike >= 2 && x[0] === y[0] && x.at(-1) === y.at(-1);
    if (shortest < 4 || !editDistanceAtMost(x, y, shortest >= 8 || pinned ? 2 : 1)) return false;
    if (i === 0 && otherGivenName(x, y)) return false;
    slips++;
  }
  return slips <= Math.min(2, a.length - 1) && (slips > 0 || a.some((w, i) => w !== b[i]));
}

/**
 * A word with each run of one letter written once ("otto" → "oto", "anna" → "ana"); remembered, as the spelling rule
 * undoubles both names' words for every pair it compares.
 */
const undoubled = rememberedUpTo(100_000, (word) => word.replace(/(\p{L})\1+/gu, '$1'));

/**
 * "ivan tellez" in "marco ivan tellez arrate": a person known by the second of two given names, followed by the
 * first surname. Only for a full name of four words or more (two given names, two surnames).
 */
function secondGivenName(shorter: readonly string[], longer: readonly string[]): boolean {
  if (shorter.length < 2 || longer.length < 4 || shorter.length > longer.length - 2) return false;
  return shorter.every((w, i) => longer[i + 1] === w);
}

/**
 * "lucia marlene ortuno" and "lucia ortuno vidal": the two halves of one four-word name (two given names, then two
 * surnames), each written with the first given name: the given names and first surname of one, the first given name and
 * both surnames of the other.
 */
function givenAndSurnameHalves(givenHalf: readonly string[], surnameHalf: readonly string[]): boolean {
  if (givenHalf.length !== 3 || surnameHalf.length !== 3) return false;
  const [given, secondGiven, surname] = givenHalf as [string, string, string];
  return surnameHalf[0] === given && surnameHalf[1] === surname && new Set([given, secondGiven, surname, surnameHalf[2]]).size === 4;
}

/**
 * How two person-shaped names may be one person. `same`: the same name, a spelling variant, the second given name and
 * first surname of a four-word name, the given-name and surname halves of a four-word name, or the same role with the
 * first name and another word shared by names of different lengths ("Carlos Gallo Zamora", ambassador, and "Carlos Rafael
 * Zamora Rodríguez", Cuban ambassador in Peru). `shortForm`: one name inside the other ("Vladimir Cerrón" in "Vladimir
 * Cerrón Rojas"), which says who the shorter is only when no other person's name holds it too ("José X" fits both
 * "José Daniel X" and "José Rodrigo X"): linking decides it over every holder, not over this pair. Two people who only
 * share a surname never match.
 */
export function personMatch(a: NameFacts, b: NameFacts): 'same' | 'shortForm' | null {
  if (a.key === b.key) return 'same';
  const ta = personWords(a.key);
  const tb = personWords(b.key);
  if (ta === null || tb === null) return null;
  if (containedName(ta, tb) || containedName(tb, ta)) return 'shortForm';
  if (spellingVariant(ta, tb)) return 'same';
  if (secondGivenName(ta, tb) || secondGivenName(tb, ta)) return 'same';
  if (givenAndSurnameHalves(ta, tb) || givenAndSurnameHalves(tb, ta)) return 'same';
  // Names of one length that differ word for word are two people ("José Daniel X" and "José Rodrigo X"), whatever their roles.
  if (ta[0] === tb[0] && ta.length !== tb.length && a.roles.some((r) => b.roles.includes(r))) {
    const shared = ta.filter((t) => tb.includes(t)).length;
    return shared >= 2 ? 'same' : null;
  }
  return null;
}

/** Whether two person-shaped names may be one person, by any rule of `personMatch`. */
export function samePerson(a: NameFacts, b: NameFacts): boolean {
  return personMatch(a, b) !== null;
}

/**
 * Whether two full names of one entity disagree: neither is the other with words left out ("Vladimir Cerrón" is
 * "Vladimir Cerrón Rojas" shortened; "Carlos Gallo Zamora" and "Carlos Rafael Zamora Rodríguez" disagree).
 */
export function namesDisagree(a: string, b: string): boolean {
  const ta = foldName(a).split(' ');
  const tb = foldName(b).split(' ');
  if (ta.join(' ') === tb.join(' ')) return false;
  return !containedName(ta, tb) && !containedName(tb, ta);
}
