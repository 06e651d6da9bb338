/**
 * `npm run bench:link`: linking at scale. Synthetic annotated articles (fictional names drawn with Zipf popularity, so
 * some people recur in thousands of articles and new names keep arriving; one in ten articles a near copy of an
 * earlier one) are stored and linked one by one into one SQLite store, as ingest does, each with its findings update
 * (src/analyze, in the linking transaction, as ingest runs it). Printed: total time and peak RSS at each checkpoint, the
 * median and p95 time to link one article at the end (the findings update included, and apart), and side by side the
 * floor — the same articles stored without linking — so the ratio says what linking costs on top of storing.
 * The articles hold names and roles only (no dates, figures or quotes): scripts/bench-analyze.ts times the findings
 * update on the API bench store's articles.
 *
 * Options: --articles N (default 100000), --checkpoints 10000,30000,100000, --tail N (articles timed at the end, 1000).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { Doc, EntityMention, EntityType, RoleFact } from '../src/core/doc.ts';
import { analyzeAfterLink } from '../src/analyze/update.ts';
import { type AfterLink, linkArticles } from '../src/link/link-articles.ts';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const total = Number(option('articles', '100000'));
const checkpoints = option('checkpoints', '10000,30000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n <= total);
if (!checkpoints.includes(total)) checkpoints.push(total);
const tail = Number(option('tail', '1000'));

let seed = 7;
// The same LCG as before, computed exactly: \`seed * 1103515245\` in doubles lost its low bits and fell into a cycle of
// 10,466 draws, so "unrelated" articles repeated each other's text every thirty or so articles.
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
/** An index in [0, n) with Zipf-like popularity: a few values very often, a long tail seldom. */
const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** random()) - 1);
const syllables = ['ka', 'lo', 'mi', 'ra', 'tu', 'ven', 'sol', 'qui', 'dar', 'no', 'pel', 'ru', 'an', 'tis', 'go', 'ber', 'la', 'zu', 'mon', 'cha'];
const word = (n: number) => {
  let w = '';
  let x = n + 1;
  while (x > 0) {
    w += syllables[x % syllables.length];
    x = Math.floor(x / syllables.length);
  }
  return w;
};
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const firstNames = Array.from({ length: 600 }, (_, i) => cap(word(i * 7 + 3)));
const surnames = Array.from({ length: 3000 }, (_, i) => cap(word(i * 13 + 400)));
const places = Array.from({ length: 800 }, (_, i) => cap(word(i * 17 + 9000)));
const orgs = Array.from({ length: 500 }, (_, i) => `${cap(word(i * 5 + 20000))} ${['Council', 'Front', 'Party', 'Ministry', 'Union'][i % 5]}`);
const roles = ['minister', 'ambassador', 'spokesperson', 'governor', 'mayor', 'president', 'prosecutor'];
const filler = Array.from({ length: 5000 }, (_, i) => word(i * 3 + 50000));
const people = Array.from({ length: 60000 }, (_, i) => {
  const first = firstNames[(i * 31) % firstNames.length]!;
  const last = surnames[(i * 17 + Math.floor(i / surnames.length)) % surnames.length]!;
  const second = surnames[(i * 7 + 11) % surnames.length]!;
  return { full: `${first} ${last} ${second}`, short: last, role: roles[i % roles.length]! };
});

/** The planted near copies (copy id → original id), to count copy links that are not planted. */
const planted = new Map<string, string>();

