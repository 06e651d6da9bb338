/**
 * The web UI end to end: a vite build made here, served by `serve()` on 127.0.0.1 over a store holding the samples,
 * driven by Debian's chromium through playwright-core. Skips, saying why, when chromium is not installed.
 * Set QUIPU_E2E_SCREENSHOTS=<folder> to keep screenshots of the main views; QUIPU_REQUIRE_CHROMIUM=1 turns the skip into a failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { Doc, EntityMention } from '../../src/core/doc.ts';
import type { Pipeline } from '../../src/core/pipeline.ts';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { defaultPipeline } from '../../src/jobs/pipeline.ts';
import { openRepository } from '../../src/store/open.ts';
import type { Repository } from '../../src/store/repository.ts';
import { type RunningServer, serve } from '../../src/server/serve.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.QUIPU_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(chromiumPath) ? false : `${chromiumPath} is not installed (apt-get install -y chromium); the web UI end-to-end tests did not run`;
if (skip) console.log(`# SKIP e2e: ${skip}`);
// CI sets QUIPU_REQUIRE_CHROMIUM=1 so a missing browser fails the run instead of skipping quietly.
test('e2e: chromium is present when required', { skip: process.env.QUIPU_REQUIRE_CHROMIUM !== '1' }, () => {
  assert.equal(skip, false, String(skip));
});
const screenshots = process.env.QUIPU_E2E_SCREENSHOTS;
const xssTitle = '<img src=x onerror=alert(1)>';
const xssKey = 'img-src-x-onerror-alert-1';

/**
 * The test page ends with markup written as text; no model would call it a name, so the pipeline is wrapped to add
 * it as an entity mention (the last one, so no other layer's index into the entities moves).
 */
function withMarkupEntity(pipeline: Pipeline): Pipeline {
  return {
    ...pipeline,
    run(doc, options) {
      const out: Doc = pipeline.run(doc, options);
      const start = out.text.lastIndexOf(xssTitle);
      if (start < 0) return out;
      const end = start + xssTitle.length;
      const entities = out.entities ?? [];
      assert.ok(
        entities.every((m) => m.end <= start),
        'the markup is the last thing named on the test page',
      );
      const tokens = out.tokens ?? [];
      const tokenStart = tokens.findIndex((t) => t.start >= start);
      const after = tokens.findIndex((t) => t.start >= end);
      const mention: EntityMention = { start, end, text: xssTitle, type: 'ORG', tokenStart, tokenEnd: after < 0 ? tokens.length : after, confidence: 1 };
      return { ...out, entities: [...entities, mention] };
    },
  };
}

let work: string;
let repository: Repository;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

const shoot = async (name: string) => {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
};

