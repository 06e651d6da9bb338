/**
 * PDF text through pdf.js: lines rebuilt from positioned text items, pages separated by blank lines.
 * A PDF without a text layer (a scan) is refused with E_NO_TEXT rather than stored empty.
 */
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
    const text = pages.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
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
