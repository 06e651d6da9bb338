/**
 * The one typed exception of the API and its mapping to HTTP at the boundary (as hono's HTTPException):
 * every failure answers `{error: {code, message}}`; a 500 never carries the cause's message or stack.
 */
import { HTTPException } from 'hono/http-exception';
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

/**
 * The contract's validation hook (src/contract): a parameter or body the route's schema refuses is a 400 whose message
 * names it and says what it takes (`limit takes a whole number from 1 to 500, not "abc".`).
 */
export function refuseInvalid(result: { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): void {
  if (result.success) return;
  const issue = result.error.issues[0];
  const name = issue?.path[0] === undefined ? 'The request' : String(issue.path[0]);
  throw new ApiError(400, 'E_CONFIG', `${name} ${issue?.message ?? 'is malformed'}.`);
}

/** Status and body for anything thrown by a handler; `internal` is true when the cause must be logged, not shown. */
export function toErrorResponse(error: unknown): { status: ApiStatus; body: ApiErrorBody; internal: boolean } {
  if (error instanceof ApiError) return { status: error.status, body: { error: { code: error.code, message: error.message } }, internal: false };
  // Hono's own refusals before a handler runs (a body that is not JSON): the client's fault, said as it is.
  if (error instanceof HTTPException && (error.status === 400 || error.status === 413)) {
    const body = { error: { code: error.status === 413 ? 'E_TOO_LARGE' : 'E_CONFIG', message: error.message } } as const;
    return { status: error.status, body, internal: false };
  }
  if (error instanceof QuipuError) {
    const status = statusByCode[error.code];
    if (status) return { status, body: { error: { code: error.code, message: error.message } }, internal: false };
  }
  return { status: 500, body: { error: { code: 'E_INTERNAL', message: 'Internal error; the server log has the details.' } }, internal: true };
}