describe('web UI', { skip }, () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'quipu-e2e-'));
    const web = join(work, 'web');
    const build = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'src', 'web', 'vite.config.ts'), '--outDir', web, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);

    const extra = join(work, 'extra');
    mkdirSync(extra);
    writeFileSync(
      join(extra, 'xss.html'),
      `<!doctype html><html lang="en"><head><title>${xssTitle}</title><meta name="author" content="<script>alert(2)</script>"><meta property="og:site_name" content="${xssTitle}"></head><body><article>` +
        '<p>Antuvian officials said on 4 February 2023 that the injected-title test page had been received by the ministry, and that it was being examined.</p>' +
        '<p>The page exists only to check that markup in a title or author is shown as text and never run: <b onmouseover=alert(3)>bold</b>.</p>' +
        '<p>The statement was signed by the committee calling itself &lt;img src=x onerror=alert(1)&gt;</p></article></body></html>',
    );
    // A copy pair of our own (fictional outlets and harbour) whose shared text holds markup, to check the pair view shows it as text.
    const harbour = [
      'The harbour office in Port Ysolde said on Monday that 40 sailings to the outer islands had been cancelled since the ferry crews stopped work at dawn.',
      'Crew delegates wrote on the notice board <img src=x onerror=alert(6)> beside their list of demands, which asks for a second engineer on every night crossing.',
      'The operator, Ysolde Lines, said it would meet the delegates again on Thursday in Velmora and that no crew member would be disciplined for the stoppage.',
      'Islanders who depend on the morning boat for school and hospital visits queued at the quay for most of the day, and some were taken across by fishing launches.',
    ];
    writeFileSync(join(extra, 'harbour-original.txt'), `Ferry Crews Stop Work in Port Ysolde\n\nBy Mara Tellen – The Velmora Post – March 2, 2026\n\n${harbour.join('\n\n')}\n`);
    writeFileSync(
      join(extra, 'harbour-copy.txt'),
      `Islands Cut Off as Ferry Strike Drags On\n\nBy Staff – The Isla Courier – March 3, 2026\n\nOur reporter spent the day at the quay, where the queue for the launches reached the fish market by noon and nobody knew when the next boat would leave.\n\n${[harbour[0]!.replace('40 sailings', '45 sailings'), harbour[1], harbour[2]].join('\n\n')}\n\nSource: The Velmora Post\n`,
    );
    repository = openRepository(join(work, 'store.db'));
    await repository.migrate();
    const pipeline = withMarkupEntity(await defaultPipeline());
    const summary = await ingest([join(root, 'samples', 'articles'), join(extra, 'xss.html'), join(extra, 'harbour-original.txt'), join(extra, 'harbour-copy.txt')], repository, { pipeline });
    assert.deepEqual(summary.failed, []);
    server = await serve({ port: 0, host: '127.0.0.1', repository, pipeline, allowPrivate: false, staticDir: web, logError: (e) => console.error(e) });

    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 850 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    await repository?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('overview: counts by outlet and language, the date range and the latest articles', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const figures = await page.locator('.figures').innerText();
    assert.match(figures, /ARTICLES\s+2\d/i);
    assert.match(figures, /\d{4}.*→.*\d{4}/);
    assert.ok((await page.locator('#by-outlet + table tr').count()) > 2);
    assert.ok((await page.locator('table.articles tbody tr').count()) > 0);
    await page.locator('ul.latest-conflicts li').first().waitFor();
    assert.match(await page.locator('ul.latest-conflicts').innerText(), /killed in Chaupimayo on 2025-11-10 (12 vs 14|14 vs 12)/);
    assert.ok((await page.locator('table.top-entities tr').count()) >= 5);
    await shoot('overview');
    assert.deepEqual(pageErrors, []);
  });

  test('overview: a most-mentioned entity opens its page, and from there its timeline; a latest conflict opens alone', async () => {
    await page.goto(server.url);
    const first = page.locator('table.top-entities th a').first();
    await first.waitFor();
    const name = await first.innerText();
    await first.click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/entities\/[a-z0-9-]+$/);
    await page.getByRole('link', { name: 'timeline', exact: true }).click();
    await page.locator('.timeline .event').first().waitFor();
    assert.equal(new URL(page.url()).searchParams.get('entity'), name);
    await page.goto(server.url);
    const conflict = page.locator('ul.latest-conflicts a', { hasText: 'killed in Chaupimayo on 2025-11-10' });
    await conflict.click();
    await page.locator('.figure-group').first().waitFor();
    assert.equal(await page.locator('.figure-group').count(), 1);
    assert.match(await page.locator('.figure-group h2').innerText(), /killed in Chaupimayo on 2025-11-10/);
    assert.deepEqual(pageErrors, []);
  });

  test('search: "/" focuses the box; Etxeberri finds articles with marked snippets; a result opens with the match highlighted', async () => {
    await page.goto(`${server.url}/articles`);
    await page.getByRole('heading', { name: 'Articles' }).waitFor();
    await page.locator('body').press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'global-search');
    await page.keyboard.type('Etxeberri');
    await page.keyboard.press('Enter');
    await page.locator('.hit').first().waitFor();
    assert.match(page.url(), /\/search\?q=Etxeberri$/);
    const marked = await page.locator('.hit .snippet mark').allInnerTexts();
    assert.ok(marked.length > 0);
    for (const text of marked) assert.match(text, /^etxeberri$/i);
    await shoot('search');
    await page.locator('.hit-title').first().click();
    await page.locator('.doc-text').waitFor();
    const matches = await page.locator('.doc-text span.hit').allInnerTexts();
    assert.ok(matches.length > 0);
    for (const text of matches) assert.match(text, /^etxeberri$/i);
    assert.equal(await page.locator('#page-title').evaluate((el) => el === document.activeElement), true);
    await shoot('viewer-search');
  });

  test('viewer: timexes carry their value as a tooltip; #start-end marks and scrolls to exactly those characters', async () => {
    const list = (await (await fetch(`${server.url}/api/articles?limit=500`)).json()) as { items: { id: string; length: number }[] };
    const longest = [...list.items].sort((a, b) => b.length - a.length)[0]!;
    const article = (await (await fetch(`${server.url}/api/articles/${longest.id}`)).json()) as { text: string; layers: { timexes?: { start: number; end: number; value: string }[] } };
    const timexes = article.layers.timexes ?? [];
    assert.ok(timexes.length > 0, 'the longest sample has dates');
    await page.goto(`${server.url}/articles/${longest.id}`);
    const first = page.locator('.doc-text .timex').first();
    await first.waitFor();
    assert.match((await first.getAttribute('title')) ?? '', new RegExp(timexes[0]!.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    const start = Math.floor(article.text.length * 0.8);
    const end = start + 25;
    await page.goto(`${server.url}/articles/${longest.id}#${start}-${end}`);
    await page.locator('.doc-text .fragment').first().waitFor();
    assert.equal((await page.locator('.doc-text .fragment').allInnerTexts()).join(''), article.text.slice(start, end));
    assert.ok(await page.locator('#fragment').isVisible());
    const inView = await page.locator('#fragment').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.ok(inView, 'the fragment is scrolled into view');
    await shoot('viewer-fragment');

    // A date in the side list is a link to its own characters.
    await page.locator('.viewer-side a').first().click();
    await page.locator('.doc-text .fragment').first().waitFor();
    assert.equal(new URL(page.url()).hash, `#${timexes[0]!.start}-${timexes[0]!.end}`);
  });

  test('conflicts: the Chaupimayo toll shows as a conflict of 12 against 14, charted by outlet and report date', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conflicts' }).click();
    await page.getByRole('heading', { name: 'Figures across outlets' }).waitFor();
    await page.getByRole('link', { name: 'Conflicts', exact: true }).last().click();
    await page.waitForURL(/verdict=conflict/);
    const group = page.locator('.figure-group', { hasText: /killed in Chaupimayo on 2025-11-10/ });
    await group.waitFor();
    assert.equal(await group.locator('.badge.verdict').innerText(), 'conflict');
    assert.match(await group.locator('.values').innerText(), /^(12 vs 14|14 vs 12)/);
    const rows = await group.locator('table.reports tbody tr').count();
    assert.ok(rows >= 3);
    assert.equal(await group.locator('svg.chart circle.dot').count(), rows, 'one dot per report');
    assert.match((await group.locator('svg.chart').getAttribute('aria-label')) ?? '', /Chaupimayo.*14.*12|Chaupimayo.*12.*14/);
    assert.ok((await page.locator('.figure-group .badge.verdict').allInnerTexts()).every((v) => v === 'conflict'));
    await shoot('conflicts');
    // A value links to the figure in its article.
    await group.locator('table.reports tbody a').first().click();
    await page.locator('.doc-text .fragment').first().waitFor();
    assert.match((await page.locator('.doc-text .fragment').allInnerTexts()).join(''), /\d/);
  });

  test("conflicts, dates: from the overview, Etxeberri's sentencing on 9 against 10 October, each report opening at its sentence", async () => {
    await page.goto(server.url);
    // from the overview's count of dates that disagree
    await page.locator('.date-conflicts-link a').click();
    await page.getByRole('heading', { name: 'Dates across outlets' }).waitFor();
    const conflict = page.locator('.date-conflict', { hasText: /Ramiro Etxeberri sentenced/ });
    await conflict.waitFor();
    assert.match(await conflict.locator('.values').innerText(), /^2025-10-(09|10) vs 2025-10-(09|10)/);
    assert.ok((await conflict.locator('table.reports tbody tr').count()) >= 2);
    await shoot('conflicts-dates');
    await conflict.locator('table.reports tbody a').first().click();
    await page.locator('.doc-text .fragment').first().waitFor();
    assert.match((await page.locator('.doc-text .fragment').allInnerTexts()).join(''), /Etxeberri/);
  });

  test('claims: the ledger filters by hedge, sorts by speaker, and a claim opens at its highlighted characters', async () => {
    await page.goto(`${server.url}/claims`);
    await page.getByRole('heading', { name: 'Claims' }).waitFor();
    await page.locator('table.claims tbody tr').first().waitFor();
    await page.getByLabel('Hedge').selectOption('alleged');
    await page.getByRole('button', { name: 'Filter' }).press('Enter');
    await page.waitForURL(/hedge=alleged/);
    await page.locator('.stale').waitFor({ state: 'detached' });
    const badges = await page.locator('table.claims tbody .badge').allInnerTexts();
    assert.ok(badges.length > 0);
    assert.ok(
      badges.every((b) => b === 'alleged'),
      badges.join(),
    );
    // Sorting by keyboard: the column header is a link.
    await page.locator('th a.sort', { hasText: 'Speaker' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=speaker/);
    assert.equal(await page.locator('th[aria-sort]').innerText(), 'Speaker ▲');
    await shoot('claims');

    // The row the user clicks decides what must be highlighted: read its link rather than assume an order.
    await page.locator('.stale').waitFor({ state: 'detached' });
    const link = page.locator('table.claims tbody td.claim a').first();
    const href = (await link.getAttribute('href')) ?? '';
    const target = /\/articles\/([^#?]+)#(\d+)-(\d+)$/.exec(href);
    assert.ok(target, `claim link ${href}`);
    const [, articleId, start, end] = target;
    const article = (await (await fetch(`${server.url}/api/articles/${articleId}`)).json()) as { text: string };
    await link.click();
    await page.locator('.doc-text .fragment').first().waitFor();
    assert.equal(new URL(page.url()).hash, `#${start}-${end}`);
    assert.equal((await page.locator('.doc-text .fragment').allInnerTexts()).join(''), article.text.slice(Number(start), Number(end)));
    assert.ok(await page.locator('#fragment').isVisible());
    await shoot('claim-in-viewer');
  });

  test('entities: Etxeberri is found by name; his page lists aliases, roles, articles and who appears with him', async () => {
    await page.goto(`${server.url}/entities`);
    await page.getByRole('heading', { name: 'Entities' }).waitFor();
    await page.getByLabel('Name').fill('etxeberri');
    await page.getByLabel('Name').press('Enter');
    await page.waitForURL(/q=etxeberri/);
    await page.getByRole('link', { name: 'Ramiro Etxeberri', exact: true }).click();
    await page.getByRole('heading', { name: 'Ramiro Etxeberri' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/entities/ramiro-etxeberri');
    assert.match(await page.locator('.aliases').innerText(), /^Etxeberri \(\d+\)$/m);
    assert.ok((await page.locator('.roles li').count()) > 0);
    assert.ok((await page.locator('table.articles tbody tr').count()) > 1);
    assert.ok((await page.locator('.cooccurring li').count()) > 0);
    await shoot('entity');
    await page.locator('table.articles tbody a').first().click();
    await page.locator('.doc-text .fragment').first().waitFor();
    assert.match((await page.locator('.doc-text .fragment').allInnerTexts()).join(''), /Etxeberri/);
  });

  test('timeline and copies: events by date filtered by entity; a copy names its original', async () => {
    await page.goto(`${server.url}/timeline?entity=Etxeberri`);
    await page.locator('.timeline .event').first().waitFor();
    const days = await page.locator('.timeline .day').allInnerTexts();
    assert.deepEqual(days, [...days].sort());
    for (const chips of await page.locator('.timeline .event .chips').allInnerTexts()) assert.match(chips, /Etxeberri/);
    await shoot('timeline');
    await page.locator('.timeline .event a.sentence').first().click();
    await page.locator('.doc-text .fragment').first().waitFor();

    await page.goto(`${server.url}/copies`);
    await page.locator('table.copies tbody tr').first().waitFor();
    assert.match(await page.locator('table.copies tbody').innerText(), /syndicated/);
    await shoot('copies');
    assert.deepEqual(pageErrors, []);
  });

  test("copies side by side: shared paragraphs on one row, the copy's own lead alone, the changed figure marked, markup shown as text", async () => {
    await page.goto(`${server.url}/copies`);
    const row = page.locator('table.copies tbody tr', { hasText: 'The Isla Courier' });
    // The list counts the changes; opening them asks for the pair's.
    const changes = row.locator('details.row-changes');
    assert.match(await changes.locator('summary').innerText(), /1 fact changed: this copy says 45 sailings where its source says 40/);
    await changes.locator('summary').click();
    await changes.locator('ul.copy-changes li').first().waitFor();
    assert.match(await changes.locator('ul.copy-changes').innerText(), /this copy says 45 sailings where its source says 40 \(40 → 45\)/);
    await row.getByRole('link', { name: 'side by side' }).click();
    await page.getByRole('heading', { name: 'Copy side by side' }).waitFor();
    const pair = page.locator('table.pair');
    await pair.locator('tr.shared').first().waitFor();
    assert.match(await pair.locator('thead').innerText(), /Original[\s\S]*The Velmora Post[\s\S]*Copy[\s\S]*The Isla Courier/);
    assert.equal(await pair.locator('tr.shared').count(), 3);
    // The copy's own lead and the paragraph it cut are on rows of their own.
    assert.match(await pair.locator('tr.alone').first().innerText(), /Our reporter spent the day/);
    assert.match(await pair.locator('tr.alone').last().innerText(), /Islanders who depend on the morning boat/);
    assert.deepEqual(await pair.locator('mark.changed').allInnerTexts(), ['40', '45']);
    assert.equal(await pair.locator('mark.changed').first().getAttribute('title'), 'this copy says 45 sailings where its source says 40');
    assert.equal(await pair.locator('img').count(), 0);
    assert.match(await pair.innerText(), /<img src=x onerror=alert\(6\)>/);
    await shoot('copy-pair');
    // The change is also a finding among the conflicts, with the partial copy of the samples (nine days for eleven).
    await page.goto(`${server.url}/conflicts?verdict=copies`);
    await page.locator('.copy-change').first().waitFor();
    const notes = (await page.locator('.copy-change .copy-changes li').allInnerTexts()).join('\n');
    assert.match(notes, /this copy says 45 sailings where its source says 40/);
    assert.match(notes, /this copy says nine days where its source says eleven/);
    await page.goto(`${server.url}/conflicts`);
    await page.locator('.copy-changes-preview .copy-change').first().waitFor();
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });

  test('graph: the entity network draws the top entities; focus lights the neighbours; Enter on a node opens its entity page', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Network' }).click();
    await page.getByRole('heading', { name: 'Entity network' }).waitFor();
    const nodes = page.locator('svg.network a.node');
    await nodes.first().waitFor();
    assert.equal(await nodes.count(), 40);
    assert.ok((await page.locator('svg.network line.edge').count()) > 0);
    for (const box of await nodes.locator('circle').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
      }),
    )) {
      assert.ok(box[0]! >= 0 && box[2]! <= 1366, `node inside the page: ${box}`);
    }
    // Keyboard: Tab from the link tabs reaches the nodes, most mentioned first.
    const etxeberri = page.locator('svg.network a.node', { hasText: 'Ramiro Etxeberri' });
    await etxeberri.focus();
    assert.match((await etxeberri.getAttribute('aria-label')) ?? '', /^Ramiro Etxeberri, PER, \d+ articles, \d+ links?$/);
    assert.ok((await page.locator('svg.network a.node.near').count()) > 0, 'neighbours light up');
    assert.ok((await page.locator('svg.network line.edge.lit').count()) > 0);
    await shoot('graph');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ramiro Etxeberri' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/entities/ramiro-etxeberri');

    await page.goto(`${server.url}/graph?link=quote`);
    await page.locator('svg.network a.node').first().waitFor();
    assert.ok((await page.locator('svg.network line.edge[marker-end]').count()) > 0, 'quote links are arrows');
    await page.locator('.graph-links tbody a').first().waitFor({ state: 'attached' });
    assert.deepEqual(pageErrors, []);
  });

  test('sources: outlets with counts and dates; the copy edge Pacific Current → The Andean Ledger opens the copy', async () => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.locator('table.outlets tbody tr').first().waitFor();
    assert.match(await page.locator('table.outlets tbody tr').first().innerText(), /Condorpress\s+3/);
    const edge = page.locator('table.source-edges tbody tr', { hasText: 'Pacific Current' }).filter({ hasText: 'The Andean Ledger' });
    assert.match(await edge.innerText(), /^Pacific Current\s+→\s+The Andean Ledger\s+1\s/);
    assert.ok((await page.locator('.ring path.copy').count()) > 0, 'the copy is drawn on the ring');
    await shoot('sources');
    await edge.getByRole('link', { name: 'the copy' }).click();
    await page.locator('.doc-text').waitFor();
    assert.match(await page.locator('.meta').innerText(), /Pacific Current/);
    // An outlet's count of relations opens all of them.
    await page.goBack();
    await page.locator('table.outlets tbody tr', { hasText: 'The Andean Ledger' }).locator('a[title="Every relation of The Andean Ledger"]').click();
    await page.getByRole('heading', { name: 'Relations of The Andean Ledger' }).waitFor();
    const rows = page.getByRole('table', { name: 'Relations of The Andean Ledger' }).locator('tbody tr');
    await rows.first().waitFor();
    for (const row of await rows.allInnerTexts()) assert.match(row, /The Andean Ledger/);
    assert.match((await rows.allInnerTexts()).join('\n'), /^Pacific Current\s+→\s+The Andean Ledger\s+1\s/m);
    assert.deepEqual(pageErrors, []);
  });

  test('xss: an entity and an outlet named with markup show as text on the graph, the entity page and the sources', async () => {
    await page.goto(`${server.url}/graph?limit=200&link=article`);
    const node = page.locator('svg.network a.node', { hasText: xssTitle });
    await node.waitFor();
    assert.equal(await node.locator('text').textContent(), xssTitle);
    assert.equal(await page.locator('main img').count(), 0);
    await node.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/entities/${xssKey}$`));
    await page.getByRole('heading', { name: xssTitle }).waitFor();
    assert.equal(await page.locator('#page-title').innerText(), xssTitle);
    await page.goto(`${server.url}/sources`);
    await page.locator('table.outlets').waitFor();
    assert.ok((await page.locator('table.outlets th a', { hasText: xssTitle }).count()) === 1);
    assert.ok((await page.locator('.ring text', { hasText: xssTitle }).count()) === 1);
    assert.equal(await page.locator('main img').count(), 0);
    await page.goto(`${server.url}/entities?q=onerror`);
    await page.getByRole('link', { name: xssTitle }).waitFor();
    assert.equal(await page.locator('main img').count(), 0);
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
  });

  test('xss: an ingested title and author made of markup are shown as text and never run', async () => {
    await page.goto(`${server.url}/articles`);
    const link = page.getByRole('link', { name: xssTitle });
    await link.waitFor();
    await link.click();
    await page.locator('.doc-text').waitFor();
    assert.equal(await page.locator('#page-title').innerText(), xssTitle);
    assert.match(await page.locator('.meta').innerText(), /<script>alert\(2\)<\/script>/);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.locator('main script').count(), 0);
    await page.locator('.doc-text').hover();
    await page.getByRole('button', { name: 'Show the original' }).click();
    await page.locator('pre.raw').waitFor();
    assert.match(await page.locator('pre.raw').innerText(), /<b onmouseover=alert\(3\)>/);
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
  });

  test('ingest: a chosen file becomes a job with a progress bar, then the new article', async () => {
    await page.goto(`${server.url}/ingest`);
    await page.getByRole('heading', { name: 'Ingest' }).waitFor();
    await page.locator('input[type=file]').setInputFiles([
      {
        name: 'field-notes.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('---\ntitle: Field notes from Chaupimayo\noutlet: Test Desk\n---\n\nOn 12 March 2023 the e2e reporter walked the market in Chaupimayo and counted the closed stalls.\n'),
      },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    ]);
    const job = page.locator('.job').first();
    await job.locator('progress').waitFor();
    await job.locator('.job-status', { hasText: 'Done' }).waitFor({ timeout: 15_000 });
    assert.match(await job.locator('.job-status').innerText(), /2 of 2 items · 1 new, 0 already stored, 1 failed/);
    assert.match(await job.locator('.job-errors').innerText(), /empty\.txt/);
    assert.equal(await job.locator('progress').evaluate((el) => (el as HTMLProgressElement).value === (el as HTMLProgressElement).max), true);
    await shoot('ingest');
    await job.getByRole('link', { name: 'Field notes from Chaupimayo' }).click();
    await page.locator('.doc-text').waitFor();
    assert.match(await page.locator('.doc-text').innerText(), /counted the closed stalls/);
    assert.equal(await page.locator('.doc-text .timex').first().innerText(), '12 March 2023');
  });

  test('ingest: a dropped file is uploaded the same way', async () => {
    await page.goto(`${server.url}/ingest`);
    await page.locator('.dropzone').waitFor();
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Dropped note. On 2 April 2023 the drop-zone reporter filed this short item about Antuvia.'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: transfer });
    await page.locator('.job .job-status', { hasText: 'Done' }).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.job .job-status').innerText(), /1 new/);
    assert.deepEqual(pageErrors, []);
  });
});
