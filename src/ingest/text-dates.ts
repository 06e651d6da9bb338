/**
 * Publication dates as bylines and datelines write them ("May 26, 2023", "24 January 2024",
 * "Dec 16 2010", "02.02.2023", "3 de noviembre de 2025"). Only whole dates: relative
 * expressions belong to the timex stage, which anchors them to what this module finds.
 */
import type { IsoDate } from '../core/iso-date.ts';
import { isoFromParts } from '../core/iso-date.ts';

const monthNames: Record<string, number> = {};
const addMonths = (names: string[][]) => names.forEach((variants, index) => variants.forEach((name) => (monthNames[name] = index + 1)));
addMonths([
  ['january', 'jan', 'enero', 'ene'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril', 'abr'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre', 'dic'],
]);

/** Month number for an English or Spanish month name or abbreviation ("Dec.", "dic", "Enero"). */
export function monthNumber(name: string): number | undefined {
  return monthNames[name.toLowerCase().replace(/\.$/, '')];
}

const month = String.raw`\p{L}{3,10}\.?`;
const patterns: { regex: RegExp; read: (m: RegExpExecArray) => IsoDate | null }[] = [
  // 2024-01-23, 2024-01-23T10:00
  { regex: /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/u, read: (m) => isoFromParts(+m[1]!, +m[2]!, +m[3]!) },
  // May 26, 2023 · Dec 16 2010 · MARCH 10, 2023 · Dec. 16, 2010
  { regex: new RegExp(String.raw`^(${month}) (\d{1,2}),? (\d{4})$`, 'u'), read: (m) => fromNames(m[3]!, m[1]!, m[2]!) },
  // 24 January 2024 · 3 de noviembre de 2025 · 3 de noviembre del 2025
  { regex: new RegExp(String.raw`^(\d{1,2})(?: de)? (${month})(?:,)?(?: del?)? (\d{4})$`, 'u'), read: (m) => fromNames(m[3]!, m[2]!, m[1]!) },
  // 02.02.2023 · 10/01/2023: day first, the convention of the outlets that write them in bylines
  { regex: /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/u, read: (m) => isoFromParts(+m[3]!, +m[2]!, +m[1]!) },
  // January 2024 · enero de 2024
  { regex: new RegExp(String.raw`^(${month})(?: de)? (\d{4})$`, 'u'), read: (m) => fromNames(m[2]!, m[1]!) },
];

function fromNames(year: string, monthName: string, day?: string): IsoDate | null {
  const m = monthNumber(monthName);
  if (m === undefined) return null;
  return isoFromParts(Number(year), m, day === undefined ? undefined : Number(day));
}

/** Reads a whole string as one date, or null. */
export function parseTextDate(raw: string): IsoDate | null {
  const text = raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:on|el|the)\s+/i, '')
    .replace(/[.,;]$/, '');
  // Weekday prefixes ("Tuesday, 10 January 2023", "martes 10 de enero de 2023") say nothing the date does not.
  const withoutWeekday = text.replace(/^(?:mon|tues|wednes|thurs|fri|satur|sun)day,? |^(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo),? /i, '');
  for (const { regex, read } of patterns) {
    const match = regex.exec(withoutWeekday);
    if (match) return read(match);
  }
  return null;
}

const monthAlternation = Object.keys(monthNames)
  .sort((a, b) => b.length - a.length)
  .flatMap((name) => [name, name[0]!.toUpperCase() + name.slice(1), name.toUpperCase()])
  .join('|');

/**
 * A day and a month named, without a year ("March 11", "11 de marzo", "11 mar."): what datelines write. Only real month
 * names, so a place followed by any word and a number is not read as one.
 */
export const yearlessDatePattern = String.raw`(?:(?:${monthAlternation})\.? \d{1,2}|\d{1,2}(?: de)? (?:${monthAlternation})\.?)(?![\p{L}\d])`;

/** Source text of a regex that matches any date `parseTextDate` reads, for use inside larger patterns. */
export const datePattern = String.raw`(?:\d{4}-\d{2}-\d{2}|\p{L}{3,10}\.? \d{1,2},? \d{4}|\d{1,2}(?: de)? \p{L}{3,10}\.?,?(?: del?)? \d{4}|\d{1,2}[./]\d{1,2}[./]\d{4})`;
