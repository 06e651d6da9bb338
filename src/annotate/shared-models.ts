/**
 * The tables every annotation thread shares: decoded once per process by the thread that starts the pool, then handed
 * to each thread as it starts (`workerRunner`), which adopts them (`adoptModelParts`) instead of decoding the files.
 */
import { nerModelParts } from './entities/index.ts';
import type { ModelParts } from './model-parts.ts';
import { attributionModelParts, attributionPairedTable } from './quotes/index.ts';

/** The NER and attribution models' weight tables, on shared memory. */
export function annotationModelParts(): ModelParts {
  return {
    ner: { en: nerModelParts('en'), es: nerModelParts('es') },
    attribution: { first: attributionModelParts('first'), stack: attributionModelParts('stack'), paired: attributionPairedTable() },
  };
}
