/**
 * Bytes to text: refuses empty and binary items, decodes UTF-8 strictly, and falls back to
 * the declared or detected legacy charset (Windows-1252 is common in older newsroom archives).
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { QuipuError } from '../core/errors.ts';

export interface Decoded {
  text: string;
  charset: string;
  /** Something a user should know about the decoding (a legacy charset guessed, bytes replaced). */
  warning: string | null;
}

const sniffLength = 8192;

/** Decodes an item's bytes, or throws E_EMPTY / E_BINARY / E_DECODE naming the item. */
export function decodeBytes(bytes: Uint8Array, item: string, declaredCharset?: string | null): Decoded {
  if (bytes.length === 0) throw new QuipuError('E_EMPTY', `${item} is empty (0 bytes)`, item);
  const bom = bomCharset(bytes);
  const utf16 = bom ? null : utf16WithoutBom(bytes);
  const utf16Text = utf16 ? iconv.decode(Buffer.from(bytes), utf16) : null;
  // Binary data can also have zeros on one side (tables of small numbers): it decodes to control characters, not text.
  if (utf16Text !== null && controlShare(utf16Text.slice(0, sniffLength)) > 0.05) {
    throw new QuipuError('E_BINARY', `${item} looks like binary data (${describeMagic(bytes)}), not text`, item);
  }
  if (!bom && !utf16 && looksBinary(bytes)) {
    throw new QuipuError('E_BINARY', `${item} looks like binary data (${describeMagic(bytes)}), not text`, item);
  }
  const finish = (text: string, charset: string, warning: string | null): Decoded => {
    const clean = text.replace(/^\uFEFF/, '');
    if (clean.trim().length === 0) throw new QuipuError('E_EMPTY', `${item} holds only whitespace`, item);
    return { text: clean, charset, warning };
  };

  if (bom) return finish(iconv.decode(Buffer.from(bytes), bom), bom, null);
  if (utf16 && utf16Text !== null) return finish(utf16Text, utf16, `no byte-order mark; decoded as ${utf16.toUpperCase()} (every other byte is zero)`);

  const declared = normalizeCharset(declaredCharset);
  if (declared && declared !== 'utf-8' && iconv.encodingExists(declared)) {
    return finish(iconv.decode(Buffer.from(bytes), declared), declared, null);
  }
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8', null);
  } catch {
    // Not valid UTF-8: either a legacy single-byte charset or UTF-8 with a few broken bytes.
  }
  const invalid = countInvalidUtf8(bytes);
  const multibyte = countValidUtf8Sequences(bytes);
  // Legacy-charset text almost never forms valid UTF-8 multibyte sequences by accident.
  if (multibyte > 0 && multibyte >= invalid.count) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return finish(text, 'utf-8', `${invalid.count} invalid UTF-8 byte sequence(s), first at byte ${invalid.first}; replaced with U+FFFD`);
  }
  const detected = normalizeCharset(chardet.detect(bytes.subarray(0, 65536)));
  const charset = detected && detected !== 'utf-8' && iconv.encodingExists(detected) && !/^(utf-16|utf-32)/.test(detected) ? detected : 'windows-1252';
  // ISO-8859-1 detections are almost always Windows-1252 in practice (curly quotes in 0x80–0x9F).
  const effective = charset === 'iso-8859-1' ? 'windows-1252' : charset;
  return finish(iconv.decode(Buffer.from(bytes), effective), effective, `not valid UTF-8; decoded as ${effective}`);
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  // UTF-32LE's mark begins with UTF-16LE's: read as UTF-16, every character would come with a NUL.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'utf-32le';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf-32be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 saved without a byte-order mark (some Windows exports): Latin-script text then has a zero byte in every
 * other position, which `looksBinary` would take for binary data. Zeros on one side only, and almost none on the other.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, sniffLength) & ~1;
  if (end < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = end / 2;
  if (oddZeros >= pairs * 0.6 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.6 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return null;
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control / text.length;
}

/** NUL bytes or many control characters in the first block mean binary data. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, sniffLength);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return control > end * 0.05;
}

const magicNumbers: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive or Office document'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF document'],
  [[0x1f, 0x8b], 'gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF executable'],
];

export function describeMagic(bytes: Uint8Array): string {
  for (const [magic, name] of magicNumbers) {
    if (magic.every((b, i) => bytes[i] === b)) return name;
  }
  return 'NUL or control bytes';
}

function normalizeCharset(charset: string | null | undefined): string | null {
  if (!charset) return null;
  const lower = charset
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (lower === 'utf8') return 'utf-8';
  if (lower === 'latin1' || lower === 'latin-1') return 'iso-8859-1';
  return lower;
}

function countInvalidUtf8(bytes: Uint8Array): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      count++;
      if (first < 0) first = i;
      i++;
    } else i += length;
  }
  return { count, first };
}

function countValidUtf8Sequences(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 1) count++;
    i += Math.max(length, 1);
  }
  return count;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0 || i + need >= bytes.length) return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
  }
  return need + 1;
}
