/**
 * `npx tsx scripts/screenshots.ts [--out docs/screenshots] [--all]`: the README's pictures of the web UI, made from
 * the demo corpus (samples/) in a temporary store with Debian's chromium. By default the timeline, the claims
 * ledger and a copy beside its original; --all adds every main view (for looking at, not for committing).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ingest } from '../src/jobs/ingest-job.ts';
import { defaultPipeline } from '../src/jobs/pipeline.ts';
import { serve } from '../src/server/serve.ts';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const at = args.indexOf('--out');
const out = at >= 0 ? args[at + 1]! : join(root, 'docs', 'screenshots');
/**
 * Each view: its file name, its path, what shows it is ready, and optionally a link to follow first (a pair's ids are
 * known only once ingested) and what to scroll into view.
 */
const views: [name: string, path: string, ready: string, follow?: string, show?: string][] = [
  ['timeline', '/timeline?entity=Etxeberri', '.timeline .event'],
  ['claims', '/claims?about=Chaupimayo', 'table.claims tbody tr'],
  // The partial copy of the samples (16 of 06) beside its original: its own lead, four shared paragraphs, eleven days become nine.
  ['copy-pair', '/copies', 'table.pair tr.shared', 'table.copies tbody tr:has-text("The Highland Courier") a:has-text("side by side")', 'table.pair mark.changed'],
];
if (args.includes('--all')) {
  views.push(
    ['overview', '/', 'table.articles tbody tr'],
    ['articles', '/articles', 'table.articles tbody tr'],
    ['search', '/search?q=Etxeberri', '.hit'],
    ['conflicts', '/conflicts?verdict=conflict', '.figure-group'],
    ['entities', '/entities', 'table.entities tbody tr'],
    ['entity', '/entities/ramiro-etxeberri', '.cooccurring li'],
    ['graph', '/graph', 'svg.network a.node'],
    ['sources', '/sources', 'table.source-edges tbody tr'],
    ['copies', '/copies', 'table.copies tbody tr'],
    ['ingest', '/ingest', '.dropzone'],
  );
}

const work = mkdtempSync(join(tmpdir(), 'quipu-shots-'));
const repository = new SqliteRepository(join(work, 'demo.db'));
await repository.migrate();
const pipeline = await defaultPipeline();
await ingest([join(root, 'samples', 'articles')], repository, { pipeline });
const server = await serve({ port: 0, host: '127.0.0.1', repository, pipeline, allowPrivate: false, staticDir: join(root, 'dist', 'web') });
const browser = await chromium.launch({ executablePath: process.env.QUIPU_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'] });
try {
  mkdirSync(out, { recursive: true });
  // A laptop screen's worth: 1280 × 800 CSS pixels at 1×, which keeps each PNG to a couple of hundred KB.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const [name, path, ready, follow, show] of views) {
    await page.goto(server.url + path);
    if (follow) await page.locator(follow).first().click();
    await page.locator(ready).first().waitFor();
    await page.locator('.stale').waitFor({ state: 'detached' });
    if (show)
      await page
        .locator(show)
        .first()
        .evaluate((el) => el.closest('tr')?.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(join(out, `${name}.png`));
  }
} finally {
  await browser.close();
  await server.close();
  await repository.close();
  rmSync(work, { recursive: true, force: true });
}
