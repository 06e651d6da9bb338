/** Name forms shared by linking (which merges names) and the store (which picks the name an entity is shown by). */

/** Case-, diacritics- and punctuation-folded form of a name ("González-Olaechea" → `gonzalez olaechea`, "U.S." → `us`). */
export function foldName(text: string): string {
  return (
    text
      // "U.S." and "US" are one name.
      .replace(/(?<!\p{L})(?:\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ''))
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’]s\b/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * The key an entity is shown and linked by, in URLs and API answers: its folded name with words joined by `-`
 * ("Ramiro Etxeberri" → `ramiro-etxeberri`, "U.S." → `us`). The server and the web UI both use this one.
 */
export function entityKey(name: string): string {
  return foldName(name).replace(/ /g, '-');
}

/** "vladimir cerron" inside "vladimir cerron rojas": same first word, every word of the shorter in the longer, in order. */
export function containedName(shorter: readonly string[], longer: readonly string[]): boolean {
  if (shorter.length < 2 || shorter.length >= longer.length || shorter[0] !== longer[0]) return false;
  let at = 1;
  for (let i = 1; i < shorter.length; i++) {
    while (at < longer.length && longer[at] !== shorter[i]) at++;
    if (at === longer.length) return false;
    at++;
  }
  return true;
}

/**
 * The short forms a full name holds, by their keys: its first word followed by any shorter run of its other words, in
 * order ("jose daniel chaluisa" → `jose chaluisa`, `jose daniel`), the names `containedName` finds inside it.
 */
export function shortForms(key: string): string[] {
  const [first, ...rest] = key.split(' ');
  const out: string[] = [];
  if (!first || rest.length < 2) return out;
  // every non-empty, not-all subset of the other words, in order: at most 14 for a five-word name
  for (let mask = 1; mask < (1 << rest.length) - 1; mask++) out.push([first, ...rest.filter((_, i) => mask & (1 << i))].join(' '));
  return out;
}

/** The blocking key of a full name of three words or more by its last two ("florencio mamani quispe" → `~mamani quispe`). */
export function tailKey(key: string): string | null {
  const words = key.split(' ');
  return words.length >= 3 ? `~${words.slice(-2).join(' ')}` : null;
}

/**
 * The blocking keys under which a full name holds its short forms: `^` a name inside it, `~` its tail. The one person
 * whose names hold a short form is who the short form means (link/link-entities.ts).
 */
export function heldNameKeys(key: string): string[] {
  const tail = tailKey(key);
  return [...shortForms(key).map((s) => `^${s}`), ...(tail ? [tail] : [])];
}

/** Orders strings by code point, the same on every machine (`localeCompare` follows the process's locale). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Blocking keys of a multi-word folded name, for finding the stored names it may be one person with: every pair of its
 * words, and every word with the first two or the last three letters of another. Each rule that merges two full names
 * needs two words in common, or one word in common and another with a slip of the pen ("jenine anez" and "jeanine anez"
 * share `anez|>ine`; "ramiro echeberri" and "ramiro etxeberri" share `ramiro|>rri`). A single common word ("carlos")
 * would make the candidates of a name grow with the pile; a pair of them stays a handful.
 */
export function namePairKeys(key: string): string[] {
  const words = [...new Set(key.split(' ').filter(Boolean))];
  const keys = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let j = 0; j < words.length; j++) {
      if (i === j) continue;
      const [a, b] = [words[i]!, words[j]!];
      if (i < j) keys.add(a < b ? `${a}|${b}` : `${b}|${a}`);
      keys.add(`${a}|<${b.slice(0, 2)}`);
      keys.add(`${a}|>${b.slice(-3)}`);
    }
  }
  return [...keys].sort();
}
