/**
 * Benchmark: the figures stage alone (timexes computed beforehand) over the sample corpus repeated,
 * on one core. Prints words per second. Run: node --import tsx src/annotate/figures/figures.bench.ts [rounds]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tagTimexes } from '../timex/index.ts';
import { findFigures } from './index.ts';

const rounds = Number(process.argv[2] ?? 30);
const dir = join(import.meta.dirname, '..', '..', '..', 'samples', 'articles');
const texts = readdirSync(dir)
  .filter((f) => /^\d\d-.*\.(txt|md)$/.test(f))
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const inputs = texts
  .map((text) => ({ text, language: /\b(el|la|de|que)\b/g.test(text) && (text.match(/\b(el|la|que)\b/g)?.length ?? 0) > 20 ? 'es' : 'en' }))
  .map((x) => ({ ...x, timexes: tagTimexes(x.text, { anchor: '2025-11-20', language: x.language }).timexes }));
const words = inputs.reduce((s, x) => s + x.text.split(/\s+/).length, 0);
for (const x of inputs) findFigures(x.text, x); // warm up
let figures = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const x of inputs) figures += findFigures(x.text, { ...x, published: '2025-11-20' }).figures.length;
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const s = (cpu.user + cpu.system) / 1e6;
// One long document: the stage stays linear in the text.
const long = inputs
  .map((x) => x.text)
  .join('\n\n')
  .repeat(20);
const longTimexes = tagTimexes(long, { anchor: '2025-11-20', language: 'en' }).timexes;
const t1 = performance.now();
findFigures(long, { language: 'en', timexes: longTimexes });
const sLong = (performance.now() - t1) / 1000;
console.log(
  JSON.stringify({
    words: words * rounds,
    wallSeconds: +wall.toFixed(2),
    cpuSeconds: +s.toFixed(2),
    wordsPerCpuSecond: Math.round((words * rounds) / s),
    figuresPerRound: figures / rounds,
    longDocWords: long.split(/\s+/).length,
    longDocSeconds: +sLong.toFixed(2),
  }),
);
