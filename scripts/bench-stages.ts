/**
 * Stage throughput, one core, in this process: each annotation stage over the same texts, side by side
 * with the library a user might reach for instead (chrono-node for dates), as medians of several passes.
 * Run by `npm run bench` after the ingest rows; alone with `npx tsx scripts/bench-stages.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import { entitiesStage, loadNerModel } from '../src/annotate/entities/index.ts';
import { quotesStage } from '../src/annotate/quotes/index.ts';
import { sentencesStage } from '../src/annotate/sentences/index.ts';
import { tagTimexes } from '../src/annotate/timex/index.ts';
import { findFigures } from '../src/annotate/figures/index.ts';
import { tokensStage } from '../src/annotate/tokens/index.ts';
import type { Doc } from '../src/core/doc.ts';
import { buildPipeline } from '../src/core/pipeline.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const passes = 5;

/** The sample articles, repeated to about 200,000 words so each pass runs long enough to time. */
function benchTexts(): { text: string; language: string; anchor: string }[] {
  const folder = join(root, 'samples', 'articles');
  const texts = readdirSync(folder)
    .filter((f) => /\.(txt|md)$/.test(f))
    .map((f) => ({ text: readFileSync(join(folder, f), 'utf8'), language: /^(03|05|09|15)-/.test(f) ? 'es' : 'en', anchor: '2025-11-20' }));
  const words = texts.reduce((sum, t) => sum + t.text.split(/\s+/).length, 0);
  return Array.from({ length: Math.ceil(200_000 / words) }, () => texts).flat();
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function benchStages(): void {
  const texts = benchTexts();
  const english = texts.filter((t) => t.language === 'en');
  const words = (list: typeof texts) => list.reduce((sum, t) => sum + t.text.split(/\s+/).filter(Boolean).length, 0);
  const rows: { name: string; words: number; seconds: number; cpuSeconds: number }[] = [];
  const jobs: { row: (typeof rows)[number]; pass: () => void; wall: number[]; cpu: number[] }[] = [];
  // rows are registered first and their passes run round-robin, so a change in the machine's load
  // falls on every row alike and the ratios stay fair on a shared machine
  const run = (name: string, list: typeof texts, work: (t: (typeof texts)[number]) => void) => {
    work(list[0]!);
    const row = { name, words: words(list), seconds: 0, cpuSeconds: 0 };
    rows.push(row);
    jobs.push({ row, pass: () => list.forEach(work), wall: [], cpu: [] });
  };
  const runAll = () => {
    for (let p = 0; p < passes; p++) {
      for (const job of jobs) {
        const cpu0 = process.cpuUsage();
        job.wall.push(time(job.pass));
        const cpu = process.cpuUsage(cpu0);
        job.cpu.push((cpu.user + cpu.system) / 1e6);
      }
    }
    for (const job of jobs) {
      job.row.seconds = median(job.wall);
      job.row.cpuSeconds = median(job.cpu);
    }
  };
  run('timex stage (en+es)', texts, (t) => tagTimexes(t.text, { anchor: t.anchor, language: t.language }));
  run('timex stage (en only)', english, (t) => tagTimexes(t.text, { anchor: t.anchor, language: t.language }));
  // the figures stage reads the timexes of its text; they are found once here so the row times figures alone
  const withTimexes = texts.map((t) => ({ ...t, timexes: tagTimexes(t.text, { anchor: t.anchor, language: t.language }).timexes }));
  let f = 0;
  run('figures stage alone (en+es, timexes given)', texts, () => {
    const t = withTimexes[f++ % withTimexes.length]!;
    findFigures(t.text, { language: t.language, timexes: t.timexes, published: t.anchor });
  });
  const reference = new Date('2025-11-20T12:00:00Z');
  run('chrono-node parse (en only)', english, (t) => chrono.parse(t.text, reference));
  const toDoc = (t: (typeof texts)[number]): Doc => ({
    id: 'b',
    contentHash: 'b',
    text: t.text,
    sourceMap: [],
    messages: [],
    meta: {
      title: null,
      outlet: null,
      authors: [],
      translator: null,
      published: t.anchor,
      datelinePlace: null,
      language: t.language,
      source: 'bench',
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
  });
  const ctx = { models: new Map() };
  const loadStarted = performance.now();
  loadNerModel('en');
  loadNerModel('es');
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const tokenize = buildPipeline([tokensStage, sentencesStage]);
  const tokenized = english.map((t) => tokenize.run(toDoc(t)));
  run('tokens + sentences (en)', english, (t) => tokenize.run(toDoc(t)));
  let k = 0;
  run('NER tagger alone (en, tokenized)', english, () => entitiesStage.run(tokenized[k++ % tokenized.length]!, ctx));
  // the tagger's target is stated in tokens (punctuation and clitics count), the other rows in words
  const taggerTokens = tokenized.reduce((sum, d) => sum + (d.tokens?.length ?? 0), 0);
  const withEntities = buildPipeline([tokensStage, sentencesStage, entitiesStage]);
  run('entities stage: tokens+sentences+NER (en)', english, (t) => withEntities.run(toDoc(t)));
  run('compromise people/places/orgs (en)', english, (t) => {
    const doc = nlp(t.text);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
  });
  const annotated = english.map((t) => withEntities.run(toDoc(t)));
  let q = 0;
  run('quotes stage alone (en, annotated)', english, () => quotesStage.run(annotated[q++ % annotated.length]!, ctx));
  runAll();
  console.log(`\nstages (one core, median of ${passes} passes, rows interleaved)   words  words/s wall  words/s CPU`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(42)} ${String(row.words).padStart(8)} ${(row.words / row.seconds).toFixed(0).padStart(12)} ${(row.words / row.cpuSeconds).toFixed(0).padStart(12)}`);
  }
  const ours = rows.find((r) => r.name === 'timex stage (en only)')!;
  const chronoRow = rows.find((r) => r.name.startsWith('chrono'))!;
  console.log(`ratio timex/chrono-node (English): ${(ours.words / ours.seconds / (chronoRow.words / chronoRow.seconds)).toFixed(2)}×`);
  const rate = (name: string) => {
    const r = rows.find((x) => x.name.startsWith(name))!;
    return r.words / r.seconds;
  };
  const tagger = rows.find((r) => r.name.startsWith('NER tagger alone'))!;
  console.log(`NER tagger alone (en): ${taggerTokens} tokens, ${(taggerTokens / tagger.seconds).toFixed(0)} tokens/s wall, ${(taggerTokens / tagger.cpuSeconds).toFixed(0)} tokens/s CPU`);
  console.log(`ratio entities stage/compromise (English): ${(rate('entities stage') / rate('compromise')).toFixed(2)}×`);
  console.log(`ratio NER tagger alone/compromise (English, words/s): ${(rate('NER tagger alone') / rate('compromise')).toFixed(2)}×`);
  console.log(`NER models (en + es) loaded in ${loadSeconds.toFixed(2)} s; RSS now ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchStages();
