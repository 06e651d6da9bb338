import { readFileSync } from 'node:fs';
import { extractItem } from '../src/ingest/extract.ts';
const expected = JSON.parse(readFileSync('samples/expected.json', 'utf8'));
const byFile = new Map<string, any[]>();
for (const e of expected) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
let bad = 0;
for (const [file, exps] of byFile) {
  const r = await extractItem({ locator: 'samples/articles/' + file, bytes: readFileSync('samples/articles/' + file), contentType: '', charset: null });
  if (r.docs.length !== exps.length) {
    console.log(file, 'parts', r.docs.length, 'expected', exps.length);
    bad++;
  }
  exps.forEach((e, i) => {
    const d = r.docs[i];
    if (!d) return;
    for (const k of ['title', 'outlet', 'authors', 'translator', 'published', 'datelinePlace', 'language']) {
      const got = JSON.stringify((d.meta as any)[k]);
      const want = JSON.stringify(e[k]);
      if (got !== want) {
        console.log(file, i, k, 'got', got, 'want', want);
        bad++;
      }
    }
  });
}
console.log('mismatches', bad);
