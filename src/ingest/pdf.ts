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

/** Extracts the text and document info of a PDF, or throws E_PDF / E_NO_TEXT naming the item. */
export async function pdfText(bytes: Uint8Array, item: string): Promise<PdfText> {
  checkPdfStreams(bytes, item);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
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

/** Largest a compressed PDF stream may inflate to: 64 MB, or 100 times its compressed size when that is more. */
const inflateFloor = 64 * 1024 * 1024;
const inflateRatio = 100;

/**
 * Refuses a PDF whose Flate streams inflate far beyond their size (a "deflate bomb": 1 MB that inflates to 1 GB),
 * before pdf.js inflates them whole into memory. Each stream is inflated once here under a cap on its output; a
 * stream that does not inflate at all is left for pdf.js to judge.
 */
export function checkPdfStreams(bytes: Uint8Array, item: string): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('latin1');
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
