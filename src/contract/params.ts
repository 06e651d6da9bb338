/**
 * Query and path parameters as zod schemas: each parses the raw string into its typed value, and its error message
 * (prefixed with the parameter's name by the server) says what it takes and what it got, e.g.
 * `limit takes a whole number from 1 to 500, not "abc".` An empty value is the same as an absent one.
 */
import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../core/iso-date.ts';

export const maxLimit = 500;
/** An offset past any real store: bounds the work a single request can ask of the database. */
export const maxOffset = 10_000_000;

/** Shows a bad value in a message without echoing a huge or multi-line input. */
function shown(value: unknown): string {
  if (typeof value !== 'string') return Array.isArray(value) ? 'several values' : String(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const absentIfBlank = (value: unknown) => (value === '' ? undefined : value);

/** A whole number from `min` to `max` (digits only: `1e2`, `0x10` and `1.5` are refused), `fallback` when absent. */
export function integer(min: number, max: number, fallback: number, description: string) {
  const error = (issue: { input?: unknown }) => `takes a whole number from ${min} to ${max}, not ${shown(issue.input)}`;
  const digits = (value: unknown) => {
    const given = absentIfBlank(value);
    return typeof given === 'string' && /^\d{1,9}$/.test(given) ? Number(given) : given;
  };
  return z.preprocess(digits, z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback)).openapi({ description });
}

/** `limit` (1…500, default `fallback`) and `offset` (0…10,000,000, default 0). */
export function paging(fallback: number) {
  return {
    limit: integer(1, maxLimit, fallback, `Items per page (1–${maxLimit}, default ${fallback}).`),
    offset: integer(0, maxOffset, 0, 'Items to skip.'),
  };
}

/** An ISO date prefix: `2023`, `2023-01` or `2023-01-10`, a real calendar date. */
export function isoDate(description: string) {
  const error = (issue: { input?: unknown }) => `takes a date as an ISO prefix (2023, 2023-01 or 2023-01-10), not ${shown(issue.input)}`;
  const date = z
    .string({ error })
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, { error })
    .refine(isIsoDate, { error });
  return z.preprocess(absentIfBlank, date.optional()).openapi({ description });
}

/** A language code as the store keeps it: `en`, `es`, `und`. */
export function language(description: string) {
  const error = (issue: { input?: unknown }) => `takes a two- or three-letter language code such as en or es, not ${shown(issue.input)}`;
  return z
    .preprocess(
      absentIfBlank,
      z
        .string({ error })
        .regex(/^[a-z]{2,3}$/, { error })
        .optional(),
    )
    .openapi({ description });
}

/** Free text of at most `maxLength` characters; only white space is the same as absent. */
export function text(maxLength: number, description: string) {
  return z
    .preprocess(
      blankText,
      z
        .string({ error: (issue) => textError(issue.input) })
        .max(maxLength, { error: `is longer than ${maxLength} characters` })
        .optional(),
    )
    .openapi({ description });
}

/** Free text that must be given. */
export function requiredText(maxLength: number, description: string) {
  return z
    .preprocess(blankText, z.string({ error: (issue) => (issue.input === undefined ? 'is required' : textError(issue.input)) }).max(maxLength, { error: `is longer than ${maxLength} characters` }))
    .openapi({ description });
}

const blankText = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const textError = (input: unknown) => `takes one text value, not ${shown(input)}`;

/** One of `values`. */
export function choice<T extends string>(values: readonly T[], description: string) {
  const error = (issue: { input?: unknown }) => `takes one of ${values.join(', ')}, not ${shown(issue.input)}`;
  return z.preprocess(absentIfBlank, z.enum(values as [T, ...T[]], { error }).optional()).openapi({ description });
}

/** One of `values`, `fallback` when absent. */
export function choiceOr<T extends string>(values: readonly T[], fallback: NoInfer<T>, description: string) {
  const error = (issue: { input?: unknown }) => `takes one of ${values.join(', ')}, not ${shown(issue.input)}`;
  return z.preprocess(absentIfBlank, z.enum(values as [T, ...T[]], { error }).default(fallback as never)).openapi({ description });
}

/** A comma-separated subset of `values` (blanks ignored); absent means all. */
export function list<T extends string>(values: readonly T[], description: string) {
  const error = (issue: { input?: unknown }) => `takes a comma-separated list of ${values.join(', ')}; ${shown(issue.input)} is not one`;
  const items = (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  return z.preprocess(items, z.array(z.enum(values as [T, ...T[]], { error }), { error }).optional()).openapi({ description, type: 'string', example: values.slice(0, 2).join(',') });
}

/** A path segment: any text of at most `maxLength` characters. */
export function pathText(name: string, maxLength: number, description: string) {
  return z
    .string()
    .max(maxLength, { error: `is longer than ${maxLength} characters` })
    .openapi({ param: { name, in: 'path' }, description });
}

/** A copy link as a keyset cursor, `copyId:originalId` (a page's `next`); absent when blank. */
export function copyCursor(description: string) {
  const error = (issue: { input?: unknown }) => `takes the \`next\` of a page of copies (copy id:original id), not ${shown(issue.input)}`;
  return z
    .preprocess(
      absentIfBlank,
      z
        .string({ error })
        .regex(/^[0-9a-f]{1,128}:[0-9a-f]{1,128}$/, { error })
        .optional(),
    )
    .openapi({ description, example: '0f3a9c:1b2d4e' });
}
