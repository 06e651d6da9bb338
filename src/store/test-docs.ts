/** Small hand-made docs and sources for the store's tests. */
import { bareMeta, type Doc } from '../core/doc.ts';
import type { SourceRecord } from './repository.ts';

/** A doc with the given id and text, its content hash made from the id, and `meta` over empty metadata. */
export const testDoc = (id: string, text: string, meta: Partial<Doc['meta']> = {}): Doc => ({
  id,
  contentHash: `hash-${id}`,
  text,
  sourceMap: [{ textOffset: 0, rawOffset: 0 }],
  messages: [],
  meta: { ...bareMeta(`/tmp/${id}.txt`), ...meta },
  tokens: [{ start: 0, end: 3, text: text.slice(0, 3) }],
});

/** A plain-text source record. */
export const testSource = (locator: string, raw: string): SourceRecord => ({ locator, kind: 'text', contentType: '', charset: 'utf-8', raw });
