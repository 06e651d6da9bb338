/** The seed articles as Quipu extracts them, read from ../shared at run time. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from '../../src/core/doc.ts';
import { extractItem } from '../../src/ingest/extract.ts';

export async function seedDocs(seedsDir: string): Promise<{ file: string; doc: Doc }[]> {
  const out: { file: string; doc: Doc }[] = [];
  for (const file of readdirSync(seedsDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const path = join(seedsDir, file);
    const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    for (const doc of docs) out.push({ file, doc });
  }
  return out;
}
