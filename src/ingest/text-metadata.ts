/**
 * Metadata read from an article's own text conventions: a collector's `date` header line,
 * the title line, bylines ("By Wyatt Reed – Sputnik – 02.02.2023", "teleSUR | December 19, 2022"),
 * datelines ("LIMA, Dec 16 2010 (IPS) -", "14ymedio, Havana, 24 January 2024 —", "Havana/The …")
 * and trailers ("Translated by …", "Source: Globetrotter", an "Author Bio" paragraph).
 */
import type { ArticleMeta, DocMessage } from '../core/doc.ts';
import type { IsoDate } from '../core/iso-date.ts';
import { canonicalOutlet, isShouted, titleCase } from './outlets.ts';
import { datePattern, parseTextDate, yearlessDatePattern } from './text-dates.ts';
import { type Line, splitLines } from './text-builder.ts';

export interface TextMetadata extends Pick<ArticleMeta, 'title' | 'outlet' | 'authors' | 'translator' | 'published' | 'datelinePlace'> {
  /** Ranges of the base text that are not article text (header line, section tags, captions, boilerplate). */
  drop: [number, number][];
  /** Lines before the title: an aggregator page's own masthead. */
  masthead: Line[];
  messages: DocMessage[];
}

const dash = '[-–—]';
const boilerplate = [
  /^republish\b.*\bprint\b/i,
  /^(?:leave a comment|related tags|video link|share this:?|print|share|tweet|advertisement|comments?|tags:?|read more:?|related articles?:?|follow us on .{1,40})$/i,
  /^(?:\d+ comments?|no comments?)$/i,
  /^(?:compartir|imprimir|etiquetas:?|publicidad|deja un comentario|lee también:?)$/i,
];
const captionPattern = /\|\s*(?:photo|foto|image|imagen|picture|credit|crédito)s?\s*:|^(?:photo|foto|image|imagen):\s|\s[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|es|pe|info)\s*$/i;
const headerDate = /^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?(?:\s+|$)/i;

const bylineRules: { regex: RegExp; fields: ('authors' | 'outlet' | 'date')[] }[] = [
  { regex: new RegExp(`^(?:By|BY|Por|POR)\\s+(.+?)\\s+${dash}\\s+(.+?)\\s+${dash}\\s+(${datePattern})$`, 'u'), fields: ['authors', 'outlet', 'date'] },
  { regex: new RegExp(`^(?:By|BY|Por|POR)\\s+(.+?)\\s*\\|\\s*(.+?)\\s*\\|\\s*(${datePattern})$`, 'u'), fields: ['authors', 'outlet', 'date'] },
  { regex: new RegExp(`^(?:By|BY|Por|POR)\\s+(.+?)\\s*(?:\\||${dash})\\s*(${datePattern})$`, 'u'), fields: ['authors', 'date'] },
  { regex: new RegExp(`^([^|–—\\n]{2,40}?)\\s*(?:\\||${dash})\\s*(${datePattern})$`, 'u'), fields: ['outlet', 'date'] },
  { regex: /^(?:By|BY|Por|POR)\s+(\p{Lu}[\p{L}.' -]{2,60}(?:(?:,| and| y| &) \p{Lu}[\p{L}.' -]{2,60})*)$/u, fields: ['authors'] },
];

