/**
 * How outlets spell their own names, for bylines that shout them in capitals ("COUNTERPUNCH")
 * or lower-case them ("naked capitalism" is how that outlet writes itself, so it stays).
 */
const ownSpellings = [
  '14ymedio',
  'ABC',
  'AFP',
  'Al Jazeera',
  'AP',
  'BBC',
  'CNN',
  'Clarín',
  'CounterPunch',
  'EFE',
  'El Comercio',
  'El País',
  'Globetrotter',
  'IPS',
  'Infobae',
  'Kawsachun News',
  'La República',
  'NPR',
  'naked capitalism',
  'Peru21',
  'Prensa Latina',
  'RPP',
  'RT',
  'Reuters',
  'Samizdat',
  'Sputnik',
  'teleSUR',
  'The Guardian',
  'The New York Times',
  'The Washington Post',
];

const bySquashedName = new Map(ownSpellings.map((name) => [squash(name), name]));

function squash(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The outlet's own spelling when known, else the name with shouted capitals tamed. */
export function canonicalOutlet(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return bySquashedName.get(squash(trimmed)) ?? (isShouted(trimmed) ? titleCase(trimmed) : trimmed);
}

/** True for text written all in capitals ("W. T. WHITNEY"), where casing carries no information. */
export function isShouted(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

const lowerWords = new Set(['of', 'the', 'and', 'de', 'del', 'la', 'las', 'los', 'y', 'in', 'on', 'for', 'el', 'da', 'do', 'dos', 'van', 'von']);

/** "W. T. WHITNEY" → "W. T. Whitney"; small joining words stay lower-case except first. */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((word, index) => (index > 0 && lowerWords.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}
