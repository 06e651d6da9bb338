/**
 * The names an article gives its entities, and the rules that say when two names across articles are one entity.
 * Pure: no store access. Every rule looks at two names only (their folded forms and the roles stated beside
 * them), so the entities linking builds from them do not depend on the order articles arrive in.
 */
import type { Doc } from '../core/doc.ts';
import { containedName, foldName } from '../core/names.ts';

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

/** The distinct names of one annotated doc: each root mention with the short forms tied to it inside the article. */
export function localNames(doc: Readonly<Doc>): LocalName[] {
  const entities = doc.entities ?? [];
  const rootOf = (index: number): number => {
    let at = index;
    for (let hops = 0; hops < 8; hops++) {
      const next = entities[at]!.refersTo;
      if (next === undefined || next === at || !entities[next]) return at;
      at = next;
    }
    return at;
  };
  const byKey = new Map<string, LocalName>();
  const nameOfMention = new Map<number, LocalName>();
  entities.forEach((_, index) => {
    const root = rootOf(index);
    const key = foldName(entities[root]!.text);
    if (!key) return;
    let name = byKey.get(key);
    if (!name) {
      name = { key, text: entities[root]!.text, mentions: [], roles: [] };
      byKey.set(key, name);
    }
    name.mentions.push(index);
    nameOfMention.set(index, name);
  });
  // A single word the tagger left untied ("Cerrón" in a headline, before the full name appears) goes to the one full name
  // in the article that holds it, as the article means it; with two ("Keiko Fujimori", "Alberto Fujimori") it stays.
  const fullNames = [...byKey.values()].filter((n) => personShaped(n.key));
  for (const name of [...byKey.values()]) {
    if (name.key.includes(' ')) continue;
    const holders = fullNames.filter((n) => n.key.split(' ').includes(name.key));
    if (holders.length !== 1 || !name.mentions.every((i) => entities[i]!.type === 'PER')) continue;
    const holder = holders[0]!;
    holder.mentions.push(...name.mentions);
    holder.mentions.sort((a, b) => a - b);
    for (const i of name.mentions) nameOfMention.set(i, holder);
    byKey.delete(name.key);
  }
  for (const role of doc.roles ?? []) {
    const name = nameOfMention.get(role.entity);
    const key = roleKey(role.role);
    if (name && key && !name.roles.includes(key)) name.roles.push(key);
  }
  for (const name of byKey.values()) name.roles.sort();
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
 * "jeanine anez" and "jenine anez", "mercedes araoz" and "mercedez araoz", "ramiro etxeberri" and "ramiro echeberri":
 * a slip of the pen per long word (one edit, two from eight letters), and at least one word spelt alike.
 */
function spellingVariant(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  let slips = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const shortest = Math.min(x.length, y.length);
    if (shortest < 4 || !editDistanceAtMost(x, y, shortest >= 8 ? 2 : 1)) return false;
    slips++;
  }
  return slips > 0 && slips <= Math.min(2, a.length - 1);
}

/**
 * Whether two person-shaped names are one person: one name inside the other ("Vladimir Cerrón" in "Vladimir Cerrón Rojas"),
 * a spelling variant, or the same role with the first name and another word shared ("Carlos Gallo Zamora", ambassador, and
 * "Carlos Rafael Zamora Rodríguez", Cuban ambassador in Peru). Two people who only share a surname never match.
 */
export function samePerson(a: NameFacts, b: NameFacts): boolean {
  if (a.key === b.key) return true;
  if (!personShaped(a.key) || !personShaped(b.key)) return false;
  const ta = a.key.split(' ');
  const tb = b.key.split(' ');
  if (containedName(ta, tb) || containedName(tb, ta) || spellingVariant(ta, tb)) return true;
  if (ta[0] === tb[0] && a.roles.some((r) => b.roles.includes(r))) {
    const shared = ta.filter((t) => tb.includes(t)).length;
    return shared >= 2;
  }
  return false;
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
