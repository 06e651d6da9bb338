import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuipuError } from '../core/errors.ts';
import { checkPdfTrailer, pdfText } from './pdf.ts';

const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n';
const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('pdf: a file cut off before any trailer or /Root is E_PDF naming the item, without loading pdf.js', async () => {
  const started = performance.now();
  await assert.rejects(pdfText(latin1(head), '/tmp/cut.pdf'), (error: unknown) => {
    assert.ok(error instanceof QuipuError);
    assert.equal(error.code, 'E_PDF');
    assert.equal(error.item, '/tmp/cut.pdf');
    assert.match(error.message, /^\/tmp\/cut\.pdf: not a readable PDF \(\d+ bytes with no trailer and no \/Root entry, .*the file looks cut off\)$/);
    return true;
  });
  assert.ok(performance.now() - started < 500, `took ${performance.now() - started} ms`);
});

test('pdf: a trailer, or a /Root written plainly, in another case or with #xx escapes, leaves the file to pdf.js', () => {
  for (const mark of ['trailer\n<< /Size 3 >>', '<< /Type /XRef /Root 1 0 R >>', '<< /R#6f#6Ft 1 0 R >>', '<< /#52oot 1 0 R >>', 'TRAILER']) {
    assert.doesNotThrow(() => checkPdfTrailer(`${head}${mark}`, 'x.pdf'), mark);
  }
  assert.throws(
    () => checkPdfTrailer(`${head}<< /Rot 1 0 R >>%%EOF\n`, 'x.pdf'),
    (error: QuipuError) => error.code === 'E_PDF' && !error.message.includes('cut off'),
  );
});
