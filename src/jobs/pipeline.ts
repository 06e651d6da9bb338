/**
 * The annotation pipeline every ingest runs: the stages in order, models loaded once per process.
 */
import { timexStage } from '../annotate/timex/index.ts';
import { buildPipeline, type Pipeline } from '../core/pipeline.ts';

let cached: Pipeline | undefined;

/** The default pipeline, built once per process. */
export async function defaultPipeline(): Promise<Pipeline> {
  cached ??= buildPipeline([timexStage]);
  return cached;
}
