/**
 * The one typed exception of the API and its mapping to HTTP at the boundary (as hono's HTTPException):
 * every failure answers `{error: {code, message}}`; a 500 never carries the cause's message or stack.
 */
import { QuipuError } from '../core/errors.ts';

/** Codes the API answers with: the core catalogue plus the few that exist only at the HTTP boundary. */
export type ApiErrorCode = QuipuError['code'] | 'E_UNAUTHORIZED' | 'E_FORBIDDEN' | 'E_METHOD' | 'E_INTERNAL';

export type ApiStatus = 400 | 401 | 403 | 404 | 405 | 413 | 500;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; item?: string };
}

/** A failure to report to the client as is: its status, code and message are all safe to show. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: ApiStatus,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const statusByCode: Partial<Record<QuipuError['code'], ApiStatus>> = {
  E_CONFIG: 400,
  E_BAD_URL: 400,
  E_PRIVATE_ADDRESS: 400,
  E_NOT_FOUND: 404,
  E_TOO_LARGE: 413,
};

/** Status and body for anything thrown by a handler; `internal` is true when the cause must be logged, not shown. */
export function toErrorResponse(error: unknown): { status: ApiStatus; body: ApiErrorBody; internal: boolean } {
  if (error instanceof ApiError) return { status: error.status, body: { error: { code: error.code, message: error.message } }, internal: false };
  if (error instanceof QuipuError) {
    const status = statusByCode[error.code];
    if (status) return { status, body: { error: { code: error.code, message: error.message } }, internal: false };
  }
  return { status: 500, body: { error: { code: 'E_INTERNAL', message: 'Internal error; the server log has the details.' } }, internal: true };
}
