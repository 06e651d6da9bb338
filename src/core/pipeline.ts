/**
 * The annotation pipeline: small pure stages over a `Doc`, each declaring the layers it
 * `requires` and `assigns` (as spaCy components do), checked once when the pipeline is built.
 */
import type { Doc, DocMessage, LayerName, Layers } from './doc.ts';
import { QuipuError } from './errors.ts';
import { validate } from './validate.ts';

/** What a stage gets besides the doc: loaded models and options, never read from disk inside `run`. */
export interface StageContext {
  /** Models and lexicons loaded once per process, keyed by name. */
  models: ReadonlyMap<string, unknown>;
}

/** What a stage returns: the layers it assigns, and messages about places in the article (appended to `doc.messages`). */
export type StageOutput<A extends LayerName> = Pick<Layers, A> & { messages?: DocMessage[] };

export interface Stage<A extends LayerName = LayerName> {
  name: string;
  requires: readonly LayerName[];
  assigns: readonly A[];
  run(doc: Readonly<Doc>, ctx: StageContext): StageOutput<A>;
}

/** Any stage, whatever layers it assigns: what a pipeline holds. */
export interface AnyStage {
  name: string;
  requires: readonly LayerName[];
  assigns: readonly LayerName[];
  run(doc: Readonly<Doc>, ctx: StageContext): Partial<Layers> & { messages?: DocMessage[] };
}

export interface Pipeline {
  stages: readonly AnyStage[];
  /** Runs every stage in order; with `check`, validates the doc after each stage (tests do). */
  run(doc: Doc, options?: { check?: boolean }): Doc;
}

/** Builds a pipeline, refusing a stage whose required layers no earlier stage assigns. */
export function buildPipeline(stages: readonly AnyStage[], ctx: StageContext = { models: new Map() }): Pipeline {
  const available = new Set<LayerName>();
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) {
      throw new QuipuError('E_PIPELINE', `Stage "${stage.name}" appears twice; give each stage one place in the pipeline.`);
    }
    names.add(stage.name);
    const missing = stage.requires.filter((layer) => !available.has(layer));
    if (missing.length > 0) {
      throw new QuipuError(
        'E_PIPELINE',
        `Stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage assigns; ` + `add a stage that assigns ${missing.length > 1 ? 'them' : 'it'} before "${stage.name}".`,
      );
    }
    for (const layer of stage.assigns) available.add(layer);
  }
  return {
    stages,
    run(doc, options = {}) {
      let current = doc;
      for (const stage of stages) {
        const produced = stage.run(current, ctx);
        const next: Doc = { ...current };
        for (const layer of stage.assigns) {
          const value = produced[layer];
          if (value === undefined) {
            throw new QuipuError('E_PIPELINE', `Stage "${stage.name}" declared it assigns "${layer}" but returned none.`, doc.meta.source);
          }
          (next as Partial<Layers>)[layer] = value as never;
        }
        if (produced.messages?.length) next.messages = [...current.messages, ...produced.messages].sort((a, b) => a.start - b.start || a.end - b.end);
        current = next;
        if (options.check) validate(current);
      }
      return current;
    },
  };
}
