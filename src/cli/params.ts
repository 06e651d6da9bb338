/**
 * Flag values checked by the same readers the API uses for its query strings (server/params.ts), so that
 * `quipu list --from 2023-13` is refused exactly where `GET /api/articles?from=2023-13` answers 400.
 */
import { QuipuError } from '../core/errors.ts';
import { ApiError } from '../server/http-error.ts';
import { readDate, readLanguage, readText } from '../server/params.ts';

type Reader<T> = (query: (name: string) => string | undefined, name: string) => T | undefined;

/** A commander argument parser for `flag` that applies an API reader and turns its 400 into a usage error (exit 2). */
function flagParser<T>(flag: string, reader: Reader<T>): (value: string) => T {
  return (value) => {
    try {
      const parsed = reader(() => value, flag);
      if (parsed === undefined) throw new QuipuError('E_CONFIG', `${flag} needs a value`);
      return parsed;
    } catch (error) {
      if (error instanceof ApiError) throw new QuipuError('E_CONFIG', error.message);
      throw error;
    }
  };
}

/** `--from`/`--to`: an ISO date prefix that exists (2023, 2023-01, 2023-01-10). */
export const dateFlag = (flag: string) => flagParser(flag, readDate);
/** `--language`: a two- or three-letter code as the store keeps it. */
export const languageFlag = (flag: string) => flagParser(flag, readLanguage);
/** Free text of at most `maxLength` characters, as the API takes it. */
export const textFlag = (flag: string, maxLength: number) => flagParser(flag, (query, name) => readText(query, name, maxLength, true));
