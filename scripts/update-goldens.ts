/** Regenerates the golden files from Quipu's current output; review the diff before committing. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedEntities } from '../test/helpers/seed-entities.ts';
import { seedTimexes } from '../test/helpers/seed-timexes.ts';
import { seedQuotes } from '../test/helpers/seed-quotes.ts';
import { readSeedMetadata } from '../test/helpers/seed-metadata.ts';
import { hasShared, repoRoot, seedsDir } from '../test/helpers/shared.ts';

if (!hasShared) {
  console.error('update-goldens needs ../shared/seeds');
  process.exit(1);
}
const path = join(repoRoot, 'test', 'golden', 'seeds-metadata.json');
writeFileSync(path, `${JSON.stringify(await readSeedMetadata(seedsDir), null, 1)}\n`);
console.log(`wrote ${path}`);
const timexPath = join(repoRoot, 'test', 'golden', 'seeds-timexes.json');
writeFileSync(timexPath, `${JSON.stringify(await seedTimexes())}\n`);
console.log(`wrote ${timexPath}`);
const entitiesPath = join(repoRoot, 'test', 'golden', 'seeds-entities.json');
writeFileSync(entitiesPath, `${JSON.stringify(await seedEntities())}\n`);
console.log(`wrote ${entitiesPath}`);
const quotesPath = join(repoRoot, 'test', 'golden', 'seeds-quotes.json');
writeFileSync(quotesPath, `${JSON.stringify(await seedQuotes())}\n`);
console.log(`wrote ${quotesPath}`);
