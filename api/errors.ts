/** The one error shape of the API, the errors routes throw, and the middleware that renders them. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { InvalidCursor } from '../db/read-model/cursor';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Thrown by routes and helpers; the error handler turns it into `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** What failed underneath, for the log (never shown to the client). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Field errors as a flat list of dotted paths, which a form can map to its inputs. */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

export function invalidInput(issues: FieldIssue[], message = 'the request does not match the schema'): ApiError {
  return new ApiError(422, 'invalid_input', message, { issues });
}

/** Parses `value` with `schema`, or throws 422 `invalid_input` with the field errors. */
export function parseOr422<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(fieldIssues(parsed.error, prefix));
  return parsed.data;
}

export const malformed = (message: string) => new ApiError(400, 'malformed_request', message);

/** Express could not decode a path parameter (`/cases/%ZZ`): a malformed request, not our bug. */
const isBadPercentEncoding = (error: unknown): boolean =>
  error instanceof URIError ||
  (error instanceof Error && 'status' in error && error.status === 400 && /decode/i.test(error.message));

/**
 * PostgreSQL unreachable or too slow (refused connection, pool timeout, statement timeout): the caller should retry,
 * and must not see the driver's words.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: errors from Node's own modules (a refused socket) may come from another realm than this module's.
  if (typeof error !== 'object' || error === null || !('message' in error) || typeof error.message !== 'string')
    return false;
  const code = 'code' in error ? String(error.code) : '';
  const name = 'name' in error ? String(error.name) : '';
  return (
    name === 'KnexTimeoutError' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '57014', '08006', '08001', '53300'].includes(
      code,
    ) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(error.message)
  );
}

export const unavailable = (what: string) =>
  new ApiError(503, 'unavailable', `${what} is not reachable right now; retry shortly (with the same Idempotency-Key)`);

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `no route for ${req.method} ${req.path}`));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const apiError =
      error instanceof ApiError
        ? error
        : error instanceof InvalidCursor
          ? invalidInput([{ path: 'cursor', message: error.message }], error.message)
          : isBadPercentEncoding(error)
            ? malformed('the request path is not valid percent-encoding')
            : isDatabaseUnavailable(error)
              ? unavailable('the database')
              : undefined;
    if (apiError?.status === 503) (req.log ?? logger).warn({ err: apiError.cause ?? error }, apiError.message);
    if (apiError?.status === 503) res.setHeader('Retry-After', '5');
    if (apiError) {
      res.status(apiError.status).json(errorBody(apiError.code, apiError.message, apiError.details));
      return;
    }
    // Anything else is our bug or an outage: log it with the request ID, tell the client no more than that.
    (req.log ?? logger).error({ err: error }, 'unhandled error');
    if (res.headersSent) return;
    res.status(500).json(errorBody('internal', `internal error; quote request ID ${String(req.id ?? '')}`));
  };
}
