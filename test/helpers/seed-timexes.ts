import { tagTimexes } from '../../src/annotate/timex/index.ts';
import { seedDocs } from './seed-docs.ts';
import { seedsDir } from './shared.ts';

/** Each seed article's expressions as offsets, type and value: our output, never the seeds' words. */
export async function seedTimexes(): Promise<{ file: string; part: number; anchor: string | null; timexes: [number, number, string, string][] }[]> {
  return (await seedDocs(seedsDir)).map(({ file, doc }) => ({
    file,
    part: doc.meta.partIndex,
    anchor: doc.meta.published,
    timexes: tagTimexes(doc.text, { anchor: doc.meta.published, language: doc.meta.language }).timexes.map((t) => [t.start, t.end, t.type, t.value]),
  }));
}
