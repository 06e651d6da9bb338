/**
 * Error categories of the attribution tagger on a PolNeAR-layout folder (use train, not dev):
 * for each gold span with no exact prediction, why — missed, or which boundary is off and by what.
 *
 *   npx tsx scripts/attribution-errors.ts [--data ../shared/data/polnear/train] [--limit 200] [--holdout 5 --model /tmp/holdout.bin.gz] [--missed-cues]
 */
import { listBratPairs, readBratPair, docFromText, goldSpans, predictedSpans } from '../src/eval/attribution.ts';
import { buildPipeline } from '../src/core/pipeline.ts';
import { tokensStage } from '../src/annotate/tokens/index.ts';
import { sentencesStage } from '../src/annotate/sentences/index.ts';
import { entitiesStage } from '../src/annotate/entities/index.ts';
import { AttributionModel, quotesStage } from '../src/annotate/quotes/index.ts';
import { readFileSync } from 'node:fs';
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
// --missed-cues also counts the words of the cues missed outright (what the cue lexicon and features do not reach)
const missedCues = args.includes('--missed-cues');
// --model FILE scores a model other than the shipped one (the one trained with --holdout)
const modelFile = opt('model', '');
const models = new Map<string, unknown>(modelFile ? [['attribution-en', AttributionModel.decode(readFileSync(modelFile))]] : []);

const counts = new Map<string, number>();
const pipeline = buildPipeline([tokensStage, sentencesStage, entitiesStage, quotesStage], { models });
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
let tokenMisaligned = 0;
let goldTotal = 0;
const describe = (s: string) => (/^\s*$/.test(s) ? 'space' : /^[\s.,;:!?]+$/u.test(s) ? `punct ${JSON.stringify(s.trim())}` : /^[\s"“”'’‘]+$/u.test(s) ? 'quote' : /^\s*(that|,\s*that)\s*$/iu.test(s) ? '"that"' : s.trim().split(/\s+/).length <= 2 ? `word ${JSON.stringify(s.trim().toLowerCase())}` : `${Math.min(9, s.trim().split(/\s+/).length)}+ words`);
for (const pair of listBratPairs(dir).filter((_, i) => !holdout || i % holdout === 0).slice(0, limit)) {
  const { text, gold } = readBratPair(pair);
  const doc = pipeline.run(docFromText(text));
  const tokens = doc.tokens!;
  const starts = new Set(tokens.map((t) => t.start));
  const ends = new Set(tokens.map((t) => t.end));
  const g = goldSpans(gold.attributions);
  const p = predictedSpans(doc.quotes!);
  for (const role of ['source', 'cue', 'content'] as const) {
    const pk = new Set(p[role].map((s) => s.map((f) => `${f.start}-${f.end}`).join(',')));
    for (const span of g[role]) {
      goldTotal++;
      if (span.some((f) => !starts.has(f.start) || !ends.has(f.end))) {
        tokenMisaligned++;
        bump(`${role}: gold edge inside a token`);
      }
      const key = span.map((f) => `${f.start}-${f.end}`).join(',');
      if (pk.has(key)) continue;
      const lo = span[0]!.start;
      const hi = span[span.length - 1]!.end;
      const over = p[role].filter((s: Span[]) => s[0]!.start < hi && s[s.length - 1]!.end > lo);
      if (over.length === 0) {
        bump(`${role}: missed`);
        if (role === 'cue' && missedCues) bump(`  missed cue "${span.map((f) => text.slice(f.start, f.end)).join(' … ').toLowerCase()}"`);
        continue;
      }
      if (span.length > 1) bump(`${role}: gold discontinuous`);
      const best = over.sort((a, b) => Math.abs(a[0]!.start - lo) + Math.abs(a[a.length - 1]!.end - hi) - (Math.abs(b[0]!.start - lo) + Math.abs(b[b.length - 1]!.end - hi)))[0]!;
      const ps = best[0]!.start;
      const pe = best[best.length - 1]!.end;
      if (ps !== lo) bump(`${role}: start ${ps < lo ? 'early' : 'late'} by ${describe(text.slice(Math.min(ps, lo), Math.max(ps, lo)))}`);
      if (pe !== hi) bump(`${role}: end ${pe > hi ? 'late' : 'early'} by ${describe(text.slice(Math.min(pe, hi), Math.max(pe, hi)))}`);
      if (ps === lo && pe === hi) bump(`${role}: fragments differ`);
    }
  }
}
console.log(`gold spans ${goldTotal}, with an edge inside a token ${tokenMisaligned}`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, missedCues ? 120 : 60)) console.log(String(v).padStart(6), k);