function makeDoc(index: number, previous: Doc[]): Doc {
  const copyOf = index > 50 && index % 10 === 0 ? previous[Math.floor(random() * previous.length)] : undefined;
  let text = '';
  const entities: EntityMention[] = [];
  const roleFacts: RoleFact[] = [];
  const mention = (surface: string, type: EntityType, refersTo?: number) => {
    const start = text.length;
    text += surface;
    const m: EntityMention = { start, end: text.length, text: surface, type, tokenStart: 0, tokenEnd: 0, confidence: 0.9 };
    if (refersTo !== undefined) m.refersTo = refersTo;
    entities.push(m);
    return entities.length - 1;
  };
  const words = (n: number) => {
    for (let k = 0; k < n; k++) text += ` ${filler[zipf(filler.length)]}`;
    text += '. ';
  };
  if (copyOf) {
    // A near copy: the same text with a new last paragraph, the same mentions.
    const cut = copyOf.text.lastIndexOf('. ', copyOf.text.length - 3);
    text = copyOf.text.slice(0, cut + 2);
    for (const m of copyOf.entities ?? []) if (m.end <= text.length) entities.push({ ...m });
    words(12);
  } else {
    for (let s = 0; s < 14; s++) {
      const person = people[zipf(people.length)]!;
      const full = mention(person.full, 'PER');
      if (random() < 0.3) {
        text += `, the ${person.role},`;
        roleFacts.push({ entity: full, role: person.role, start: text.length - person.role.length - 1, end: text.length - 1, text: person.role });
      }
      words(6);
      mention(person.short, 'PER', full);
      text += ' in ';
      mention(places[zipf(places.length)]!, 'LOC');
      words(8);
      if (s % 3 === 0) {
        mention(orgs[zipf(orgs.length)]!, 'ORG');
        words(7);
      }
    }
    // A bare surname that the article never ties to a full name.
    mention(people[zipf(people.length)]!.short, 'PER');
    words(5);
  }
  text += `Article ${index}.`;
  const contentHash = createHash('sha256').update(text).digest('hex');
  if (copyOf) planted.set(contentHash.slice(0, 16), copyOf.id);
  return {
    id: contentHash.slice(0, 16),
    contentHash,
    text,
    sourceMap: [],
    messages: [],
    entities,
    roles: roleFacts,
    meta: {
      title: `Synthetic ${index}`,
      outlet: `Outlet ${index % 40}`,
      authors: [],
      translator: null,
      published: `2025-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
      datelinePlace: null,
      language: 'en',
      source: `synthetic:${index}`,
      via: null,
      canonicalUrl: null,
      partIndex: 0,
      partCount: 1,
    },
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function run(mode: 'link' | 'floor') {
  seed = 7;
  const file = join(root, '.bench', `link-${mode}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const repository = new SqliteRepository(file);
  await repository.migrate();
  const recent: Doc[] = [];
  const rows: { articles: number; seconds: number; rssMb: number }[] = [];
  const linkTimes: number[] = [];
  const copyTimes = { copies: [] as number[] };
  const analyzeTimes: number[] = [];
  let timed = false;
  const afterLink: AfterLink = async (link, doc, moved) => {
    const started = performance.now();
    await analyzeAfterLink(link, doc, moved);
    if (timed) analyzeTimes.push(performance.now() - started);
  };
  let elapsed = 0;
  for (let i = 1; i <= total; i++) {
    const doc = makeDoc(i, recent);
    recent.push(doc);
    if (recent.length > 2000) recent.shift();
    const started = performance.now();
    await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
    const saved = performance.now();
    timed = i > total - tail;
    if (mode === 'link') await linkArticles(repository, [doc], timed ? copyTimes : undefined, afterLink);
    const done = performance.now();
    elapsed += done - started;
    if (i > total - tail) linkTimes.push(mode === 'link' ? done - saved : saved - started);
    if (checkpoints.includes(i)) {
      rows.push({ articles: i, seconds: elapsed / 1000, rssMb: process.resourceUsage().maxRSS / 1024 });
      console.log(`  ${mode.padEnd(5)} ${String(i).padStart(7)} articles  ${(elapsed / 1000).toFixed(1).padStart(8)} s  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    }
  }
  const entities = mode === 'link' ? (await repository.listEntities({ limit: 1 })).total : 0;
  if (mode === 'link') {
    // Every link between articles that are not a planted pair is a false copy among unrelated articles.
    const copies = await repository.listCopies();
    // A copy of a copy shares its root with the first original: links inside one planted family are expected.
    const root = (id: string): string => (planted.has(id) ? root(planted.get(id)!) : id);
    const isPlanted = (a: string, b: string) => root(a) === root(b);
    const unplanned = copies.filter((c) => !isPlanted(c.copyId, c.originalId)).length;
    const found = new Set(copies.map((c) => `${c.copyId}|${c.originalId}`));
    const recalled = [...planted].filter(([c, o]) => found.has(`${c}|${o}`) || found.has(`${o}|${c}`)).length;
    console.log(`  copy links: ${copies.length}; planted copies found ${recalled}/${planted.size}; links between unplanted pairs ${unplanned}`);
  }
  await repository.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return { rows, linkTimes, entities, copyTimes: copyTimes.copies, analyzeTimes };
}

console.log(`linking bench: ${total} synthetic articles (≈30 mentions each, 10% near copies), one SQLite store`);
const linked = await run('link');
const floor = await run('floor');
console.log('\nstore + link, cumulative     articles   seconds  articles/s  peak RSS MB   floor s  ratio (link/floor time)');
for (const [k, r] of linked.rows.entries()) {
  const f = floor.rows[k]!;
  console.log(
    `${''.padEnd(28)} ${String(r.articles).padStart(8)} ${r.seconds.toFixed(1).padStart(9)} ${(r.articles / r.seconds).toFixed(0).padStart(11)} ${r.rssMb.toFixed(0).padStart(12)} ${f.seconds.toFixed(1).padStart(9)} ${(r.seconds / f.seconds).toFixed(2).padStart(8)}`,
  );
}
const last = linked.rows.at(-1)!;
const first = linked.rows[0]!;
console.log(`growth: ${(last.seconds / first.seconds).toFixed(2)}× the time for ${(last.articles / first.articles).toFixed(1)}× the articles`);
console.log(
  `link one new article into the ${last.articles}-article store (last ${tail}): median ${percentile(linked.linkTimes, 0.5).toFixed(2)} ms, p95 ${percentile(linked.linkTimes, 0.95).toFixed(2)} ms, max ${Math.max(...linked.linkTimes).toFixed(1)} ms`,
);
console.log(`  of which copy linking (keys, candidates, matching, storing): median ${percentile(linked.copyTimes, 0.5).toFixed(2)} ms, p95 ${percentile(linked.copyTimes, 0.95).toFixed(2)} ms`);
console.log(`  of which the findings update (src/analyze): median ${percentile(linked.analyzeTimes, 0.5).toFixed(2)} ms, p95 ${percentile(linked.analyzeTimes, 0.95).toFixed(2)} ms`);
console.log(`store one article without linking (floor, last ${tail}): median ${percentile(floor.linkTimes, 0.5).toFixed(3)} ms`);
console.log(`entities in the store: ${linked.entities}`);
