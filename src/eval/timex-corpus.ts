/**
 * Readers for TIMEX3 gold corpora: TimeML `.tml` files (TempEval-3 English) and the
 * token-level BIO files of the Spanish TimeBank. Both yield plain text, the document
 * creation time and gold mentions as character spans into that text.
 */
import type { TimexType } from '../core/doc.ts';

/** One gold temporal expression, as character offsets into the rebuilt text. */
export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  type: TimexType;
  value: string;
}

/** A gold document: text to tag, its creation time, and the answers. */
export interface GoldTimexDoc {
  id: string;
  text: string;
  /** The document creation time (an ISO prefix), or null when the file gives none. */
  dct: string | null;
  gold: GoldTimex[];
  /** Token edges when the text was rebuilt from tokens; spans are then scored on tokens. */
  tokens?: { start: number; end: number }[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

const timexTypes = new Set<TimexType>(['DATE', 'TIME', 'DURATION', 'SET']);

/** Reads one TimeML document: the text content of `<TEXT>`, the DCT value, and the TIMEX3 spans inside `<TEXT>`. */
export function parseTimeml(xml: string, id = ''): GoldTimexDoc {
  const dctMatch = /<DCT>\s*<TIMEX3\b([^>]*)>/i.exec(xml);
  const dctValue = dctMatch ? (attributes(dctMatch[1]!).value ?? null) : null;
  const dct = dctValue && /^\d{4}(-\d{2}(-\d{2})?)?/.test(dctValue) ? /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(dctValue)![0] : null;
  const open = /<TEXT>/i.exec(xml);
  const close = /<\/TEXT>/i.exec(xml);
  const body = open && close && close.index > open.index ? xml.slice(open.index + open[0].length, close.index) : '';
  let text = '';
  const gold: GoldTimex[] = [];
  const stack: { start: number; attrs: Record<string, string> }[] = [];
  let last = 0;
  for (const m of body.matchAll(/<(\/?)([\w:-]+)([^>]*?)(\/?)>/g)) {
    text += decodeEntities(body.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2]!.toUpperCase() !== 'TIMEX3') continue;
    if (m[1] === '/') {
      const top = stack.pop();
      if (!top) continue;
      const type = top.attrs.type as TimexType;
      if (text.length > top.start && timexTypes.has(type)) {
        gold.push({ start: top.start, end: text.length, text: text.slice(top.start, text.length), type, value: top.attrs.value ?? '' });
      }
    } else if (m[4] !== '/') {
      stack.push({ start: text.length, attrs: attributes(m[3]!) });
    }
  }
  text += decodeEntities(body.slice(last));
  gold.sort((a, b) => a.start - b.start || a.end - b.end);
  return { id, text, dct, gold };
}

const dctLine = /^\*!-DCTVALUE="([^"]*)"-!\*/;

/**
 * Reads the Spanish TimeBank BIO file (`token<TAB>tag<TAB>value`, a DCT pseudo-token per document):
 * tokens are joined with spaces and sentences with a newline, and token offsets are kept for alignment.
 */
export function parseSpanishTimexTsv(content: string): GoldTimexDoc[] {
  const docs: GoldTimexDoc[] = [];
  let current: (GoldTimexDoc & { tokens: { start: number; end: number }[] }) | null = null;
  let open: { start: number; end: number; type: TimexType; value: string } | null = null;
  let newSentence = true;
  const closeOpen = () => {
    if (open && current) current.gold.push({ ...open, text: current.text.slice(open.start, open.end) });
    open = null;
  };
  for (const rawLine of content.split(/\r?\n/)) {
    const dct = dctLine.exec(rawLine);
    if (dct) {
      closeOpen();
      const value = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(dct[1]!);
      current = { id: `es-${docs.length + 1}`, text: '', dct: value ? value[0] : null, gold: [], tokens: [] };
      docs.push(current);
      newSentence = true;
      continue;
    }
    if (!current) continue;
    if (rawLine.trim() === '') {
      closeOpen();
      newSentence = true;
      continue;
    }
    const [token = '', tag = 'O', value = '-'] = rawLine.split('\t');
    if (token === '') continue;
    if (current.text.length > 0) current.text += newSentence ? '\n' : ' ';
    newSentence = false;
    const start = current.text.length;
    current.text += token;
    const end = current.text.length;
    current.tokens.push({ start, end });
    const bio = /^([BI])-(DATE|TIME|DURATION|SET)$/.exec(tag);
    if (!bio) {
      closeOpen();
      continue;
    }
    const type = bio[2] as TimexType;
    const continues = open !== null && bio[1] === 'I' && (open as { type: TimexType }).type === type;
    if (continues) (open as unknown as { end: number }).end = end;
    else {
      closeOpen();
      open = { start, end, type, value };
    }
  }
  closeOpen();
  return docs;
}
