/** Name forms shared by linking (which merges names) and the store (which picks the name an entity is shown by). */

/** Case-, diacritics- and punctuation-folded form of a name ("González-Olaechea" → `gonzalez olaechea`, "U.S." → `us`). */
export function foldName(text: string): string {
  return text
    // "U.S." and "US" are one name.
    .replace(/(?<!\p{L})(?:\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ''))
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

/** Orders strings by code point, the same on every machine (`localeCompare` follows the process's locale). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
