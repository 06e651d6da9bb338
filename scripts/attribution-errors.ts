/**
 * Error categories of the attribution tagger on a PolNeAR-layout folder (use train, not dev):
 * for each gold span with no exact prediction, why — missed, or which boundary is off and by what.
 *
 *   npx tsx scripts/attribution-errors.ts [--data ../shared/data/polnear/train] [--limit 200] [--holdout 5 --model /tmp/holdout.bin.gz [--stack-model /tmp/holdout-stack.bin.gz [--edge-model FILE]]] [--part 1/2] [--missed-cues] [--spurious-cues] [--show CATEGORY]
 *
 * Content boundaries get finer categories (what lies between the predicted and the gold edge): a "that"/"whether",
 * a quote mark, punctuation alone, a trailing or leading attribution ("…, he said"), a sentence boundary, or words.
 * `--show CATEGORY` prints the gold and predicted text of the errors in categories starting with CATEGORY.
 *
 * Cross-validated over all of train: `--jackknife DIR` tags each article with the tagger pair trained without its
 * fifth (`train-attribution.ts --jackknife DIR`), `--edges-cv DIR2` adds that fifth's edge rankers
 * (`train-attribution-edges.ts --jackknife DIR --cv-out DIR2`); the exact P/R/F1 of each role and of linked
 * triples are printed as `quipu eval attribution` prints them.
 */
import { type RoleTally, listBratPairs, readBratPair, docFromText, goldSpans, predictedSpans, scoreTally, tallyLinked, tallyRole } from '../src/eval/attribution.ts';
import { buildPipeline } from '../src/core/pipeline.ts';
import { tokensStage } from '../src/annotate/tokens/index.ts';
import { sentencesStage } from '../src/annotate/sentences/index.ts';
import { entitiesStage } from '../src/annotate/entities/index.ts';
import { AttributionModel, EdgeModel, quotesStage } from '../src/annotate/quotes/index.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { Span } from '../src/core/doc.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const dir = opt('data', '../shared/data/polnear/train');
const limit = Number(opt('limit', '200'));
// with --holdout 5, only every 5th article (the ones `train-attribution.ts --holdout 5` left out)
const holdout = Number(opt('holdout', '0'));
// --holdout-fold 1: the articles `train-attribution.ts --holdout 5 --holdout-fold 1` left out
const holdoutFold = Number(opt('holdout-fold', '0'));
// --missed-cues also counts the words of the cues missed outright (what the cue lexicon and features do not reach)
const missedCues = args.includes('--missed-cues');
// --spurious-cues counts the words of predicted cues that overlap no gold cue
const spuriousCues = args.includes('--spurious-cues');
// --model FILE scores a model other than the shipped one (the one trained with --holdout)
const modelFile = opt('model', '');
// --stack-model FILE is the second pass trained with it (`train-attribution.ts --stack --holdout 5`)
const stackFile = opt('stack-model', '');
const models = new Map<string, unknown>(modelFile ? [['attribution-en', AttributionModel.decode(readFileSync(modelFile))]] : []);
if (stackFile) models.set('attribution-en-stack', AttributionModel.decode(readFileSync(stackFile)));
// --edge-model FILE: the content-edge ranker to use with them (none by default: edges as tagged)
const edgeFile = opt('edge-model', '');
if (edgeFile) models.set('attribution-en-edges', EdgeModel.decode(readFileSync(edgeFile)));
const show = opt('show', '');
// --part 1/2 keeps every 2nd of the held-out articles, from the 1st (the half an edge model trained with --part 0/2 did not see)
const [partIndex, partCount] = opt('part', '0/1').split('/').map(Number) as [number, number];

