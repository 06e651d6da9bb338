/**
 * Stage throughput, one core, in this process: each annotation stage over the same texts, side by side
 * with the library a user might reach for instead (chrono-node for dates), as medians of several passes.
 * Run by `npm run bench` after the ingest rows; alone with `npx tsx scripts/bench-stages.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { tagTimexes } from '../src/annotate/timex/index.ts';

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
  const rows: { name: string; words: number; seconds: number }[] = [];
  const run = (name: string, list: typeof texts, work: (t: (typeof texts)[number]) => void) => {
    work(list[0]!);
    const seconds = median(Array.from({ length: passes }, () => time(() => list.forEach(work))));
    rows.push({ name, words: words(list), seconds });
  };
  run('timex stage (en+es)', texts, (t) => tagTimexes(t.text, { anchor: t.anchor, language: t.language }));
  run('timex stage (en only)', english, (t) => tagTimexes(t.text, { anchor: t.anchor, language: t.language }));
  const reference = new Date('2025-11-20T12:00:00Z');
  run('chrono-node parse (en only)', english, (t) => chrono.parse(t.text, reference));
  console.log(`\nstages (one core, median of ${passes} passes)   words       words/s`);
  for (const row of rows) console.log(`${row.name.padEnd(38)} ${String(row.words).padStart(8)} ${(row.words / row.seconds).toFixed(0).padStart(12)}`);
  const ours = rows.find((r) => r.name === 'timex stage (en only)')!;
  const chronoRow = rows.find((r) => r.name.startsWith('chrono'))!;
  console.log(`ratio timex/chrono-node (English): ${((ours.words / ours.seconds) / (chronoRow.words / chronoRow.seconds)).toFixed(2)}×`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchStages();
