/**
 * What the storing thread would compute from each doc alone (its copy fingerprint, figure records and claim rows),
 * computed in the annotation thread that made the doc and sent back with it (core/per-doc.ts says why). On 1,000 bench
 * articles the storing thread was busy 85–90% of an ingest's time, the annotation thread about 30%.
 */
import type { Doc } from '../core/doc.ts';
import type { PerDoc } from '../core/per-doc.ts';
import { articleClaims, articleFigures } from '../analyze/update.ts';
import { copyFingerprint } from '../link/link-articles.ts';

const derivations = { copy: copyFingerprint, figures: articleFigures, claims: articleClaims };

type Derivations = typeof derivations;
export type Derived = { [K in keyof Derivations]: Derivations[K] extends PerDoc<infer T> ? T : never };

const names = Object.keys(derivations) as (keyof Derivations)[];

export function derive(doc: Readonly<Doc>): Derived {
  return { copy: copyFingerprint(doc), figures: articleFigures(doc), claims: articleClaims(doc) };
}

/** Takes each doc's results as computed in the thread that sent them (`derived[i]` of `docs[i]`). */
export function adoptDerived(docs: readonly Readonly<Doc>[], derived: readonly Derived[]): void {
  docs.forEach((doc, i) => {
    const values = derived[i];
    if (!values) return;
    for (const name of names) (derivations[name] as PerDoc<Derived[typeof name]>).adopt(doc, values[name]);
  });
}
