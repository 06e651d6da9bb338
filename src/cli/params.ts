/**
 * Flag values checked by the same schemas the API uses for its query strings (src/contract/params.ts), so that
 * `quipu list --from 2023-13` is refused exactly where `GET /api/articles?from=2023-13` answers 400.
 */
import type { z } from '@hono/zod-openapi';
import { QuipuError } from '../core/errors.ts';
import { isoDate, language, requiredText } from '../contract/params.ts';

/** A commander argument parser for `flag` that applies an API parameter schema and turns its refusal into a usage error (exit 2). */
function flagParser<T>(flag: string, schema: z.ZodType<T | undefined>): (value: string) => T {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new QuipuError('E_CONFIG', `${flag} ${parsed.error.issues[0]?.message ?? 'is malformed'}.`);
    if (parsed.data === undefined) throw new QuipuError('E_CONFIG', `${flag} needs a value`);
    return parsed.data;
  };
}

/** `--from`/`--to`: an ISO date prefix that exists (2023, 2023-01, 2023-01-10). */
export const dateFlag = (flag: string) => flagParser(flag, isoDate(flag));
/** `--language`: a two- or three-letter code as the store keeps it. */
export const languageFlag = (flag: string) => flagParser(flag, language(flag));
/** Free text of at most `maxLength` characters, as the API takes it. */
export const textFlag = (flag: string, maxLength: number) => flagParser(flag, requiredText(maxLength, flag));
