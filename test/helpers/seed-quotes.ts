import { entitiesStage } from '../../src/annotate/entities/index.ts';
import { quotesStage } from '../../src/annotate/quotes/index.ts';
import { sentencesStage } from '../../src/annotate/sentences/index.ts';
import { tokensStage } from '../../src/annotate/tokens/index.ts';
import type { Doc } from '../../src/core/doc.ts';
import { buildPipeline } from '../../src/core/pipeline.ts';
import { seedDocs } from './seed-docs.ts';
import { seedsDir } from './shared.ts';

const pipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage, quotesStage]);

/** The seed articles with their attributions, read and annotated at run time. */
export async function annotatedSeeds(): Promise<{ file: string; doc: Doc }[]> {
  return (await seedDocs(seedsDir)).map(({ file, doc }) => ({ file, doc: pipeline.run(doc) }));
}

type Offsets = [number, number];

/**
 * Each seed article's attributions as offsets and labels: cue, source (with its kind), content fragments,
 * hedge, form and parent. Our output, never the seeds' words.
 */
export async function seedQuotes(): Promise<{ file: string; part: number; quotes: [Offsets, [number, number, string] | null, Offsets[], string, string, number | null][] }[]> {
  return (await annotatedSeeds()).map(({ file, doc }) => ({
    file,
    part: doc.meta.partIndex,
    quotes: (doc.quotes ?? []).map((q) => [
      [q.cue.start, q.cue.end],
      q.source ? [q.source.start, q.source.end, q.source.kind] : null,
      q.content.map((c): Offsets => [c.start, c.end]),
      q.hedge,
      q.form,
      q.parent ?? null,
    ]),
  }));
}
