/**
 * The tables every annotation thread shares: decoded once per process by the thread that starts the pool, then handed
 * to each thread as it starts (`workerRunner`), which adopts them (`adoptModelParts`) instead of decoding the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { modelPath, nerModelParts, readClusters } from './entities/index.ts';
import type { ModelParts } from './model-parts.ts';
import { attributionModelParts, attributionPairedTable } from './quotes/index.ts';
import { type SharedClusterParts, shareClusters } from './shared-clusters.ts';

let clusters: Partial<Record<string, SharedClusterParts>> | null = null;

/** The NER and attribution models' weight tables and their word clusters, on shared memory. */
export function annotationModelParts(): ModelParts {
  // Decoded once per process: every pool started later is handed the same tables.
  clusters ??= Object.fromEntries(
    ['clusters-en.tsv.gz', 'clusters-es.tsv.gz'].flatMap((name) => {
      const file = modelPath(name);
      return existsSync(file) ? [[name, shareClusters(readClusters(readFileSync(file)))]] : [];
    }),
  );
  return {
    ner: { en: nerModelParts('en'), es: nerModelParts('es') },
    attribution: { first: attributionModelParts('first'), stack: attributionModelParts('stack'), paired: attributionPairedTable() },
    clusters,
  };
}
