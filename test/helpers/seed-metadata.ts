/**
 * The metadata Quipu reads from each seed article, in a form safe to commit: facts (outlet, date,
 * authors, place, language) as they are, the title only as a hash, since titles are the seeds' own words.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractItem } from '../../src/ingest/extract.ts';

export interface SeedMetadata {
  file: string;
  part: number;
  parts: number;
  titleSha1: string | null;
  outlet: string | null;
  via: string | null;
  authors: string[];
  translator: string | null;
  published: string | null;
  datelinePlace: string | null;
  language: string;
  characters: number;
}

export async function readSeedMetadata(seedsDir: string): Promise<SeedMetadata[]> {
  const rows: SeedMetadata[] = [];
  for (const name of readdirSync(seedsDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const path = join(seedsDir, name);
    const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    for (const doc of docs) {
      rows.push({
        file: basename(path),
        part: doc.meta.partIndex,
        parts: doc.meta.partCount,
        titleSha1: doc.meta.title === null ? null : createHash('sha1').update(doc.meta.title).digest('hex').slice(0, 12),
        outlet: doc.meta.outlet,
        via: doc.meta.via,
        authors: doc.meta.authors,
        translator: doc.meta.translator,
        published: doc.meta.published,
        datelinePlace: doc.meta.datelinePlace,
        language: doc.meta.language,
        characters: doc.text.length,
      });
    }
  }
  return rows;
}
