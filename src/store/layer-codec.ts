/**
 * How an article's annotation layers are stored: as JSON, but the tokens as their offsets alone. A token's text is
 * always the article's text between its offsets (core/doc.ts), and written out it made the tokens layer 7.5 times the
 * size of the text: 18.6 KB of the 160 KB stored per bench article, the largest single thing an ingest writes for it.
 * Stores written before keep their tokens whole; both forms are read.
 */
import type { Doc, Layers, Token } from '../core/doc.ts';

/** The tokens as offsets: the first token's start and length, then each next token's gap from the last one's end and its length. */
interface StoredTokens {
  offsets: number[];
}

export function encodeLayer(doc: Readonly<Doc>, name: keyof Layers): string {
  const layer = doc[name];
  if (name !== 'tokens' || !layer) return JSON.stringify(layer);
  const tokens = layer as readonly Token[];
  const offsets: number[] = [];
  let end = 0;
  for (const token of tokens) {
    // A token that breaks the rule (its text not the text at its offsets, or more than its three fields) keeps the layer whole.
    if (token.start < end || token.end < token.start || doc.text.slice(token.start, token.end) !== token.text || Object.keys(token).length !== 3) return JSON.stringify(layer);
    offsets.push(token.start - end, token.end - token.start);
    end = token.end;
  }
  return JSON.stringify({ offsets } satisfies StoredTokens);
}

export function decodeLayer(name: string, data: string, text: string): unknown {
  const value = JSON.parse(data) as unknown;
  if (name !== 'tokens' || Array.isArray(value)) return value;
  const { offsets } = value as StoredTokens;
  const tokens: Token[] = [];
  let end = 0;
  for (let i = 0; i + 1 < offsets.length; i += 2) {
    const start = end + offsets[i]!;
    end = start + offsets[i + 1]!;
    tokens.push({ start, end, text: text.slice(start, end) });
  }
  return tokens;
}