const datelineRules: { regex: RegExp; fields: ('place' | 'date' | 'outlet')[] }[] = [
  // LIMA, Dec 16 2010 (IPS) - · OSTREL, March 11 (Reuters) - · LIMA, 11 mar (EFE).-
  { regex: new RegExp(`^(\\p{Lu}[\\p{L} .'-]{1,40}),\\s+(${datePattern}|${yearlessDatePattern})\\s+\\(([^)\\n]{2,40})\\)\\s*\\.?${dash}+\\s*`, 'u'), fields: ['place', 'date', 'outlet'] },
  // 14ymedio, Havana, 24 January 2024 —
  { regex: new RegExp(`^([^,\\n]{2,40}),\\s+(\\p{Lu}[\\p{L} .'-]{1,40}),\\s+(${datePattern})\\s*\\.?${dash}+\\s*`, 'u'), fields: ['outlet', 'place', 'date'] },
  // Havana, 24 January 2024 —
  { regex: new RegExp(`^(\\p{Lu}[\\p{L} .'-]{1,40}),\\s+(${datePattern}|${yearlessDatePattern})\\s*\\.?${dash}+\\s*`, 'u'), fields: ['place', 'date'] },
  // LIMA (Reuters) -
  { regex: new RegExp(`^(\\p{Lu}[\\p{Lu} .'-]{1,40})\\s+\\(([^)\\n]{2,40})\\)\\s*\\.?${dash}+\\s*`, 'u'), fields: ['place', 'outlet'] },
  // Havana/The departure …
  { regex: /^(\p{Lu}\p{L}+(?: \p{Lu}\p{L}+){0,2})\/(?=[\p{Lu}“"])/u, fields: ['place'] },
];

const trailerRules: { regex: RegExp; field: 'translator' | 'outlet' }[] = [
  { regex: /^(?:Translated(?: from (?:the )?\p{L}+)? by|Traducido por|Traducción(?: de)?:?)\s+(.{3,80}?)\.?$/iu, field: 'translator' },
  { regex: /^(?:This article was (?:produced|published) by|Source:|Fuente:)\s+(.{2,60}?)\.?$/iu, field: 'outlet' },
];

/** True for a line that is site furniture, not article text. */
export function isBoilerplate(line: string): boolean {
  const trimmed = line
    .trim()
    .replace(/\s*\|\s*$/, '')
    .replace(/^\|\s*/, '');
  return trimmed.length > 0 && boilerplate.some((rule) => rule.test(trimmed));
}

/** Reads metadata from the segment `[start, end)` of `text`. */
export function readTextMetadata(text: string, start = 0, end = text.length): TextMetadata {
  const result: TextMetadata = {
    title: null,
    outlet: null,
    authors: [],
    translator: null,
    published: null,
    datelinePlace: null,
    drop: [],
    masthead: [],
    messages: [],
  };
  const lines = splitLines(text, start, end).filter((line) => line.text.trim().length > 0);
  const dates: { value: IsoDate; from: string; line: Line }[] = [];

  for (const line of lines) if (isBoilerplate(line.text)) result.drop.push([line.start, line.end]);
  const content = lines.filter((line) => !isBoilerplate(line.text));

  let first = 0;
  const header = content[0] && headerDate.exec(content[0].text);
  if (header && content[0]) {
    const value = parseTextDate(header[1]!);
    if (value) dates.push({ value, from: 'the date header', line: content[0] });
    const cut = content[0].start + header[0].length;
    result.drop.push([content[0].start, cut]);
    if (cut >= content[0].end) first = 1;
    else content[0] = { start: cut, end: content[0].end, text: text.slice(cut, content[0].end) };
  }
  if (content[first] && isSectionTags(content[first]!.text)) {
    result.drop.push([content[first]!.start, content[first]!.end]);
    first++;
  }

  // A byline among the first lines fixes the title: the nearest line above it that is not a caption.
  let bodyStart = first;
  for (let i = first; i < Math.min(content.length, first + 6); i++) {
    const byline = readByline(content[i]!.text);
    if (!byline) continue;
    let t = i - 1;
    while (t >= first && captionPattern.test(content[t]!.text)) {
      result.drop.push([content[t]!.start, content[t]!.end]);
      t--;
    }
    if (t >= first && isTitleLike(content[t]!.text)) {
      result.title = content[t]!.text.trim();
      result.masthead = content.slice(first, t);
    } else result.masthead = content.slice(first, t + 1);
    for (const line of result.masthead) result.drop.push([line.start, line.end]);
    result.authors = byline.authors;
    if (byline.outlet) result.outlet = byline.outlet;
    if (byline.date) dates.push({ value: byline.date, from: 'the byline', line: content[i]! });
    bodyStart = i + 1;
    break;
  }
  if (result.title === null && content[first] && isTitleLike(content[first]!.text) && content.length > first + 1) {
    result.title = content[first]!.text.trim();
    bodyStart = first + 1;
    while (content[bodyStart] && captionPattern.test(content[bodyStart]!.text)) {
      result.drop.push([content[bodyStart]!.start, content[bodyStart]!.end]);
      bodyStart++;
    }
    const authorLine = content[bodyStart];
    if (authorLine && result.authors.length === 0 && isPersonName(authorLine.text)) {
      result.authors = [authorLine.text.trim()];
      bodyStart++;
    }
  }

  const lead = content[bodyStart];
  if (lead) {
    for (const rule of datelineRules) {
      const match = rule.regex.exec(lead.text);
      if (!match) continue;
      rule.fields.forEach((field, k) => {
        const value = match[k + 1]!.trim();
        if (field === 'place') result.datelinePlace = isShouted(value) ? titleCase(value) : value;
        if (field === 'outlet' && !result.outlet) result.outlet = canonicalOutlet(value);
        if (field === 'date') {
          const date = parseTextDate(value);
          if (date) dates.push({ value: date, from: 'the dateline', line: lead });
        }
      });
      break;
    }
  }

  const tail = content.slice(Math.max(bodyStart, content.length - 8));
  tail.forEach((line, index) => {
    const trimmed = line.text.trim();
    for (const rule of trailerRules) {
      const match = rule.regex.exec(trimmed);
      if (!match) continue;
      if (rule.field === 'translator') result.translator = match[1]!.trim();
      else if (!result.outlet) result.outlet = canonicalOutlet(match[1]!);
    }
    if (/^(?:author bio|about the author|sobre el autor)\s*:?$/i.test(trimmed) && result.authors.length === 0) {
      const bio = /^(\p{Lu}[\p{L}.'-]+(?: [\p{L}.'-]+){1,5}?) (?:is|es) /u.exec(tail[index + 1]?.text.trim() ?? '');
      if (bio) result.authors = [bio[1]!];
    }
  });

  // The article's own byline or dateline outranks a collector's header line, which often carries the crawl or source-language date.
  const rank = (from: string) => ['the byline', 'the dateline', 'the date header'].indexOf(from);
  dates.sort((a, b) => rank(a.from) - rank(b.from));
  if (dates.length > 0) {
    result.published = dates[0]!.value;
    for (const other of dates.slice(1)) {
      if (other.value !== result.published) {
        result.messages.push({
          start: other.line.start,
          end: other.line.end,
          rule: 'metadata:date-conflict',
          reason: `${other.from} says ${other.value} but ${dates[0]!.from} says ${result.published}; kept ${result.published}`,
        });
      }
    }
  }
  result.drop.sort((a, b) => a[0] - b[0]);
  return result;
}

function readByline(line: string): { authors: string[]; outlet: string | null; date: IsoDate | null } | null {
  const trimmed = line.trim();
  if (trimmed.length > 160) return null;
  for (const rule of bylineRules) {
    const match = rule.regex.exec(trimmed);
    if (!match) continue;
    const get = (field: 'authors' | 'outlet' | 'date') => {
      const k = rule.fields.indexOf(field);
      return k < 0 ? undefined : match[k + 1]!.trim();
    };
    const date = get('date') === undefined ? null : parseTextDate(get('date')!);
    if (get('date') !== undefined && date === null) continue;
    const outlet = get('outlet');
    if (outlet !== undefined && (outlet.split(/\s+/).length > 6 || /[.!?]$/.test(outlet))) continue;
    return { authors: splitAuthors(get('authors') ?? ''), outlet: outlet ? canonicalOutlet(outlet) : null, date };
  }
  return null;
}

/** "W. T. WHITNEY" → ["W. T. Whitney"]; "Ana Ruiz and Luis Paz" → two authors. */
export function splitAuthors(raw: string): string[] {
  if (!raw.trim()) return [];
  return raw
    .split(/\s*,\s*|\s+(?:and|y|&|e)\s+/)
    .map((name) => name.trim())
    .filter((name) => name.length > 1)
    .map((name) => (isShouted(name) ? titleCase(name) : name));
}

function isTitleLike(line: string): boolean {
  const trimmed = line.trim();
  const words = trimmed.split(/\s+/).length;
  return trimmed.length >= 3 && trimmed.length <= 200 && words <= 25 && !/[.,;:]$/.test(trimmed) && !captionPattern.test(trimmed);
}

function isSectionTags(line: string): boolean {
  const parts = line.trim().split(/\s*,\s*/);
  return parts.length >= 3 && !/[.!?]$/.test(line.trim()) && parts.every((part) => /^\p{Lu}[\p{L}&' -]{1,40}$/u.test(part) && part.split(/\s+/).length <= 6);
}

function isPersonName(line: string): boolean {
  const trimmed = line.trim();
  return /^\p{Lu}[\p{L}.'-]*(?: (?:de |del |la |y )?\p{Lu}[\p{L}.'-]*){1,4}$/u.test(trimmed) && trimmed.length <= 60;
}
