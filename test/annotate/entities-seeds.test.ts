import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedEntities, seedMentionTexts } from '../helpers/seed-entities.ts';
import { needsShared, repoRoot } from '../helpers/shared.ts';

test('entity seeds: mentions match the reviewed golden file', { skip: needsShared }, async () => {
  const golden = JSON.parse(readFileSync(join(repoRoot, 'test', 'golden', 'seeds-entities.json'), 'utf8'));
  assert.deepEqual(await seedEntities(), golden, 'run `npm run update-goldens` and review the diff if the change is intended');
});

test('entity seeds: the names a reader checks by eye', { skip: needsShared }, async () => {
  const mentions = await seedMentionTexts();
  const has = (key: string, text: string, type?: string) =>
    assert.ok(mentions.get(key)?.some((m) => m.text === text && (!type || m.type === type)), `${key}: ${text}${type ? ` (${type})` : ''}`);
  has('000#0', 'Vladimir Cerrón Rojas', 'PER');
  has('000#0', 'Javier González-Olaechea', 'PER');
  has('000#0', 'Perú Libre', 'ORG');
  has('000#0', 'Acción Popular', 'ORG');
  has('000#0', 'Peru21');
  has('000#0', 'Cuba', 'LOC');
  has('000#0', 'Junín', 'LOC');
});
