/**
 * PDF text through pdf.js: lines rebuilt from positioned text items, pages separated by blank lines.
 * A PDF without a text layer (a scan) is refused with E_NO_TEXT rather than stored empty.
 */
import zlib from 'node:zlib';
import { QuipuError } from '../core/errors.ts';
import { isoFromMachineDate } from '../core/iso-date.ts';
import type { StructuredMeta } from './text-article.ts';

export interface PdfText {
  text: string;
  meta: StructuredMeta;
}

interface TextItem {
  str: string;
  hasEOL?: boolean;
}

/** The module pdf.js runs its parser from, in this thread (its "fake worker" in Node), named here to be loaded with pdf.js. */
const pdfjsWorkerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/**
 * pdf.js and its worker module (3 MB of JavaScript), loaded with source maps off when they are on (under tsx: tests,
 * scripts, a checkout without a build). With them on, Node reads each module's map when it compiles it, and pdf.js
 * builds an Error and reads its stack while it loads, which parses the 2.4 MB map whole: 1.9 s of the 2.7 s of CPU
 * the first PDF of a thread took to load. Its frames have no TypeScript to map back to. Loading the worker module
 * first also sets the global pdf.js looks for (`pdfjsWorker`), so it does not import it again.
 */
async function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  const sourceMaps = process.sourceMapsEnabled;
  if (sourceMaps) process.setSourceMapsEnabled(false);
  try {
    await import(pdfjsWorkerModule);
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    if (sourceMaps) process.setSourceMapsEnabled(true);
  }
}

/** Extracts the text and document info of a PDF, or throws E_PDF / E_NO_TEXT naming the item. */
export async function pdfText(bytes: Uint8Array, item: string): Promise<PdfText> {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  checkPdfTrailer(latin1, item);
  checkPdfStreams(bytes, item, latin1);
  const pdfjs = await loadPdfjs();
  let document;
  try {
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new QuipuError('E_PDF', `${item}: not a readable PDF (${error instanceof Error ? error.message : String(error)})`, item, { cause: error });
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const entry of content.items as TextItem[]) {
        if (typeof entry.str !== 'string') continue;
        line += entry.str;
        if (entry.hasEOL) {
          lines.push(line.trimEnd());
          line = '';
        }
      }
      if (line.trim()) lines.push(line.trimEnd());
      pages.push(lines.join('\n'));
      page.cleanup();
    }
    const text = pages
      .join('\n\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (text.replace(/\s/g, '').length === 0) {
      throw new QuipuError('E_NO_TEXT', `${item}: the PDF has ${document.numPages} page(s) but no text layer (a scanned image?)`, item);
    }
    const { info } = (await document.getMetadata()) as unknown as { info: Record<string, unknown> };
    const field = (name: string) => (typeof info?.[name] === 'string' && (info[name] as string).trim() ? (info[name] as string).trim() : null);
    const created = field('CreationDate');
    const meta: StructuredMeta = {};
    if (field('Title')) meta.title = field('Title');
    if (field('Author')) meta.authors = [field('Author')!];
    // PDF dates look like D:20230110120000-05'00'.
    const pdfDate = created && /^D:(\d{4})(\d{2})?(\d{2})?/.exec(created);
    if (pdfDate) meta.published = isoFromMachineDate([pdfDate[1], pdfDate[2], pdfDate[3]].filter(Boolean).join('-'));
    return { text, meta };
  } finally {
    await document.destroy();
  }
}

/** A trailer keyword, or the name /Root (written plainly or with `#xx` escapes, in any case: a false match only lets pdf.js judge). */
const trailerMark = /trailer|\/(?:R|#52)(?:o|#6f)(?:o|#6f)(?:t|#74)/i;

/**
 * Refuses, before pdf.js is loaded, a PDF in which pdf.js could not find its document catalog: one with neither a
 * `trailer` (a classic cross-reference table's) nor a `/Root` entry (a cross-reference stream's dictionary, or the
 * trailer pdf.js looks for among the objects when it rebuilds a broken file). pdf.js rebuilds a file whose offsets are
 * wrong or whose end is missing by scanning its objects, and fails with "Invalid PDF structure" only when it finds no
 * such dictionary; that is a file cut off before its end, which cost about 2 s of CPU in one thread (4.7 s of the whole
 * process in the hostile suite) to load pdf.js and its worker only to be refused. A file that has either mark is left to pdf.js.
 */
export function checkPdfTrailer(latin1: string, item: string): void {
  if (trailerMark.test(latin1)) return;
  const size = latin1.length.toLocaleString('en');
  const ended = /%%EOF\s*$/.test(latin1.slice(-64));
  throw new QuipuError('E_PDF', `${item}: not a readable PDF (${size} bytes with no trailer and no /Root entry, so no document catalog to start from${ended ? '' : ': the file looks cut off'})`, item);
}

/** Largest a compressed PDF stream may inflate to: 64 MB, or 100 times its compressed size when that is more. */
const inflateFloor = 64 * 1024 * 1024;
const inflateRatio = 100;

/**
 * Refuses a PDF whose Flate streams inflate far beyond their size (a "deflate bomb": 1 MB that inflates to 1 GB),
 * before pdf.js inflates them whole into memory. Each stream is inflated once here under a cap on its output; a
 * stream that does not inflate at all is left for pdf.js to judge.
 */
export function checkPdfStreams(bytes: Uint8Array, item: string, latin1?: string): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = latin1 ?? buffer.toString('latin1');
  const keyword = /(?:^|[^a-z])stream\r?\n/g;
  for (let match = keyword.exec(text); match; match = keyword.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end === -1) break;
    keyword.lastIndex = end + 9;
    // The stream's dictionary lies between the last "obj" and the keyword.
    const dictionary = text.slice(Math.max(text.lastIndexOf(' obj', match.index), match.index - 4096), match.index);
    if (!/\/(?:FlateDecode|Fl)\b/.test(dictionary)) continue;
    const compressed = buffer.subarray(start, end);
    const cap = Math.max(inflateFloor, compressed.length * inflateRatio);
    try {
      zlib.inflateSync(compressed, { maxOutputLength: cap, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue;
      const mb = Math.round(cap / 1024 / 1024);
      throw new QuipuError('E_TOO_COMPLEX', `${item}: a compressed stream of ${compressed.length.toLocaleString('en')} bytes inflates to more than ${mb} MB (a deflate bomb?)`, item);
    }
  }
}
