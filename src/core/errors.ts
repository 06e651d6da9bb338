/**
 * Typed errors with stable codes. An unusable item gets one of these, naming the item;
 * the batch goes on and the code is what scripts and the API match on.
 */
export const errorCodes = {
  E_NOT_FOUND: 'The path or URL does not exist.',
  E_UNREADABLE: 'The item exists but could not be read.',
  E_EMPTY: 'The item holds no text.',
  E_BINARY: 'The item is binary data, not text.',
  E_TOO_LARGE: 'The item is larger than the size cap.',
  E_TOO_COMPLEX: 'The item nests too deep, holds too many elements, or has more text or tokens than one article may (docs/limits.md): it cannot be read in bounded time.',
  E_DECODE: 'The bytes could not be decoded as text.',
  E_UNSUPPORTED_TYPE: 'The item is of a type Quipu does not read.',
  E_NO_TEXT: 'No readable article text was found in the item.',
  E_PDF: 'The PDF could not be parsed.',
  E_FEED: 'The feed is malformed.',
  E_HTTP_STATUS: 'The server answered with an error status.',
  E_TIMEOUT: 'The fetch, or reading and annotating the item, did not finish in time.',
  E_TOO_MANY_REDIRECTS: 'The URL redirects too many times.',
  E_PRIVATE_ADDRESS: 'The URL points to a private or loopback address.',
  E_NETWORK: 'The network request failed.',
  E_BAD_URL: 'The URL is not a valid http(s) URL.',
  E_CONFIG: 'Quipu was configured or called incorrectly.',
  E_STORE: 'The store could not complete the operation.',
  E_PIPELINE: 'The annotation pipeline is misconfigured or a stage failed.',
  E_INVALID_DOC: 'A document breaks the Doc invariants.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class QuipuError extends Error {
  override readonly name = 'QuipuError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The path or URL the error is about, when it is about one item. */
    readonly item?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): { code: ErrorCode; message: string; item?: string } {
    return { code: this.code, message: this.message, ...(this.item ? { item: this.item } : {}) };
  }
}

/** Wraps anything thrown into a QuipuError so callers see one shape. */
export function asQuipuError(error: unknown, item?: string, fallback: ErrorCode = 'E_UNREADABLE'): QuipuError {
  if (error instanceof QuipuError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new QuipuError(fallback, message, item, { cause: error });
}
