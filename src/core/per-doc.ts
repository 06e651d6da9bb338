/**
 * A pure function of a doc, computed at most once per doc object. An ingest's storing thread is its slower side (it
 * stores, links and analyses every article in order while the annotation threads wait on it): what it would compute
 * from a doc alone is computed instead in the annotation thread that made the doc, sent along with it, and adopted
 * here, so the storing thread reads it instead of computing it again. Anywhere else the function simply runs.
 */
import type { Doc } from './doc.ts';

export interface PerDoc<T> {
  (doc: Readonly<Doc>): T;
  /** Takes `value` as this function's result for `doc` (computed from an equal doc in another thread). */
  adopt(doc: Readonly<Doc>, value: T): void;
}

export function perDoc<T>(compute: (doc: Readonly<Doc>) => T): PerDoc<T> {
  // Docs are never changed once annotated (every stage returns a new one), so a result stays right for its doc.
  const results = new WeakMap<Readonly<Doc>, T>();
  const of = (doc: Readonly<Doc>): T => {
    if (results.has(doc)) return results.get(doc)!;
    const value = compute(doc);
    results.set(doc, value);
    return value;
  };
  return Object.assign(of, { adopt: (doc: Readonly<Doc>, value: T) => void results.set(doc, value) });
}
