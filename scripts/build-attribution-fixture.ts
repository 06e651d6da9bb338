/**
 * Builds a PolNeAR-layout folder (text/*.txt, brat attributions/*_quipu.ann) from the hand-annotated
 * marked-up articles in `<dir>/marked/` (markup: src/eval/attribution-marked.ts).
 *
 *   npx tsx scripts/build-attribution-fixture.ts test/fixtures/attribution-es/a
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseMarked, toBrat } from '../src/eval/attribution-marked.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: build-attribution-fixture.ts <dir with marked/>');
  process.exit(2);
}
mkdirSync(join(dir, 'text'), { recursive: true });
mkdirSync(join(dir, 'attributions'), { recursive: true });
let total = 0;
for (const file of readdirSync(join(dir, 'marked'))
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const parsed = parseMarked(readFileSync(join(dir, 'marked', file), 'utf8'));
  const name = basename(file, '.txt');
  writeFileSync(join(dir, 'text', `${name}.txt`), parsed.text);
  const ann = toBrat(parsed);
  writeFileSync(join(dir, 'attributions', `${name}_quipu.ann`), ann);
  total += ann.split('\n').filter((l) => l.startsWith('E')).length;
}
console.log(`${dir}: ${total} attributions`);
