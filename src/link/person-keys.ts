/**
 * One person under one key across a pile, for views that key entities by their folded full name: "Aurelio Cárcamo"
 * in one article and "Aurelio Cárcamo Ibarra" in another are one person; so is a lone "Etxeberri" in an article that
 * never gives the full name, when only one person in the pile is called that (or one is mentioned five times more than
 * all the others together); so are the two surnames alone ("Mamani Quispe" for "Florencio Mamani Quispe") when they
 * end one person's name only. Courtesy titles and role words in front ("Mr Etxeberri", "Congresswoman Valeria Ugarte
 * Dávila") are left out of the comparison. The rules are linking's (`samePerson`:
 * one name inside the other; `namesDisagree` keeps a group consistent), applied to the names
 * alone, and a name that could join two different people joins neither. Pure.
 */
import { isRoleWord, namesDisagree, personShaped, samePerson } from './entity-names.ts';

/** A person's name key as the caller writes it (words joined by `-`), with how often it is mentioned. */
export interface PersonKey {
  key: string;
  mentions: number;
}

interface Group {
  members: string[];
  /** Member names as words joined by spaces (the form the name rules take). */
  names: string[];
  mentions: Map<string, number>;
}

/** Shortest word a lone surname may be to join a full name ("Paz" is too common a word to trust). */
const minSurnameLength = 4;
/** A lone surname that fits several people joins the one mentioned this many times more than all the others together. */
const dominance = 5;
/** Courtesy titles the NER keeps inside a name ("Mr Etxeberri"): the name is matched without them, as without role words. */
const titles = new Set(['mr', 'mrs', 'ms', 'dr', 'sr', 'sra', 'srta', 'don', 'dona', 'senor', 'senora']);
const isTitle = (word: string) => titles.has(word) || isRoleWord(word);

/**
 * Each key that belongs with others → the key the group is shown under (its most mentioned member of two words or
 * more; ties: the longer, then the first in code-point order). Keys alone in their group are not in the map.
 */
export function mergePersonKeys(keys: readonly PersonKey[]): Map<string, string> {
  const ordered = [...keys].sort((a, b) => words(b.key).length - words(a.key).length || b.mentions - a.mentions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const groups: Group[] = [];
  // blocking, so a pile with tens of thousands of names stays fast: a name inside another shares its first word and
  // its second; one that ends another shares its last two words; a lone surname is any word of a full name. Spelling
  // variants ("Jeanine Áñez", "Jenine Áñez") are not looked for: they stay apart, as the name conflicts they are.
  const byPair = new Map<string, Group[]>();
  const byWord = new Map<string, Group[]>();
  const index = (map: Map<string, Group[]>, word: string, group: Group) => {
    const list = map.get(word);
    if (!list) map.set(word, [group]);
    else if (list.at(-1) !== group) list.push(group);
  };
  const join = (group: Group, key: string, mentions: number) => {
    const w = words(key);
    while (w.length > 1 && isTitle(w[0]!)) w.shift();
    group.members.push(key);
    group.names.push(w.join(' '));
    group.mentions.set(key, mentions);
    if (w.length < 2) return;
    for (const word of w) index(byWord, word, group);
    for (const word of w.slice(1)) index(byPair, `in ${w[0]} ${word}`, group);
    index(byPair, `end ${w.slice(-2).join(' ')}`, group);
  };
  for (const { key, mentions } of ordered) {
    const w = words(key);
    while (w.length > 1 && isTitle(w[0]!)) w.shift();
    const name = w.join(' ');
    let fits: Group[];
    if (w.length === 1) {
      fits = w[0]!.length >= minSurnameLength ? [...new Set(byWord.get(w[0]!) ?? [])] : [];
      if (fits.length > 1) {
        const total = (g: Group) => [...g.mentions.values()].reduce((a, b) => a + b, 0);
        const sorted = [...fits].sort((a, b) => total(b) - total(a));
        const rest = sorted.slice(1).reduce((sum, g) => sum + total(g), 0);
        if (total(sorted[0]!) >= dominance * rest) fits = [sorted[0]!];
      }
    } else if (personShaped(name)) {
      const lookups = [`in ${w[0]} ${w[1]}`, `end ${w.slice(-2).join(' ')}`];
      const candidates = new Set(lookups.flatMap((k) => byPair.get(k) ?? []));
      const matches = (m: string) => personShaped(m) && (samePerson({ key: name, roles: [] }, { key: m, roles: [] }) || (m.length > name.length && m.endsWith(` ${name}`)));
      // it must match someone in the group and not contradict the group's fullest name (its first: longest first)
      fits = [...candidates].filter((g) => g.names.some(matches) && (matches(g.names[0]!) || !namesDisagree(name, g.names[0]!)));
    } else fits = [];
    if (fits.length === 1) join(fits[0]!, key, mentions);
    else {
      const group: Group = { members: [], names: [], mentions: new Map() };
      groups.push(group);
      join(group, key, mentions);
    }
  }
  const out = new Map<string, string>();
  for (const group of groups) {
    if (group.members.length < 2) continue;
    // shown under a full name when it has one: a lone surname is the most frequent form of many a person
    const full = group.members.filter((m) => words(m).length > 1);
    const shown = [...(full.length > 0 ? full : group.members)].sort((a, b) => group.mentions.get(b)! - group.mentions.get(a)! || words(b).length - words(a).length || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    for (const member of group.members) if (member !== shown) out.set(member, shown);
  }
  return out;
}

function words(key: string): string[] {
  return key.split('-').filter(Boolean);
}
