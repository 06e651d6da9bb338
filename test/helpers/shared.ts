/** Where `../shared` is, and a visible skip for suites that need it when it is absent. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.QUIPU_SHARED ?? join(repoRoot, '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'seeds'));
export const seedsDir = join(sharedDir, 'seeds');
export const samplesDir = join(repoRoot, 'samples', 'articles');

/** The reason string node:test prints for a skipped test that needs ../shared. */
export const needsShared = hasShared ? false : `needs ../shared (not found at ${sharedDir})`;
if (!hasShared && process.env.QUIPU_REQUIRE_SHARED === '1') throw new Error(`QUIPU_REQUIRE_SHARED is set but ${sharedDir} is absent`);
if (!hasShared) console.log(`# SKIP: suites that read ../shared are skipped: ${sharedDir} is absent`);
