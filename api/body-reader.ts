/**
 * How the API reads request bodies, and answers one it could not read. body-parser hands every failure on as one
 * kind of error: its own refusals with a `type`, and the request stream's or the decoder's error with none, labelled
 * 400. Sorted here, where the error is known to come from reading a body, such an error cannot be taken for another
 * dependency's outage (a reset stream carries the socket's `ECONNRESET`, which the error handler reads as the
 * database's) or for our bug. The gateway simulator answers by the same rules (gateway/simulator/body-errors.ts).
 */
import type { RequestHandler } from 'express';
import { ApiError, malformed } from './errors';

interface ReadFailure {
  type?: unknown;
  status?: unknown;
  limit?: unknown;
  code?: unknown;
}

/**
 * The error a route sees when its body could not be read: an ApiError, or `error` itself when the reader failed for
 * a reason of its own (a 5xx, our bug).
 */
export function readFailure(error: unknown): unknown {
  const { type, status, limit, code } = (typeof error === 'object' && error !== null ? error : {}) as ReadFailure;
  switch (type) {
    case 'entity.parse.failed':
      return malformed('the request body is not valid JSON');
    case 'entity.too.large':
      return new ApiError(
        413,
        'payload_too_large',
        `the request body is larger than ${String(limit ?? 'allowed')} bytes`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_encoding', 'the request body encoding is not supported');
    case 'request.aborted':
      return malformed('the request was aborted');
  }
  // zlib could not inflate a body sent as gzip or deflate.
  if (typeof code === 'string' && code.startsWith('Z_'))
    return malformed('the request body does not decode as its Content-Encoding says');
  const clientSide = typeof status === 'number' && status >= 400 && status < 500;
  if (!clientSide) return error;
  // The reader's other refusals name their type (a length that lies, say): the request's fault.
  if (typeof type === 'string') return malformed(`the request body could not be read (${type})`);
  // No type: the reading itself failed (the request stream's error, or the decoder's), and nothing in the request was
  // judged. Not malformed, not the database: the client retries, as after any 503, with the same Idempotency-Key.
  return new ApiError(
    503,
    'unavailable',
    'the request body could not be read; send it again (with the same Idempotency-Key)',
    undefined,
    error,
  );
}

/** `parser` (one of body-parser's), with its failures answered as `readFailure` says. */
export const readBody =
  (parser: RequestHandler): RequestHandler =>
  (req, res, next) =>
    parser(req, res, (error?: unknown) => next(error === undefined ? undefined : readFailure(error)));
