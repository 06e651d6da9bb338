/**
 * Copy linking at ingest (link-articles.ts) whatever the order the articles arrive in, on both engines: the samples'
 * copies in any order, and a wire story reprinted by more outlets than a blocking key is read for (each key reads at
 * most `copyCandidateLimits.perKey` stored articles), every reprint still linked.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Doc } from '../core/doc.ts';
import { extractItem } from '../ingest/extract.ts';
import type { Repository } from '../store/repository.ts';
import { repositoryEngines } from '../../test/helpers/postgres.ts';
import { annotatedSamples } from '../../test/helpers/samples.ts';
import { copyCandidateLimits, linkArticles } from './link-articles.ts';

/** The copy links (copy > original, kind) after storing and linking `docs` one by one in that order. */
async function copiesLinked(open: () => Promise<Repository>, docs: readonly Doc[]): Promise<string[]> {
  const repository = await open();
  await repository.migrate();
  for (const doc of docs) {
    await repository.saveArticles({ locator: doc.meta.source, kind: 'text', contentType: 'text/plain', charset: 'utf-8', raw: doc.text }, [doc]);
    await linkArticles(repository, [doc]);
  }
  const names = new Map(docs.map((d) => [d.id, d.meta.source]));
  const links = (await repository.listCopies()).map((c) => `${names.get(c.copyId)} > ${names.get(c.originalId)} ${c.kind}`).sort();
  await repository.close();
  return links;
}

/** `docs` in a seeded random order (replayable). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const wireStory = [
  'Flooding along the Rimac river forced 1,240 families from their homes on Tuesday, the civil defence office said in its evening report.',
  'Rescue crews pulled 37 people from the water near the Huachipa bridge, where the current tore away 14 market stalls and a footbridge built in 2009.',
  'The regional government declared an emergency in 6 districts and asked the ministry for 18 water trucks and 400 tents before the weekend.',
  'Residents of the lower valley said the warning came too late, two hours after the first houses were already standing in knee-deep water.',
  'Forecasters expect rain to continue for at least 3 more days, and the river authority warned that the Chosica gauge could pass 520 cubic metres a second.',
];

/** More reprints of one wire story than a key is read for, each under its own outlet's credit line. */
async function reprints(): Promise<Doc[]> {
  const out: Doc[] = [];
  for (let i = 0; i < copyCandidateLimits.perKey + 8; i++) {
    const page = [`---\noutlet: Outlet ${i}\ndate: 2025-03-${String(4 + (i % 20)).padStart(2, '0')}\nlang: en\n---`, `Outlet ${i} staff report, edition ${i + 100}.`, ...wireStory].join('\n\n');
    const { docs } = await extractItem({ locator: `reprint-${i}.md`, bytes: Buffer.from(page), contentType: '', charset: null });
    out.push(...docs);
  }
  return out;
}

let samples: Doc[] = [];
before(async () => {
  samples = (await annotatedSamples()).map(({ name, doc }) => ({ ...doc, meta: { ...doc.meta, source: name } }));
});

for (const engine of repositoryEngines) {
  test(`${engine.name} copy linking: the samples' copies are the same whatever order they arrive in`, { skip: engine.skip }, async () => {
    const forward = await copiesLinked(engine.open, samples);
    assert.ok(forward.includes('11 > 10 syndicated'), forward.join('; '));
    assert.deepEqual(await copiesLinked(engine.open, [...samples].reverse()), forward);
    for (const seed of [3, 17]) assert.deepEqual(await copiesLinked(engine.open, shuffled(samples, seed)), forward, `seed ${seed}`);
  });

  test(`${engine.name} copy linking: a story reprinted by more outlets than a key is read for links every reprint`, { skip: engine.skip }, async () => {
    const docs = await reprints();
    for (const order of [docs, shuffled(docs, 5)]) {
      const links = await copiesLinked(engine.open, order);
      const linked = new Set(links.flatMap((l) => l.split(' ').filter((w) => w.startsWith('reprint-'))));
      assert.equal(linked.size, docs.length, links.join('; '));
    }
  });
}
