/** The synthetic benchmark corpus: the samples' paragraphs recombined into distinct articles. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Recombines the samples' paragraphs into `count` distinct articles with bylines, plus some HTML pages. */
export function generateCorpus(root: string, corpusDir: string, count: number): void {
  if (existsSync(join(corpusDir, 'done'))) return;
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const samples = readdirSync(join(root, 'samples', 'articles')).filter((f) => f.endsWith('.txt'));
  const paragraphs = samples.flatMap((f) =>
    readFileSync(join(root, 'samples', 'articles', f), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 25 && !/Posted by/.test(p)),
  );
  const outlets = ['Condorpress', 'The Andean Ledger', 'Meridian Monitor', 'Pacific Current', 'Radio Cumbre', 'El Faro de Quilla', 'Commons Desk'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: 4 + Math.floor(random() * 5) }, () => pick(paragraphs));
    const outlet = pick(outlets);
    const date = `${pick(months)} ${1 + Math.floor(random() * 28)}, ${2020 + Math.floor(random() * 6)}`;
    const title = `Report ${i + 1}: ${body[0]!.split(/\s+/).slice(0, 8).join(' ')}`;
    // The serial number keeps every article's content hash distinct, as in a real pile.
    const text = `${title}\n\nBy Staff Writer ${i % 97} – ${outlet} – ${date}\n\n${body.join('\n\n')}\n\nFile ${i + 1} of the synthetic corpus.\n`;
    const shard = join(corpusDir, String(Math.floor(i / 1000)).padStart(2, '0'));
    mkdirSync(shard, { recursive: true });
    if (i % 10 === 0) {
      const html = `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:site_name" content="${outlet}">` +
        `<script>var tracking = ${i};</script><style>body{margin:0}</style></head><body><nav><a href="/">Home</a></nav>` +
        `<article><h1>${title}</h1>${body.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}<p>File ${i + 1}.</p></article><footer>© ${outlet}</footer></body></html>`;
      writeFileSync(join(shard, `a${i}.html`), html);
    } else writeFileSync(join(shard, `a${i}.txt`), text);
  }
  writeFileSync(join(corpusDir, 'done'), '');
}

