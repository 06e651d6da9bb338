/**
 * Regenerates the golden files from Quipu's current output and prints what changed, record by record; review the diff
 * before committing. `npm run update-goldens -- quotes` regenerates only the files whose name holds "quotes".
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedEntities } from '../test/helpers/seed-entities.ts';
import { seedTimexes } from '../test/helpers/seed-timexes.ts';
import { seedQuotes } from '../test/helpers/seed-quotes.ts';
import { readSeedMetadata } from '../test/helpers/seed-metadata.ts';
import { goldenJson } from '../test/helpers/golden-json.ts';
import { hasShared, repoRoot, seedsDir } from '../test/helpers/shared.ts';

if (!hasShared) {
  console.error('update-goldens needs ../shared/seeds');
  process.exit(1);
}
const only = process.argv.slice(2);
const goldens: [string, () => Promise<unknown>][] = [
  ['seeds-metadata.json', () => readSeedMetadata(seedsDir)],
  ['seeds-timexes.json', seedTimexes],
  ['seeds-entities.json', seedEntities],
  ['seeds-quotes.json', seedQuotes],
];
for (const [name, make] of goldens) {
  if (only.length > 0 && !only.some((part) => name.includes(part))) continue;
  const path = join(repoRoot, 'test', 'golden', name);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const after = goldenJson(await make());
  writeFileSync(path, after);
  console.log(`${name}: ${summarize(before, after)}`);
}

/** Lines gone and lines new (a line is one record: an article's field or one annotation), with the first few shown. */
function summarize(before: string, after: string): string {
  if (before === after) return 'unchanged';
  const count = (text: string) => text.split('\n').reduce((m, line) => m.set(line, (m.get(line) ?? 0) + 1), new Map<string, number>());
  const was = count(before);
  const now = count(after);
  const diff = (a: Map<string, number>, b: Map<string, number>) => [...a].flatMap(([line, n]) => Array<string>(Math.max(0, n - (b.get(line) ?? 0))).fill(line));
  const gone = diff(was, now);
  const added = diff(now, was);
  const show = (sign: string, lines: string[]) =>
    lines
      .slice(0, 5)
      .map((line) => `\n  ${sign} ${line.trim().slice(0, 160)}`)
      .join('');
  return `${gone.length} records gone, ${added.length} new${show('-', gone)}${show('+', added)}${gone.length + added.length > 10 ? '\n  …' : ''}`;
}
