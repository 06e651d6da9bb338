/**
 * The one reader of the shipped gazetteer files: models/places.tsv.gz (countries in English and Spanish and cities,
 * scripts/build-places.ts) and models/regions.tsv.gz (ISO 3166-2 subdivisions, scripts/build-regions.ts). It only
 * parses rows; the NER typing prior (annotate/entities/place-names.ts) and the place hierarchy of figure groups
 * (link/places.ts) each build the index they need from them. It lives in core because annotate/ may not import link/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { modelsUrl } from './package-paths.ts';

/** A country: its ISO 3166-1 alpha-2 code and its names, English first ("Bolivia (Plurinational State of)", "Bolivia"…). */
export interface GazetteerCountry {
  code: string;
  names: string[];
}

/** A populated place from GeoNames. */
export interface GazetteerCity {
  name: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  /** GeoNames first-order division code within the country ("02"). */
  region: string;
  population: number;
  /** Whether it is the seat of its first-order division (whose name it often shares: "Cochabamba"). */
  seat: boolean;
}

/** An ISO 3166-2 subdivision. */
export interface GazetteerRegion {
  /** ISO 3166-2 code ("BO-C"). */
  code: string;
  /** The country's or parent subdivision's code. */
  parent: string;
  name: string;
}

/** The rows of the gazetteer files, in file order. */
export interface Gazetteer {
  countries: GazetteerCountry[];
  cities: GazetteerCity[];
  /** Empty when models/regions.tsv.gz is not given. */
  regions: GazetteerRegion[];
}

/** Parses the gzipped bytes of models/places.tsv.gz and, when given, models/regions.tsv.gz. */
export function parseGazetteer(places: Uint8Array, regions: Uint8Array | null = null): Gazetteer {
  const countries: GazetteerCountry[] = [];
  const cities: GazetteerCity[] = [];
  const subdivisions: GazetteerRegion[] = [];
  for (const line of gunzipSync(places).toString('utf8').split('\n')) {
    const cells = line.split('\t');
    if (cells[0] === 'C' && cells[1]) countries.push({ code: cells[1], names: cells.slice(2) });
    else if (cells[0] === 'P' && cells[1]) {
      cities.push({ name: cells[1], country: cells[2] ?? '', region: cells[3] ?? '', population: Number(cells[4]), seat: cells[5] === 'A' });
    }
  }
  if (regions) {
    for (const line of gunzipSync(regions).toString('utf8').split('\n')) {
      const cells = line.split('\t');
      if (cells[0] === 'R' && cells[3]) subdivisions.push({ code: cells[1] ?? '', parent: cells[2] ?? '', name: cells[3] });
    }
  }
  return { countries, cities, regions: subdivisions };
}

let cached: Gazetteer | null | undefined;

/** Reads (once per process) the shipped gazetteer; null when models/places.tsv.gz is absent. */
export function loadGazetteer(): Gazetteer | null {
  if (cached !== undefined) return cached;
  const places = new URL('places.tsv.gz', modelsUrl());
  const regions = new URL('regions.tsv.gz', modelsUrl());
  cached = existsSync(places) ? parseGazetteer(readFileSync(places), existsSync(regions) ? readFileSync(regions) : null) : null;
  return cached;
}
