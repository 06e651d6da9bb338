/**
 * Place names for the typing prior: countries (English and Spanish) and cities from models/places.tsv.gz
 * (scripts/build-places.ts), subdivisions from models/regions.tsv.gz (scripts/build-regions.ts). Only names are
 * kept, folded for case and accents, in one Map, so the prior costs one lookup per mention. The files are read by
 * src/core/gazetteer.ts, the same reader the place hierarchy of figure groups (src/link/places.ts) uses.
 */
import { type Gazetteer, loadGazetteer } from '../../core/gazetteer.ts';

/** How wide a known place name is; a name that is several, keeps the widest. */
export type PlaceKind = 'country' | 'region' | 'city';

const RANK: Record<PlaceKind, number> = { country: 3, region: 2, city: 1 };

/** Case-, accent- and punctuation-folded form of a name ("Potosí" = "POTOSI", "Valle-del-Cauca" = "valle del cauca"). */
export function foldPlace(text: string): string {
  // the common case, one plain ASCII word, needs neither normalization nor the Unicode classes
  if (/^[A-Za-z0-9]+$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Folded place name → its widest kind, and whether it is also a city (clubs are named after cities, not regions). */
export class PlaceNames {
  constructor(
    private readonly kinds: ReadonlyMap<string, PlaceKind>,
    private readonly cities: ReadonlySet<string>,
  ) {}

  /** The kind of a folded name, or undefined when no place has that name. */
  kindOf(folded: string): PlaceKind | undefined {
    return this.kinds.get(folded);
  }

  /** Whether a city carries this folded name. */
  isCity(folded: string): boolean {
    return this.cities.has(folded);
  }

  /** How many names are known. */
  get size(): number {
    return this.kinds.size;
  }
}

/** Indexes the gazetteer's names (countries, cities and, when read, regions) into a PlaceNames. */
export function placeNamesOf(gazetteer: Gazetteer): PlaceNames {
  const kinds = new Map<string, PlaceKind>();
  const cities = new Set<string>();
  const add = (name: string, kind: PlaceKind) => {
    const key = foldPlace(name);
    // one-letter keys ("Ü") would turn initials into places
    if (key.length < 2) return;
    const had = kinds.get(key);
    if (!had || RANK[had] < RANK[kind]) kinds.set(key, kind);
  };
  for (const country of gazetteer.countries) {
    // "Bolivia (Plurinational State of)" and "Korea, Republic of" are written "Bolivia" and "Korea" in news
    for (const name of country.names) for (const form of [name, name.replace(/\s*\(.*\)$/, '').replace(/,.*$/, '')]) add(form, 'country');
  }
  for (const city of gazetteer.cities) {
    add(city.name, 'city');
    cities.add(foldPlace(city.name));
  }
  for (const region of gazetteer.regions) {
    const name = region.name.replace(/\s*\(.*\)$/, '').replace(/\s*\[.*\]$/, '');
    add(name, 'region');
    // ISO writes "El Beni"; news writes "Beni" as often. "La Paz" keeps its article: "Paz" is a surname.
    const bare = /^El\s+(\p{L}{4,}.*)$/u.exec(name)?.[1];
    if (bare) add(bare, 'region');
  }
  return new PlaceNames(kinds, cities);
}

let cached: PlaceNames | undefined;

/** Loads (once per process) the shipped place names; an empty set when models/places.tsv.gz is absent. */
export function loadPlaceNames(): PlaceNames {
  if (cached) return cached;
  const gazetteer = loadGazetteer();
  cached = gazetteer ? placeNamesOf(gazetteer) : new PlaceNames(new Map(), new Set());
  return cached;
}
