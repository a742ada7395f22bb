/**
 * How the simulator answers a request body it could not read: the client's fault (400) or its own (503). The API
 * sorts body-parser's errors by the same rules (api/body-reader.ts); the two are kept apart because the simulator
 * stands in for a service outside Davar and nothing imports the API (ARCHITECTURE.md). A change to one is a change
 * to both.
 */
import type { ErrorRequestHandler } from 'express';
import { invalid, sendError } from './context';
import type { SimContext } from './context';

/** An error's enumerable own fields (`code`, `syscall`, `expected`…), which say more than its class. */
function fieldsOf(error: unknown): Record<string, string> {
  if (typeof error !== 'object' || error === null) return {};
  return Object.fromEntries(Object.entries(error).map(([key, value]) => [key, String(value)]));
}

export function bodyErrors(ctx: Pick<SimContext, 'store' | 'log'>): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const { type, status, code } = (error ?? {}) as { type?: unknown; status?: unknown; code?: unknown };
    if (type === 'entity.parse.failed') return invalid(ctx, res, [{ path: '', message: 'the body is not valid JSON' }]);
    // zlib could not inflate a body sent as gzip or deflate: body-parser hands that on with no type, but the request
    // is at fault, and "send it again" would have the client resend the same bytes for ever.
    if (typeof code === 'string' && code.startsWith('Z_')) {
      return invalid(ctx, res, [{ path: '', message: 'the body does not decode as its Content-Encoding says' }]);
    }
    if (type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', 'the body exceeds 1 MB');
    const clientSide = typeof status === 'number' && status >= 400 && status < 500;
    // The body reader's own refusals carry a type (an encoding or charset it cannot read, a length that lies, an
    // aborted upload): they are the client's, and GATEWAY.md's one answer for a malformed request is 400.
    if (clientSide && typeof type === 'string') {
      return invalid(ctx, res, [{ path: '', message: `the body could not be read (${type})` }]);
    }
    if (clientSide) {
      // No type: the reading itself failed, not the request: the request stream's error, or the decoder's (iconv-lite
      // failing to load its codecs inside a jest sandbox, an error from another realm that body-parser can only call
      // "Bad Request"). Nothing in the request was judged, so it is not malformed: a 400 would fail the notice for
      // good and send the case to service by hand. 503 is the contract's "transient: retry with the same key".
      ctx.store.count('failed503');
      ctx.log.warn(
        { error: String(error), fields: fieldsOf(error) },
        'gateway simulator could not read a request body',
      );
      return sendError(res, 503, 'unavailable', `the request body could not be read (${String(error)}); send it again`);
    }
    ctx.log.error({ error: String(error) }, 'gateway simulator route failed');
    // An answer already under way cannot become a 500; express's own handler ends the connection instead.
    if (res.headersSent) return next(error);
    sendError(res, 500, 'internal', `the simulator failed: ${String(error)}`);
  };
}
