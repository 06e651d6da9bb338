/** The sample corpus (samples/articles) read and annotated for the linking suites: timexes and figures, no NER. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figuresStage } from '../../src/annotate/figures/index.ts';
import { timexStage } from '../../src/annotate/timex/index.ts';
import type { Doc } from '../../src/core/doc.ts';
import { buildPipeline } from '../../src/core/pipeline.ts';
import { extractItem } from '../../src/ingest/extract.ts';
import { samplesDir } from './shared.ts';

/** Each sample article with its name: the file's number, and its part when the file holds several ("06", "07#3"). */
export async function annotatedSamples(): Promise<{ name: string; doc: Doc }[]> {
  const pipeline = buildPipeline([timexStage, figuresStage]);
  const out: { name: string; doc: Doc }[] = [];
  for (const file of readdirSync(samplesDir)
    .filter((n) => /^\d\d-/.test(n))
    .sort()) {
    const path = join(samplesDir, file);
    const { docs } = await extractItem({ locator: path, bytes: readFileSync(path), contentType: '', charset: null });
    for (const doc of docs) out.push({ name: docs.length > 1 ? `${file.slice(0, 2)}#${doc.meta.partIndex}` : file.slice(0, 2), doc: pipeline.run(doc, { check: true }) });
  }
  return out;
}