const counts = new Map<string, number>();
const jackknife = opt('jackknife', '');
const edgesCv = opt('edges-cv', '');
/** The pipeline that tags article `i` of the folder: with --jackknife, the one trained without its fifth. */
const pipelineOf = (() => {
  if (!jackknife) {
    const one = buildPipeline([tokensStage, sentencesStage, entitiesStage, quotesStage], { models });
    return (_i: number) => one;
  }
  // parts whose second pass was not trained are skipped
  const perFold = [0, 1, 2, 3, 4].map((k) => {
    if (!existsSync(`${jackknife}/second-${k}.bin.gz`)) return null;
    const m = new Map<string, unknown>([
      ['attribution-en', AttributionModel.decode(readFileSync(`${jackknife}/first-${k}.bin.gz`))],
      ['attribution-en-stack', AttributionModel.decode(readFileSync(`${jackknife}/second-${k}.bin.gz`))],
    ]);
    for (const [role, key] of [
      ['content', 'attribution-en-edges'],
      ['cue', 'attribution-en-cue-edges'],
    ] as const) {
      const file = `${edgesCv}/${role}-edges-${k}.bin.gz`;
      if (edgesCv && existsSync(file)) m.set(key, EdgeModel.decode(readFileSync(file)));
    }
    return buildPipeline([tokensStage, sentencesStage, entitiesStage, quotesStage], { models: m });
  });
  return (i: number) => perFold[i % 5] ?? null;
})();
const tallies: Record<'source' | 'cue' | 'content', RoleTally> = {
  source: { gold: 0, predicted: 0, correct: 0, precisionMass: 0, recallMass: 0 },
  cue: { gold: 0, predicted: 0, correct: 0, precisionMass: 0, recallMass: 0 },
  content: { gold: 0, predicted: 0, correct: 0, precisionMass: 0, recallMass: 0 },
};
const linked = { gold: 0, predicted: 0, correct: 0 };
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
let tokenMisaligned = 0;
let goldTotal = 0;
// what lies between a predicted content edge and the gold one, for the content's finer categories
const ATTRIBUTION_WORD =
  /\b(?:said|says|say|saying|told|tells|added|adds|according|asked|asks|wrote|writes|argued|argues|noted|notes|explained|claimed|claims|stated|insisted|continued|reported|reports|believes?|thinks?|thought)\b/iu;
