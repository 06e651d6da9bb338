/**
 * roles: offices and titles stated beside a name, as `RoleFact`s.
 *
 * Two patterns, English and Spanish:
 * - before the name: "Foreign Minister of Peru, Javier González-Olaechea", "Retired Admiral Jorge Montoya",
 *   "el vicecanciller Félix Denegri", "the Cuban ambassador in Peru, Carlos Rafael Zamora Rodríguez";
 * - after it, as an apposition: "Dina Boluarte, the current president," / "Denegri, vicecanciller del Perú,".
 */
import type { Doc, RoleFact } from '../../core/doc.ts';
import type { Stage } from '../../core/pipeline.ts';
import { ROLE_WORDS, fold } from '../quotes/lexicon.ts';

const LINKS = new Set(['of', 'in', 'for', 'to', 'de', 'del', 'en', 'para', 'la', 'el', 'los', 'las', 'and', 'y', '-', 'the']);
const DETERMINERS = new Set(['the', 'a', 'an', 'el', 'la', 'los', 'las', 'un', 'una', 'its', 'his', 'her', 'their', 'su', 'sus']);
const MAX = 8;
const ADJECTIVES = new Set(['current', 'former', 'acting', 'interim', 'new', 'then', 'actual', 'nuevo', 'nueva', 'entonces', 'ex']);

/** Role facts for the PER mentions of a doc with tokens and entities. */
export function findRoles(doc: Readonly<Doc>): RoleFact[] {
  const tokens = doc.tokens ?? [];
  const entities = doc.entities ?? [];
  const folded = (i: number) => fold(tokens[i]!.text);
  const breakAfter = (i: number) => !/\p{L}/u.test(tokens[i]!.text) || /\n/.test(doc.text.slice(tokens[i]!.end, tokens[i + 1]?.start ?? tokens[i]!.end));
  const entityAt = new Map<number, number>();
  entities.forEach((m, k) => {
    for (let t = m.tokenStart; t < m.tokenEnd; t++) entityAt.set(t, k);
  });
  const facts: RoleFact[] = [];
  // an apposition ends at the next person; an organization or place inside it is part of the role ("the leader of Perú Libre")
  const personStarts = new Set(entities.filter((m) => m.type === 'PER').map((m) => m.tokenStart));
  entities.forEach((m, index) => {
    if (m.type !== 'PER') return;
    // before the name, over an optional comma
    let end = m.tokenStart;
    if (end > 0 && tokens[end - 1]!.text === ',') end--;
    let start = end;
    let sawRole = false;
    while (start > 0 && end - start < MAX && !breakAfter(start - 1)) {
      const w = folded(start - 1);
      const capital = /^\p{Lu}/u.test(tokens[start - 1]!.text);
      if (!(ROLE_WORDS.has(w) || LINKS.has(w) || ADJECTIVES.has(w) || capital)) break;
      const other = entityAt.get(start - 1);
      if (other !== undefined && entities[other]!.type === 'PER') break;
      if (ROLE_WORDS.has(w)) sawRole = true;
      start--;
      if (DETERMINERS.has(w)) break;
    }
    // trim leading links and lowercase words that are no part of the role ("told", "and")
    while (start < end && !ROLE_WORDS.has(folded(start)) && !DETERMINERS.has(folded(start)) && !/^\p{Lu}/u.test(tokens[start]!.text)) start++;
    while (start < end && DETERMINERS.has(folded(start)) && start + 1 < end && !ROLE_WORDS.has(folded(start + 1)) && !/^\p{Lu}/u.test(tokens[start + 1]!.text)) start++;
    if (sawRole && start < end && hasRole(folded, start, end)) {
      facts.push(fact(doc, tokens[start]!.start, tokens[end - 1]!.end, index));
      return;
    }
    // after the name: ", the current president," / ", vicecanciller del Perú,"
    let a = m.tokenEnd;
    if (tokens[a]?.text !== ',') return;
    a++;
    let b = a;
    while (b < tokens.length && b - a < MAX && /\p{L}/u.test(tokens[b]!.text) && !personStarts.has(b)) b++;
    if (b > a && (tokens[b]?.text === ',' || tokens[b]?.text === '.') && hasRole(folded, a, b) && (DETERMINERS.has(folded(a)) || ROLE_WORDS.has(folded(a)))) {
      facts.push(fact(doc, tokens[a]!.start, tokens[b - 1]!.end, index));
    }
  });
  return facts.sort((x, y) => x.start - y.start || x.end - y.end);
}

function hasRole(folded: (i: number) => string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (ROLE_WORDS.has(folded(i))) return true;
  return false;
}

function fact(doc: Readonly<Doc>, start: number, end: number, entity: number): RoleFact {
  const text = doc.text.slice(start, end);
  const role = text.replace(/^(the|a|an|el|la|los|las|un|una)\s+/iu, '').replace(/\s+/g, ' ');
  return { start, end, text, entity, role };
}

/** The roles stage: titles and offices stated beside person names. */
export const rolesStage: Stage<'roles'> = {
  name: 'roles',
  requires: ['tokens', 'entities'],
  assigns: ['roles'],
  run(doc) {
    return { roles: findRoles(doc) };
  },
};
