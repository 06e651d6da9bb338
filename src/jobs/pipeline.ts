/**
 * The annotation pipeline every ingest runs: the stages in order, models loaded once per process
 * (each stage loads its model on first use and keeps it).
 */
import { entitiesStage } from '../annotate/entities/index.ts';
import { eventsStage } from '../annotate/events/index.ts';
import { figuresStage } from '../annotate/figures/index.ts';
import { quotesStage } from '../annotate/quotes/index.ts';
import { rolesStage } from '../annotate/roles/index.ts';
import { sentencesStage } from '../annotate/sentences/index.ts';
import { timexStage } from '../annotate/timex/index.ts';
import { tokensStage } from '../annotate/tokens/index.ts';
import { buildPipeline, type Pipeline } from '../core/pipeline.ts';

let cached: Pipeline | undefined;

/** The default pipeline, built once per process. */
export async function defaultPipeline(): Promise<Pipeline> {
  cached ??= buildPipeline([tokensStage, sentencesStage, entitiesStage, timexStage, eventsStage, quotesStage, rolesStage, figuresStage]);
  return cached;
}
