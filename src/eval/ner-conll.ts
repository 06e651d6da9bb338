/**
 * Reading CoNLL NER files (2002 Spanish, 2003 English): 2 or 4 columns, IOB1 or IOB2,
 * with or without `-DOCSTART-` separators; and extracting spans with conlleval's rules.
 */

export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface ConllSentence {
  tokens: string[];
  /** Tags as written in the file (IOB1 or IOB2). */
  tags: string[];
}

export interface ConllDoc {
  sentences: ConllSentence[];
}

/** A labelled span over one sentence: tokens `start` (inclusive) to `end` (exclusive). */
export interface TagSpan {
  start: number;
  end: number;
  type: string;
}

/**
 * Parses CoNLL text into documents. The token is the first column and the tag the last;
 * `-DOCSTART-` lines separate documents (empty documents are dropped). A file without
 * DOCSTART lines is one document.
 */
export function parseConll(text: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc = { sentences: [] };
  let sentence: ConllSentence = { tokens: [], tags: [] };
  const endSentence = () => {
    if (sentence.tokens.length > 0) doc.sentences.push(sentence);
    sentence = { tokens: [], tags: [] };
  };
  const endDoc = () => {
    endSentence();
    if (doc.sentences.length > 0) docs.push(doc);
    doc = { sentences: [] };
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '').trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const columns = line.split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      endDoc();
      continue;
    }
    if (columns.length < 2) throw new Error(`CoNLL line "${line}" has ${columns.length} column; expected token and tag (2 or 4 columns).`);
    sentence.tokens.push(columns[0]!);
    sentence.tags.push(columns[columns.length - 1]!);
  }
  endDoc();
  return docs;
}

const typeOf = (tag: string): string => (tag.length > 2 && tag[1] === '-' ? tag.slice(2) : '');
const prefixOf = (tag: string): string => (tag === 'O' || tag.length < 2 || tag[1] !== '-' ? 'O' : tag[0]!);

/**
 * Spans by conlleval's rules: a chunk starts at B-X, at I-X after O, and at I-X after another type
 * (so IOB1 and IOB2 read the same); it ends before O, before B-, and before a type change.
 * E- and S- (IOBES) are read as conlleval reads them.
 */
export function spansOf(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let current: TagSpan | null = null;
  let prevPrefix = 'O';
  let prevType = '';
  tags.forEach((tag, i) => {
    const prefix = prefixOf(tag);
    const type = typeOf(tag);
    const start = prefix === 'B' || prefix === 'S' || ((prefix === 'I' || prefix === 'E') && (prevPrefix === 'O' || prevPrefix === 'E' || prevPrefix === 'S' || prevType !== type));
    const endsBefore = current !== null && (prefix === 'O' || start || prevPrefix === 'E' || prevPrefix === 'S');
    if (endsBefore && current) {
      current.end = i;
      spans.push(current);
      current = null;
    }
    if (prefix !== 'O' && (start || current === null)) current = { start: i, end: i + 1, type };
    prevPrefix = prefix;
    prevType = type;
  });
  if (current !== null) {
    (current as TagSpan).end = tags.length;
    spans.push(current);
  }
  return spans;
}

/** Rewrites any IOB1/IOB2 tag sequence as IOB2 (every span starts with B-). */
export function toIob2(tags: readonly string[]): string[] {
  const out = tags.map(() => 'O');
  for (const span of spansOf(tags)) {
    out[span.start] = `B-${span.type}`;
    for (let i = span.start + 1; i < span.end; i++) out[i] = `I-${span.type}`;
  }
  return out;
}

/**
 * Splits a document-less file (CoNLL-2002 Spanish has no -DOCSTART-) into pseudo-documents at
 * agency datelines — a sentence with "( EFE )" or "EFE" among its first tokens starts a new story —
 * so document-level features see one story at a time. Looks at tokens only, never at tags.
 */
export function splitAtDatelines(docs: ConllDoc[]): ConllDoc[] {
  if (docs.length !== 1) return docs;
  const out: ConllDoc[] = [];
  let current: ConllSentence[] = [];
  for (const sentence of docs[0]!.sentences) {
    const head = sentence.tokens.slice(0, 12);
    if (current.length > 0 && head.includes('EFE')) {
      out.push({ sentences: current });
      current = [];
    }
    current.push(sentence);
  }
  if (current.length > 0) out.push({ sentences: current });
  return out;
}
