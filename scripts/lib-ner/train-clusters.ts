/**
 * Word clusters for the NER tagger, from unlabeled news text (../shared/data/unlabeled-{lang}).
 *
 *   tsx scripts/lib-ner/train-clusters.ts [--lang en|es|all] [--ks 64,256] [--iterations 6] [--min-count 3]
 *                                         [--method exchange|kmeans] [--out models]
 *
 * Text is tokenized with Quipu's tokenizer, lowercased, digits → 0; the vocabulary is every word seen
 * at least --min-count times (≈32k English, ≈57k Spanish words).
 * - exchange (default, shipped): exchange clustering of a class-bigram model (Martin, Liermann & Ney
 *   1998; the algorithm behind Clark's and Stanford NER's distributional-similarity classes), run once
 *   per K in --ks, so each word gets one class id per granularity. ≈3.5 min (en), ≈4 min (es).
 * - kmeans (measured, not shipped): PPMI context vectors at offsets ±1, ±2, random ±1 projection,
 *   hierarchical spherical k-means (16/128/1024/4096). Faster but hurt dev F1.
 * Writes models/clusters-{lang}.tsv.gz: lines "word<TAB>id1,id2,…", most frequent word first.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { tokenize } from '../../src/annotate/tokens/index.ts';

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'all' },
    vocab: { type: 'string', default: '60000' },
    contexts: { type: 'string', default: '1000' },
    dim: { type: 'string', default: '160' },
    branching: { type: 'string', default: '16,8,8,4' },
    data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/data') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../../models') },
    'max-words': { type: 'string', default: '12000000' },
    'min-count': { type: 'string', default: '3' },
    method: { type: 'string', default: 'exchange' },
    ks: { type: 'string', default: '64,256' },
    iterations: { type: 'string', default: '6' },
  },
});

let seed = 12345;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};

const normalize = (w: string) =>
  w
    .toLowerCase()
    .replace(/\p{N}/gu, '0')
    .replace(/[’‘]/gu, "'")
    .replace(/[“”«»]/gu, '"');

function corpusLines(lang: string): string[] {
  const dir = join(values.data!, `unlabeled-${lang}`);
  const lines: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) if (line.length > 0) lines.push(line);
  }
  return lines;
}

function clusterLanguage(lang: 'en' | 'es') {
  const t0 = performance.now();
  const V = Number(values.vocab);
  const C = Number(values.contexts);
  const D = Number(values.dim);
  const maxWords = Number(values['max-words']);
  // pass 1: tokenize once, keep the corpus as word ids
  const ids = new Map<string, number>();
  const words: string[] = [];
  const freq: number[] = [];
  const corpus: Int32Array[] = [];
  let total = 0;
  for (const line of corpusLines(lang)) {
    if (total >= maxWords) break;
    const toks = tokenize(line, lang);
    const row = new Int32Array(toks.length);
    toks.forEach((t, i) => {
      const w = normalize(t.text);
      let id = ids.get(w);
      if (id === undefined) {
        id = words.length;
        ids.set(w, id);
        words.push(w);
        freq.push(0);
      }
      freq[id]!++;
      row[i] = id;
    });
    total += toks.length;
    corpus.push(row);
  }
  const byFreq = words.map((_, i) => i).sort((a, b) => freq[b]! - freq[a]!);
  const vocab = byFreq.slice(0, V).filter((i) => freq[i]! >= Number(values['min-count']));
  const vIndex = new Int32Array(words.length).fill(-1);
  vocab.forEach((w, i) => (vIndex[w] = i));
  const cIndex = new Int32Array(words.length).fill(-1);
  byFreq.slice(0, C).forEach((w, i) => (cIndex[w] = i));
  console.log(`[${lang}] ${total} tokens, ${words.length} types; vocabulary ${vocab.length}; tokenized in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

  if (values.method === 'exchange') {
    const assignment = values.ks!.split(',').map((k) => exchange(corpus, vocab, vIndex, Number(k), Number(values.iterations), lang, t0));
    writeClusters(lang, vocab, words, assignment, t0);
    return;
  }
  // pass 2: co-occurrence counts at 4 offsets (C + 1 contexts each: the last is "other/boundary")
  const CC = C + 1;
  const dims = 4 * CC;
  const counts = new Map<number, number>();
  const ctxTotals = new Float64Array(dims);
  const wordTotals = new Float64Array(vocab.length);
  const offsets = [-2, -1, 1, 2];
  for (const row of corpus) {
    for (let i = 0; i < row.length; i++) {
      const v = vIndex[row[i]!]!;
      if (v < 0) continue;
      for (let o = 0; o < 4; o++) {
        const j = i + offsets[o]!;
        const c = j >= 0 && j < row.length ? cIndex[row[j]!]! : -1;
        if (c < 0 && j >= 0 && j < row.length) continue; // a rare neighbour says little
        const ctx = o * CC + (c < 0 ? C : c);
        const key = v * dims + ctx;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        ctxTotals[ctx]!++;
        wordTotals[v]!++;
      }
    }
  }
  // PPMI, projected with a random ±1 matrix (generated on the fly from a hash of the context)
  const proj = new Float32Array(dims * D);
  for (let k = 0; k < proj.length; k++) proj[k] = rand() < 0.5 ? -1 : 1;
  const vectors = new Float32Array(vocab.length * D);
  const grand = ctxTotals.reduce((a, b) => a + b, 0);
  for (const [key, n] of counts) {
    const v = Math.floor(key / dims);
    const ctx = key - v * dims;
    const pmi = Math.log((n * grand) / (wordTotals[v]! * ctxTotals[ctx]! ** 0.75 * grand ** 0.25));
    if (pmi <= 0) continue;
    const base = v * D;
    const pbase = ctx * D;
    for (let d = 0; d < D; d++) vectors[base + d]! += pmi * proj[pbase + d]!;
  }
  for (let v = 0; v < vocab.length; v++) {
    let norm = 0;
    for (let d = 0; d < D; d++) norm += vectors[v * D + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d++) vectors[v * D + d]! /= norm;
  }
  console.log(`[${lang}] ${counts.size} co-occurrence cells, vectors built in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

  // hierarchical spherical k-means
  const branching = values.branching!.split(',').map(Number);
  const assignment: Int32Array[] = [];
  let groups: number[][] = [vocab.map((_, i) => i)];
  let offset = 0;
  for (const b of branching) {
    const level = new Int32Array(vocab.length);
    const next: number[][] = [];
    let id = 0;
    for (const members of groups) {
      const parts = kmeans(members, Math.min(b, members.length), vectors, D, freq, vocab);
      for (const part of parts) {
        if (part.length === 0) continue;
        for (const m of part) level[m] = id;
        next.push(part);
        id++;
      }
    }
    assignment.push(level);
    groups = next;
    offset += id;
    console.log(`[${lang}] level with ${id} clusters at ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  }
  writeClusters(lang, vocab, words, assignment, t0);
}

function writeClusters(lang: string, vocab: number[], words: string[], assignment: Int32Array[], t0: number) {
  const lines = vocab.map((w, v) => `${words[w]}\t${assignment.map((a) => a[v]).join(',')}`);
  const file = join(values.out!, `clusters-${lang}.tsv.gz`);
  const gz = gzipSync(lines.join('\n') + '\n', { level: 9 });
  writeFileSync(file, gz);
  console.log(`[${lang}] wrote ${file} (${(gz.length / 1e6).toFixed(2)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  // a peek, to eyeball quality
  const level = assignment.length - 1;
  for (const probe of lang === 'en' ? ['london', 'john', 'monday', 'company', 'reuters'] : ['madrid', 'josé', 'lunes', 'empresa', 'efe']) {
    const v = vocab.findIndex((w) => words[w] === probe);
    if (v < 0) continue;
    const fine = assignment[level]![v];
    const mates = vocab
      .filter((_, u) => assignment[level]![u] === fine)
      .slice(0, 12)
      .map((w) => words[w]);
    console.log(`  ${probe}: ${mates.join(' ')}`);
  }
}

const f = (x: number) => (x > 0 ? x * Math.log(x) : 0);

/**
 * Exchange clustering (Martin, Liermann & Ney 1998; Clark 2003's starting point): words move one at a
 * time to the class that most increases the likelihood of a class bigram model. Words outside the
 * vocabulary share one pseudo-word, line edges another; neither is written out.
 */
