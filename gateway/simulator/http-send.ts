/**
 * One HTTP request on `node:http(s)` with kept-alive sockets, for the clients that stand in for other machines: the
 * simulator's callbacks to Davar and the bench's driver. They share the cores with what they drive, and undici's
 * `fetch` cost about 1.2 ms more CPU a request on the bench's machine (docs/bench.md). Davar's own gateway client
 * keeps `fetch`.
 */
import http from 'node:http';
import https from 'node:https';

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpSend {
  method: 'GET' | 'POST';
  headers: Record<string, string | number>;
  body?: string;
  /** Aborts the request (it then rejects). */
  signal?: AbortSignal;
  /** The whole request's time limit, answer included. */
  timeoutMs?: number;
}

/**
 * Sends one request and reads its answer; rejects on a network error, an abort or the time limit. Redirects are not
 * followed (`node:http` never does). A kept-alive socket that the server closed as the request went out fails with
 * ECONNRESET: as Node's documentation suggests, that request is tried once more (`reusedSocket`), which is safe for
 * these callers: a callback carries its event ID, a POST of the bench its Idempotency-Key. The retry goes out on a
 * new connection, not the pool's: when the server has closed many idle sockets at once and a busy event loop has not
 * yet read their FINs, the next pooled socket is as stale as the first (the bench lost a case that way, 2026-11-27).
 */
export function sendHttp(url: string, request: HttpSend, retried = false): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const req = (secure ? https : http).request(url, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.body === undefined ? {} : { 'content-length': Buffer.byteLength(request.body) }),
      },
      agent: retried ? false : secure ? agents.https : agents.http,
      signal: request.signal,
    });
    const timer =
      request.timeoutMs === undefined
        ? undefined
        : setTimeout(() => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET' && !request.signal?.aborted) {
        clearTimeout(timer);
        sendHttp(url, request, true).then(resolve, reject);
      } else fail(error);
    });
    req.end(request.body);
  });
}
