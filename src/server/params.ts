/**
 * Query-string parsing by hand (no schema library): each reader returns the typed value or throws a 400
 * `ApiError` naming the parameter, what it takes and what it got.
 */
import { isIsoDate } from '../core/iso-date.ts';
import { ApiError } from './http-error.ts';

export const maxLimit = 500;
/** An offset past any real store: bounds the work a single request can ask of the database. */
export const maxOffset = 10_000_000;

type Query = (name: string) => string | undefined;

function bad(message: string): ApiError {
  return new ApiError(400, 'E_CONFIG', message);
}

/** Shows a bad value in a message without echoing a huge or multi-line input. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** `limit` (1…500, default `fallback`) and `offset` (≥ 0, default 0). */
export function readPaging(query: Query, fallback: number): { limit: number; offset: number } {
  return {
    limit: readInteger(query, 'limit', 1, maxLimit) ?? fallback,
    offset: readInteger(query, 'offset', 0, maxOffset) ?? 0,
  };
}

export function readInteger(query: Query, name: string, min: number, max: number): number | undefined {
  const raw = query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw bad(`${name} takes a whole number from ${min} to ${max}, not ${shown(raw)}.`);
  const value = Number(raw);
  if (value < min || value > max) throw bad(`${name} takes a whole number from ${min} to ${max}, not ${value}.`);
  return value;
}

/** An ISO date prefix: `2023`, `2023-01` or `2023-01-10`. */
export function readDate(query: Query, name: string): string | undefined {
  const raw = query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(raw) || !isIsoDate(raw)) {
    throw bad(`${name} takes a date as an ISO prefix (2023, 2023-01 or 2023-01-10), not ${shown(raw)}.`);
  }
  return raw;
}

/** A language code as the store keeps it: `en`, `es`, `und`. */
export function readLanguage(query: Query, name: string): string | undefined {
  const raw = query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^[a-z]{2,3}$/.test(raw)) throw bad(`${name} takes a two- or three-letter language code such as en or es, not ${shown(raw)}.`);
  return raw;
}

/** Free text with a length cap (an outlet name, a search query). */
export function readText(query: Query, name: string, maxLength: number, required: boolean): string | undefined {
  const raw = query(name);
  if (raw === undefined || raw.trim() === '') {
    if (required) throw bad(`${name} is required.`);
    return undefined;
  }
  if (raw.length > maxLength) throw bad(`${name} is longer than ${maxLength} characters.`);
  return raw;
}

/** A comma-separated subset of `allowed`, or undefined for "all". */
export function readList<T extends string>(query: Query, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = query(name);
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw bad(`${name} takes a comma-separated list of ${allowed.join(', ')}; ${shown(item)} is not one.`);
  }
  return items as T[];
}

/** One of `allowed`, or undefined when absent. */
export function readChoice<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const raw = query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw bad(`${name} takes one of ${allowed.join(', ')}, not ${shown(raw)}.`);
  return raw as T;
}