function exchange(corpus: Int32Array[], vocab: number[], vIndex: Int32Array, K: number, iterations: number, lang: string, t0: number): Int32Array {
  const V = vocab.length;
  const UNK = V;
  const EDGE = V + 1;
  const W = V + 2;
  const bigrams = new Map<number, number>();
  const add = (a: number, b: number) => {
    const key = a * W + b;
    bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
  };
  for (const row of corpus) {
    let prev = EDGE;
    for (let i = 0; i < row.length; i++) {
      const v = vIndex[row[i]!]!;
      const cur = v < 0 ? UNK : v;
      add(prev, cur);
      prev = cur;
    }
    add(prev, EDGE);
  }
  // CSR successor and predecessor lists
  const succStart = new Int32Array(W + 1);
  const predStart = new Int32Array(W + 1);
  for (const key of bigrams.keys()) {
    const a = Math.floor(key / W);
    const b = key - a * W;
    succStart[a + 1]!++;
    predStart[b + 1]!++;
  }
  for (let i = 0; i < W; i++) {
    succStart[i + 1]! += succStart[i]!;
    predStart[i + 1]! += predStart[i]!;
  }
  const succ = new Int32Array(bigrams.size);
  const succN = new Float64Array(bigrams.size);
  const pred = new Int32Array(bigrams.size);
  const predN = new Float64Array(bigrams.size);
  const sFill = succStart.slice(0, W);
  const pFill = predStart.slice(0, W);
  for (const [key, n] of bigrams) {
    const a = Math.floor(key / W);
    const b = key - a * W;
    succ[sFill[a]!] = b;
    succN[sFill[a]!++] = n;
    pred[pFill[b]!] = a;
    predN[pFill[b]!++] = n;
  }
  bigrams.clear();
  const rightTotal = new Float64Array(W);
  const leftTotal = new Float64Array(W);
  for (let a = 0; a < W; a++) for (let k = succStart[a]!; k < succStart[a + 1]!; k++) rightTotal[a]! += succN[k]!;
  for (let b = 0; b < W; b++) for (let k = predStart[b]!; k < predStart[b + 1]!; k++) leftTotal[b]! += predN[k]!;

  const cls = new Int32Array(W);
  for (let w = 0; w < W; w++) cls[w] = w % K; // vocab is in frequency order
  const NC = new Float64Array(K * K);
  const NL = new Float64Array(K);
  const NR = new Float64Array(K);
  for (let a = 0; a < W; a++) {
    for (let k = succStart[a]!; k < succStart[a + 1]!; k++) NC[cls[a]! * K + cls[succ[k]!]!]! += succN[k]!;
    NL[cls[a]!]! += rightTotal[a]!;
    NR[cls[a]!]! += leftTotal[a]!;
  }
  const left = new Float64Array(K);
  const right = new Float64Array(K);
  const lsup: number[] = [];
  const rsup: number[] = [];
  for (let iter = 0; iter < iterations; iter++) {
    let moves = 0;
    for (let w = 0; w < W; w++) {
      const cw = cls[w]!;
      let self = 0;
      lsup.length = 0;
      rsup.length = 0;
      for (let k = predStart[w]!; k < predStart[w + 1]!; k++) {
        const a = pred[k]!;
        if (a === w) {
          self = predN[k]!;
          continue;
        }
        const c = cls[a]!;
        if (left[c] === 0) lsup.push(c);
        left[c]! += predN[k]!;
      }
      for (let k = succStart[w]!; k < succStart[w + 1]!; k++) {
        const b = succ[k]!;
        if (b === w) continue;
        const c = cls[b]!;
        if (right[c] === 0) rsup.push(c);
        right[c]! += succN[k]!;
      }
      const rt = rightTotal[w]!;
      const lt = leftTotal[w]!;
      // take w out of its class
      for (const c of lsup) NC[c * K + cw]! -= left[c]!;
      for (const c of rsup) NC[cw * K + c]! -= right[c]!;
      NC[cw * K + cw]! -= self;
      NL[cw]! -= rt;
      NR[cw]! -= lt;
      let best = cw;
      let bestGain = -Infinity;
      for (let k = 0; k < K; k++) {
        let gain = 0;
        for (const c of lsup) {
          if (c === k) continue;
          const n = NC[c * K + k]!;
          gain += f(n + left[c]!) - f(n);
        }
        for (const c of rsup) {
          if (c === k) continue;
          const n = NC[k * K + c]!;
          gain += f(n + right[c]!) - f(n);
        }
        const nkk = NC[k * K + k]!;
        gain += f(nkk + left[k]! + right[k]! + self) - f(nkk);
        gain -= f(NL[k]! + rt) - f(NL[k]!) + f(NR[k]! + lt) - f(NR[k]!);
        if (gain > bestGain + 1e-9 || (k === cw && gain >= bestGain - 1e-9)) {
          bestGain = gain;
          best = k;
        }
      }
      if (best !== cw) moves++;
      cls[w] = best;
      for (const c of lsup) NC[c * K + best]! += left[c]!;
      for (const c of rsup) NC[best * K + c]! += right[c]!;
      NC[best * K + best]! += self;
      NL[best]! += rt;
      NR[best]! += lt;
      for (const c of lsup) left[c] = 0;
      for (const c of rsup) right[c] = 0;
    }
    console.log(`[${lang}] exchange K=${K} iteration ${iter + 1}: ${moves} moves, ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    if (moves < V * 0.002) break;
  }
  return cls.slice(0, V);
}

/** Spherical k-means over `members`, frequency-weighted k-means++ seeding, a few iterations. */
function kmeans(members: number[], k: number, vectors: Float32Array, D: number, freq: number[], vocab: number[]): number[][] {
  if (k <= 1 || members.length <= k) return members.length <= k ? members.map((m) => [m]) : [members];
  const centroids = new Float32Array(k * D);
  // seeds: k-means++ over a frequency-biased sample
  const pick = (m: number, c: number) => centroids.set(vectors.subarray(m * D, (m + 1) * D), c * D);
  pick(members[0]!, 0);
  const best = new Float32Array(members.length).fill(-Infinity);
  for (let c = 1; c < k; c++) {
    let sum = 0;
    const dist = new Float64Array(members.length);
    members.forEach((m, i) => {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += vectors[m * D + d]! * centroids[(c - 1) * D + d]!;
      if (dot > best[i]!) best[i] = dot;
      const weight = Math.log(1 + freq[vocab[m]!]!);
      dist[i] = Math.max(0, 1 - best[i]!) * weight;
      sum += dist[i]!;
    });
    let r = rand() * sum;
    let chosen = members.length - 1;
    for (let i = 0; i < members.length; i++) {
      r -= dist[i]!;
      if (r <= 0) {
        chosen = i;
        break;
      }
    }
    pick(members[chosen]!, c);
  }
  const assign = new Int32Array(members.length);
  for (let iter = 0; iter < 8; iter++) {
    let changed = 0;
    members.forEach((m, i) => {
      let bestDot = -Infinity;
      let arg = 0;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let d = 0; d < D; d++) dot += vectors[m * D + d]! * centroids[c * D + d]!;
        if (dot > bestDot) {
          bestDot = dot;
          arg = c;
        }
      }
      if (assign[i] !== arg || iter === 0) changed++;
      assign[i] = arg;
    });
    centroids.fill(0);
    members.forEach((m, i) => {
      const c = assign[i]!;
      for (let d = 0; d < D; d++) centroids[c * D + d]! += vectors[m * D + d]!;
    });
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < D; d++) norm += centroids[c * D + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < D; d++) centroids[c * D + d]! /= norm;
    }
    if (changed < members.length * 0.005) break;
  }
  const parts: number[][] = Array.from({ length: k }, () => []);
  members.forEach((m, i) => parts[assign[i]!]!.push(m));
  return parts;
}

const langs = values.lang === 'all' ? (['en', 'es'] as const) : [values.lang as 'en' | 'es'];
for (const lang of langs) clusterLanguage(lang);
