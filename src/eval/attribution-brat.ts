/**
 * Reading PolNeAR's brat standoff attribution files (`attributions/<article>_<annotator>.ann`).
 *
 * Offsets in the files count Unicode code points; everything returned here is converted to
 * UTF-16 offsets into the JavaScript string, as every Quipu span is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Span } from '../core/doc.ts';

/** One attribution relation from a brat file; each role is a list of fragments (discontinuous spans). */
export interface GoldAttribution {
  source: Span[] | null;
  cue: Span[];
  /** `Content` and, rarely, `Content2`: one fragment list per content span. */
  content: Span[][];
}

export interface BratDocument {
  attributions: GoldAttribution[];
  /** Lines that could not be read, with their line number: parse defensively, never throw on one bad line. */
  problems: string[];
}

/** Maps code-point offsets to UTF-16 offsets; the identity when the text has no astral characters. */
export function codePointToUtf16(text: string): (offset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[\uD800-\uDBFF]/.test(text)) return (offset) => offset;
  const map: number[] = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (offset) => map[Math.min(offset, map.length - 1)]!;
}

/**
 * Parses a brat .ann file's text. A physical line that does not start with `T`, `E`, `R`, `A` or `#`
 * continues the previous one (PolNeAR has span texts with blank lines in them).
 */
export function parseBrat(ann: string, text: string): BratDocument {
  const toUnit = codePointToUtf16(text);
  const problems: string[] = [];
  const spans = new Map<string, { label: string; fragments: Span[] }>();
  const relations: string[] = [];
  const lines = ann.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.startsWith('T')) {
      const tab1 = line.indexOf('\t');
      const tab2 = line.indexOf('\t', tab1 + 1);
      const id = line.slice(0, tab1);
      const head = line.slice(tab1 + 1, tab2 < 0 ? undefined : tab2);
      const space = head.indexOf(' ');
      if (tab1 < 0 || space < 0) {
        problems.push(`line ${index + 1}: unreadable span "${line.slice(0, 40)}"`);
        return;
      }
      const label = head.slice(0, space);
      const fragments: Span[] = [];
      for (const part of head.slice(space + 1).split(';')) {
        const [a, b] = part.trim().split(/\s+/).map(Number);
        if (!Number.isInteger(a) || !Number.isInteger(b) || a! > b!) {
          problems.push(`line ${index + 1}: bad offsets "${part}"`);
          return;
        }
        fragments.push({ start: toUnit(a!), end: toUnit(b!) });
      }
      fragments.sort((x, y) => x.start - y.start);
      spans.set(id, { label, fragments });
    } else if (line.startsWith('E')) {
      relations.push(line);
    }
    // '#' notes, 'A' flags and continuation lines of a span's text carry nothing we score
  });
  const attributions: GoldAttribution[] = [];
  for (const line of relations) {
    const roles = line.split('\t')[1]?.trim().split(/\s+/) ?? [];
    let source: Span[] | null = null;
    let cue: Span[] | null = null;
    const content: Span[][] = [];
    for (const role of roles) {
      const [name, ref] = role.split(':');
      const target = ref ? spans.get(ref) : undefined;
      if (!name || !target) continue;
      if (name === 'Source') source = target.fragments;
      else if (name === 'Cue') cue = target.fragments;
      else if (name.startsWith('Content')) content.push(target.fragments);
    }
    if (!cue) {
      const anchor = roles.find((r) => r.startsWith('Attribution'))?.split(':')[1];
      cue = anchor ? (spans.get(anchor)?.fragments ?? null) : null;
    }
    if (!cue) {
      problems.push(`relation without a cue: "${line.slice(0, 60)}"`);
      continue;
    }
    attributions.push({ source, cue, content });
  }
  return { attributions, problems };
}

export interface BratPair {
  /** Article name (the .txt file name without extension). */
  name: string;
  textPath: string;
  annPath: string;
}

/**
 * Pairs `text/<article>.txt` with one `attributions/<article>_<annotator>.ann`: the first by file name
 * when several annotators annotated the article. Articles without any .ann are left out.
 */
export function listBratPairs(dir: string): BratPair[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  const anns = readdirSync(annDir)
    .filter((f) => f.endsWith('.ann'))
    .sort();
  const firstAnn = new Map<string, string>();
  for (const file of anns) {
    const stem = file.slice(0, -4);
    const cut = stem.lastIndexOf('_');
    const name = cut > 0 ? stem.slice(0, cut) : stem;
    if (!firstAnn.has(name)) firstAnn.set(name, file);
  }
  const pairs: BratPair[] = [];
  for (const file of readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const name = basename(file, '.txt');
    const ann = firstAnn.get(name);
    if (ann) pairs.push({ name, textPath: join(textDir, file), annPath: join(annDir, ann) });
  }
  return pairs;
}

/** Reads one pair: the article text and its gold attributions. */
export function readBratPair(pair: BratPair): { text: string; gold: BratDocument } {
  const text = readFileSync(pair.textPath, 'utf8');
  return { text, gold: parseBrat(readFileSync(pair.annPath, 'utf8'), text) };
}
