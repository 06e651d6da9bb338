/**
 * The models' decoded tables, handed from the thread that starts the annotation threads to each of them (see
 * shared-memory.ts): the loaders (`nerModelParts`, `attributionModelParts`) take what this thread was given before
 * reading a file, so a process decodes and holds each table once however many threads annotate.
 */
import type { NerModelParts } from './entities/model.ts';
import type { AttributionModelParts } from './quotes/model.ts';

/** The typed arrays of one cluster file, as posted to a thread. */
export interface SharedClusterParts {
  /** Every word's UTF-16 code units, one after another. */
  chars: Uint16Array;
  /** Per word: start in `chars`, length, start in `ids`, number of ids. */
  words: Int32Array;
  ids: Int32Array;
  /** Open addressing: word index + 1 at the slot of its hash (or a later free one), 0 where empty; a power of two long. */
  slots: Int32Array;
}

/** Every shared table, as plain data a worker thread can be started with. */
export interface ModelParts {
  ner: Partial<Record<'en' | 'es', NerModelParts>>;
  /**
   * null: the model file is absent (the rule tagger is used). `paired`: the two passes' tables interleaved
   * (quotes/model.ts StackedDecoder), null without both files.
   */
  attribution: Partial<Record<'first' | 'stack', AttributionModelParts | null>> & { paired?: Int16Array | null };
  /** Word clusters by file name in models/ (`clusters-en.tsv.gz`). */
  clusters?: Partial<Record<string, SharedClusterParts>>;
}

let adopted: ModelParts | null = null;

/** Makes this thread's loaders use `parts` (from `annotationModelParts` in the thread that started this one). */
export function adoptModelParts(parts: ModelParts): void {
  adopted = parts;
}

/** What `adoptModelParts` gave this thread, if anything. */
export function adoptedModelParts(): ModelParts | null {
  return adopted;
}