const describeContent = (gap: string) => {
  const t = gap.trim();
  if (t === '') return 'space';
  if (/^(?:that|whether|if)$/iu.test(t.replace(/^[,:]\s*/u, ''))) return '"that"/"whether"';
  if (/^[.,;:!?…—–-]+$/u.test(t)) return `punct ${JSON.stringify(t)}`;
  if (/^[\s"“”'’‘.,;:!?]+$/u.test(t)) return 'quote mark (± punct)';
  if (/[.!?…]["”’]?\s+["“‘]?\p{Lu}/u.test(t) || /\n/u.test(gap)) return 'across a sentence';
  if (ATTRIBUTION_WORD.test(t)) return 'an attribution ("…, he said")';
  const words = t.split(/\s+/).length;
  return words <= 2 ? '1-2 words' : words <= 5 ? '3-5 words' : '6+ words';
};
const describe = (s: string) =>
  /^\s*$/.test(s)
    ? 'space'
    : /^[\s.,;:!?]+$/u.test(s)
      ? `punct ${JSON.stringify(s.trim())}`
      : /^[\s"“”'’‘]+$/u.test(s)
        ? 'quote'
        : /^\s*(that|,\s*that)\s*$/iu.test(s)
          ? '"that"'
          : s.trim().split(/\s+/).length <= 2
            ? `word ${JSON.stringify(s.trim().toLowerCase())}`
            : `${Math.min(9, s.trim().split(/\s+/).length)}+ words`;
const selected = listBratPairs(dir)
  .map((pair, i) => ({ pair, i }))
  .filter(({ i }) => !holdout || i % holdout === holdoutFold)
  .filter(({ i }) => pipelineOf(i) !== null)
  .filter((_, k) => k % partCount === partIndex)
  .slice(0, limit);
for (const { pair, i: index } of selected) {
  const { text, gold } = readBratPair(pair);
  const doc = pipelineOf(index)!.run(docFromText(text));
  const tokens = doc.tokens!;
  const sentences = doc.sentences!;
  const starts = new Set(tokens.map((t) => t.start));
  const ends = new Set(tokens.map((t) => t.end));
  const g = goldSpans(gold.attributions);
  const p = predictedSpans(doc.quotes!);
  for (const role of ['source', 'cue', 'content'] as const) tallyRole(tallies[role], tokens, g[role], p[role]);
  const l = tallyLinked(gold.attributions, doc.quotes!);
  linked.gold += l.gold;
  linked.predicted += l.predicted;
  linked.correct += l.correct;
  if (spuriousCues) {
    for (const cue of p.cue) {
      const lo = cue[0]!.start;
      const hi = cue[cue.length - 1]!.end;
      if (g.cue.some((s) => s[0]!.start < hi && s[s.length - 1]!.end > lo)) continue;
      bump('cue: spurious');
      bump(`  spurious cue "${text.slice(lo, hi).toLowerCase()}"`);
    }
  }
  for (const role of ['source', 'cue', 'content'] as const) {
    const pk = new Set(p[role].map((s) => s.map((f) => `${f.start}-${f.end}`).join(',')));
    for (const span of g[role]) {
      goldTotal++;
      if (span.some((f) => !starts.has(f.start) || !ends.has(f.end))) {
        tokenMisaligned++;
        bump(`${role}: gold edge inside a token`);
      }
      const key = span.map((f) => `${f.start}-${f.end}`).join(',');
      if (role === 'content') {
        // how many sentences the gold content spans, and whether it was found exactly
        const first = sentences.findIndex((x) => x.end > span[0]!.start);
        const last = sentences.findIndex((x) => x.end >= span[span.length - 1]!.end);
        const n = first < 0 || last < 0 ? 1 : last - first + 1;
        bump(`content by sentences: ${n >= 3 ? '3+' : n} sentence(s), ${pk.has(key) ? 'exact' : 'wrong'}`);
      }
      if (pk.has(key)) continue;
      const lo = span[0]!.start;
      const hi = span[span.length - 1]!.end;
      const over = p[role].filter((s: Span[]) => s[0]!.start < hi && s[s.length - 1]!.end > lo);
      if (over.length === 0) {
        bump(`${role}: missed`);
        if (role === 'cue' && missedCues)
          bump(
            `  missed cue "${span
              .map((f) => text.slice(f.start, f.end))
              .join(' … ')
              .toLowerCase()}"`,
          );
        continue;
      }
      if (span.length > 1) bump(`${role}: gold discontinuous`);
      const best = over.sort((a, b) => Math.abs(a[0]!.start - lo) + Math.abs(a[a.length - 1]!.end - hi) - (Math.abs(b[0]!.start - lo) + Math.abs(b[b.length - 1]!.end - hi)))[0]!;
      const ps = best[0]!.start;
      const pe = best[best.length - 1]!.end;
      const how = role === 'content' ? describeContent : describe;
      const found: string[] = [];
      if (ps !== lo) found.push(`${role}: start ${ps < lo ? 'early' : 'late'} by ${how(text.slice(Math.min(ps, lo), Math.max(ps, lo)))}`);
      if (pe !== hi) found.push(`${role}: end ${pe > hi ? 'late' : 'early'} by ${how(text.slice(Math.min(pe, hi), Math.max(pe, hi)))}`);
      if (ps === lo && pe === hi) found.push(`${role}: fragments differ (gold ${span.length}, predicted ${best.length})`);
      for (const k of found) bump(k);
      if (role === 'content')
        bump(`content: wrong at ${found.length === 2 ? 'both edges' : found[0]!.includes('start') ? 'the start only' : found[0]!.includes('end') ? 'the end only' : 'fragments only'}`);
      if (show && found.some((k) => k.startsWith(show))) {
        console.log(`--- ${found.join('; ')}\n gold: ${span.map((f) => text.slice(f.start, f.end)).join(' … ')}\n pred: ${best.map((f) => text.slice(f.start, f.end)).join(' … ')}`);
      }
    }
  }
}
console.log(`${selected.length} articles; exact P / R / F1 (token overlap F1)`);
for (const role of ['source', 'cue', 'content'] as const) {
  const r = scoreTally(tallies[role]);
  console.log(`${role.padEnd(8)} ${[r.exact.precision, r.exact.recall, r.exact.f1].map((x) => (x * 100).toFixed(1)).join(' / ')} (${(r.overlap.f1 * 100).toFixed(1)})`);
}
const lp = linked.predicted ? linked.correct / linked.predicted : 0;
const lr = linked.gold ? linked.correct / linked.gold : 0;
console.log(`linked   ${(lp * 100).toFixed(1)} / ${(lr * 100).toFixed(1)} / ${(lp + lr ? (200 * lp * lr) / (lp + lr) : 0).toFixed(1)}`);
console.log(`gold spans ${goldTotal}, with an edge inside a token ${tokenMisaligned}`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, missedCues || spuriousCues ? 120 : 60)) console.log(String(v).padStart(6), k);
