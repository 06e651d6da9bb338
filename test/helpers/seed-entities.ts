import { entitiesStage } from '../../src/annotate/entities/index.ts';
import { sentencesStage } from '../../src/annotate/sentences/index.ts';
import { tokensStage } from '../../src/annotate/tokens/index.ts';
import { buildPipeline } from '../../src/core/pipeline.ts';
import { seedDocs } from './seed-docs.ts';
import { seedsDir } from './shared.ts';

const pipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage]);

/** Each seed article's entity mentions as offsets, type and short-form link: our output, never the seeds' words. */
export async function seedEntities(): Promise<{ file: string; part: number; mentions: [number, number, string, number | null][] }[]> {
  return (await seedDocs(seedsDir)).map(({ file, doc }) => ({
    file,
    part: doc.meta.partIndex,
    mentions: (pipeline.run(doc).entities ?? []).map((m) => [m.start, m.end, m.type, m.refersTo ?? null]),
  }));
}

/** The mentions themselves, read at run time, for checks by name. */
export async function seedMentionTexts(): Promise<Map<string, { text: string; type: string }[]>> {
  const out = new Map<string, { text: string; type: string }[]>();
  for (const { file, doc } of await seedDocs(seedsDir)) {
    const key = `${file.slice(0, 3)}#${doc.meta.partIndex}`;
    out.set(
      key,
      (pipeline.run(doc).entities ?? []).map((m) => ({ text: m.text, type: m.type })),
    );
  }
  return out;
}
