/**
 * Builds models/regions.tsv.gz, the first-level (and second-level) subdivision names the NER typing prior needs beside
 * models/places.tsv.gz, which knows countries and cities but not regions ("Antioquia", "Azuay", "Beni"): from iso-3166
 * (ISO 3166-2 subdivision names, MIT). Only a dev dependency is read here; the package ships the derived file.
 *
 * Lines: `R <tab> ISO 3166-2 code <tab> parent code <tab> name`.
 * Usage: npx tsx scripts/build-regions.ts
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { iso31662 } from 'iso-3166';

const lines: string[] = ['# Derived from iso-3166 (ISO 3166-2 subdivision names, MIT); scripts/build-regions.ts'];
for (const { code, parent, name } of [...iso31662].sort((a, b) => a.code.localeCompare(b.code))) lines.push(['R', code, parent, name].join('\t'));
const out = gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
writeFileSync(new URL('../models/regions.tsv.gz', import.meta.url), out);
console.log(`${lines.length - 1} subdivisions, ${out.length} bytes`);
