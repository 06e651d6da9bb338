/**
 * Benchmark: findCopies on N synthetic articles (default 10,000) of ~400 words drawn from the sample corpus's
 * vocabulary (Zipf-like), 5% of them edited copies of another. Prints time, candidate pairs against all pairs,
 * and recall of the planted copies. Run: node --import tsx src/link/copies.bench.ts [N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCopies, type CopyArticle } from './copies.ts';

const n = Number(process.argv[2] ?? 10000);
const dir = join(import.meta.dirname, '..', '..', 'samples', 'articles');
const vocab = [
  ...new Set(
    readdirSync(dir)
      .filter((f) => /^\d\d-/.test(f))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').match(/\p{L}+/gu) ?? []),
  ),
];
let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const word = () => vocab[Math.floor(vocab.length * rand() ** 2.5)]!;
const articles: CopyArticle[] = [];
const planted: [string, string][] = [];
for (let i = 0; i < n; i++) {
  const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  if (i > 10 && rand() < 0.05) {
    const src = articles[Math.floor(rand() * i)]!;
    // An edited copy: drop a paragraph, change a few words, add a note.
    const paras = src.text.split('\n\n');
    paras.splice(1, 1);
    const text = paras.join('\n\n').replace(/\b(\p{L}+)\b/gu, (w) => (rand() < 0.03 ? word() : w)) + '\n\nRepublished with permission.';
    articles.push({ id: `a${i}`, text, published: '2026-01-01', outlet: `outlet${i % 50}` });
    planted.push([`a${i}`, src.id]);
    continue;
  }
  const paras: string[] = [];
  for (let p = 0; p < 8; p++) paras.push(Array.from({ length: 50 }, word).join(' '));
  articles.push({ id: `a${i}`, text: paras.join('\n\n'), published: day, outlet: `outlet${i % 50}` });
}
const words = articles.reduce((s, a) => s + a.text.split(/\s+/).length, 0);
const stats = { candidatePairs: 0, comparedParagraphPairs: 0 };
const c0 = process.cpuUsage();
const t0 = performance.now();
const copies = findCopies(articles, { stats });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const found = new Set(copies.filter((c) => c.kind !== 'pull-quote').map((c) => `${c.copy}<${c.original}`));
const recall = planted.filter(([c, o]) => found.has(`${c}<${o}`)).length / planted.length;
console.log(
  JSON.stringify({
    articles: n,
    words,
    wallSeconds: +(ms / 1000).toFixed(2),
    cpuSeconds: +cpuSeconds.toFixed(2),
    articlesPerCpuSecond: Math.round(n / cpuSeconds),
    allPairs: (n * (n - 1)) / 2,
    candidatePairs: stats.candidatePairs,
    paragraphCandidatePairs: stats.comparedParagraphPairs,
    planted: planted.length,
    articleCopiesFound: found.size,
    recall: +recall.toFixed(3),
  }),
);
