/**
 * Place names for the typing prior: countries (English and Spanish) and cities from models/places.tsv.gz
 * (scripts/build-places.ts), subdivisions from models/regions.tsv.gz (scripts/build-regions.ts). Only names are
 * kept, folded for case and accents, in one Map, so the prior costs one lookup per mention.
 * annotate/ may not import link/, so this reads the same file as src/link/places.ts with its own small reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { modelsUrl } from '../../core/package-paths.ts';

/** How wide a known place name is; a name that is several, keeps the widest. */
export type PlaceKind = 'country' | 'region' | 'city';

const RANK: Record<PlaceKind, number> = { country: 3, region: 2, city: 1 };

/** Case-, accent- and punctuation-folded form of a name ("Potosí" = "POTOSI", "Valle-del-Cauca" = "valle del cauca"). */
export function foldPlace(text: string): string {
  // the common case, one plain ASCII word, needs neither normalization nor the Unicode classes
  if (/^[A-Za-z0-9]+$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
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

/** Reads models/places.tsv.gz (and models/regions.tsv.gz when given) into a PlaceNames. */
export function readPlaceNames(places: Uint8Array, regions: Uint8Array | null = null): PlaceNames {
  const kinds = new Map<string, PlaceKind>();
  const cities = new Set<string>();
  const add = (name: string, kind: PlaceKind) => {
    const key = foldPlace(name);
    // one-letter keys ("Ü") would turn initials into places
    if (key.length < 2) return;
    const had = kinds.get(key);
    if (!had || RANK[had] < RANK[kind]) kinds.set(key, kind);
  };
  for (const line of gunzipSync(places).toString('utf8').split('\n')) {
    const cells = line.split('\t');
    if (cells[0] === 'C') {
      // "Bolivia (Plurinational State of)" and "Korea, Republic of" are written "Bolivia" and "Korea" in news
      for (const name of cells.slice(2)) for (const form of [name, name.replace(/\s*\(.*\)$/, '').replace(/,.*$/, '')]) add(form, 'country');
    } else if (cells[0] === 'P' && cells[1]) {
      add(cells[1], 'city');
      cities.add(foldPlace(cells[1]));
    }
  }
  if (regions) {
    for (const line of gunzipSync(regions).toString('utf8').split('\n')) {
      const cells = line.split('\t');
      if (cells[0] !== 'R' || !cells[3]) continue;
      const name = cells[3].replace(/\s*\(.*\)$/, '').replace(/\s*\[.*\]$/, '');
      add(name, 'region');
      // ISO writes "El Beni"; news writes "Beni" as often. "La Paz" keeps its article: "Paz" is a surname.
      const bare = /^El\s+(\p{L}{4,}.*)$/u.exec(name)?.[1];
      if (bare) add(bare, 'region');
    }
  }
  return new PlaceNames(kinds, cities);
}

let cached: PlaceNames | undefined;

/** Loads (once per process) the shipped place names; an empty set when models/places.tsv.gz is absent. */
export function loadPlaceNames(): PlaceNames {
  if (cached) return cached;
  const places = new URL('places.tsv.gz', modelsUrl());
  const regions = new URL('regions.tsv.gz', modelsUrl());
  cached = existsSync(places)
    ? readPlaceNames(readFileSync(places), existsSync(regions) ? readFileSync(regions) : null)
    : new PlaceNames(new Map(), new Set());
  return cached;
}
