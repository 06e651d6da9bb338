/**
 * Chooses the NER model's type bias on dev (see `ModelHeader.typeBias`): a score added to starting a name of each
 * type, for the case where the training data's type priors do not fit the text it is applied to. One type at a
 * time over a fixed grid, the others held, two rounds. A value is judged with its grid neighbours (the mean F1 of
 * the three), so a lone spike on dev does not win, and a bias is kept only when it beats no bias by `minGain` F1.
 *
 *   tsx scripts/lib-ner/type-bias.ts --lang es [--write]     # tune the shipped model; --write stores the bias in it
 *
 * `scripts/train-ner.ts` runs the same search after training, before it fits the confidence temperature; run alone,
 * this leaves the temperature as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NerModel, TYPES, withTypeBias, type ModelHeader } from '../../src/annotate/entities/model.ts';
import { readClusters, tagSentences } from '../../src/annotate/entities/index.ts';
import { parseConll, splitAtDatelines, type ConllDoc } from '../../src/eval/ner-conll.ts';
import { scoreNer } from '../../src/eval/ner.ts';

type Bias = NonNullable<ModelHeader['typeBias']>;
const GRID = [-150, -120, -90, -60, -40, -20, -10, 0, 10, 20, 40, 60];

/** Dev F1 of `model` with `bias` on the unbiased transitions `base`. */
function devF1(model: NerModel, base: Float32Array, bias: Bias, docs: readonly ConllDoc[]): number {
  model.transitions.set(withTypeBias(base, model.scheme, bias));
  const gold: string[][] = [];
  const predicted: string[][] = [];
  for (const doc of docs) {
    const tags = tagSentences(
      model,
      doc.sentences.map((s) => s.tokens),
    ).map((t) => t.tags);
    doc.sentences.forEach((s, i) => {
      gold.push(s.tags);
      predicted.push(tags[i]!);
    });
  }
  return scoreNer(gold, predicted).overall.f1 * 100;
}

/** The bias with the best neighbourhood-averaged dev F1, or none; leaves `model` tagging with it. */
export function tuneTypeBias(model: NerModel, devDocs: readonly ConllDoc[], log: (line: string) => void = console.log, minGain = 0.3): { bias: Bias | null; f1: number; baseline: number } {
  const base = withTypeBias(model.transitions, model.scheme, Object.fromEntries(TYPES.map((t) => [t, -(model.header.typeBias?.[t] ?? 0)])) as Bias);
  const baseline = devF1(model, base, {}, devDocs);
  let bias: Bias = {};
  let best = baseline;
  for (let round = 1; round <= 2; round++) {
    for (const type of ['LOC', 'PER', 'ORG', 'MISC'] as const) {
      const scores = GRID.map((v) => devF1(model, base, { ...bias, [type]: v }, devDocs));
      const smoothed = scores.map((f, i) => (f + (scores[i - 1] ?? f) + (scores[i + 1] ?? f)) / 3);
      const at = smoothed.indexOf(Math.max(...smoothed));
      bias = { ...bias, [type]: GRID[at]! };
      best = scores[at]!;
      log(`type bias round ${round} ${type}: ${GRID.map((v, i) => `${v}:${scores[i]!.toFixed(2)}`).join(' ')} → ${GRID[at]} (F1 ${best.toFixed(2)}, smoothed ${smoothed[at]!.toFixed(2)})`);
    }
  }
  const kept = best - baseline >= minGain ? Object.fromEntries(Object.entries(bias).filter(([, v]) => v !== 0)) : null;
  model.transitions.set(withTypeBias(base, model.scheme, kept ?? {}));
  log(`type bias: ${kept ? JSON.stringify(kept) : 'none'} (dev F1 ${baseline.toFixed(2)} without, ${best.toFixed(2)} with the best found)`);
  return { bias: kept, f1: kept ? best : baseline, baseline };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string', default: 'es' },
      write: { type: 'boolean', default: false },
      data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/data') },
      models: { type: 'string', default: resolve(import.meta.dirname, '../../models') },
    },
  });
  const lang = values.lang as 'en' | 'es';
  const dev = join(values.data!, lang === 'es' ? 'conll2002-es/esp.testa' : 'conll2003/valid.txt');
  const file = join(values.models!, `ner-${lang}.bin.gz`);
  const clusters = readClusters(readFileSync(join(values.models!, `clusters-${lang}.tsv.gz`)));
  const bytes = readFileSync(file);
  const model = NerModel.decode(bytes, clusters);
  const { bias } = tuneTypeBias(model, splitAtDatelines(parseConll(readFileSync(dev, 'utf8'))));
  if (values.write) {
    writeFileSync(file, NerModel.reheader(bytes, { typeBias: bias ?? undefined }));
    console.log(`wrote ${file}`);
  }
}
