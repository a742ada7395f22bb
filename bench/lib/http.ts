/**
 * The bench's HTTP client: JSON in and out, the status kept, the time each request took measured. It stands in for
 * people's browsers and the console, which run on other machines; here it shares the cores with what it measures,
 * so it is as cheap as Node allows: `node:http` on kept-alive sockets. `fetch` (undici) cost about 1.2 ms more CPU
 * a request on this machine (2.0 against 0.74 ms for `GET /healthz`, client and server together, measured
 * 2026-11-27), charged to Davar's side in every ratio, about 25 requests a case.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';

export interface Reply {
  status: number;
  body: unknown;
  ms: number;
}

/** One pool of sockets for the whole run: as many as the highest concurrency the bench drives, and some room. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export async function request(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
  idempotencyKey: string = randomUUID(),
): Promise<Reply> {
  const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
  const payload = method === 'POST' ? JSON.stringify(body ?? {}) : undefined;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
    headers['idempotency-key'] = idempotencyKey;
  }
  const began = performance.now();
  const { status, text } = await send(`${baseUrl}${path}`, { method, headers, agent }, payload);
  const ms = performance.now() - began;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status, body: parsed, ms };
}

/**
 * A kept-alive socket the server closed as this request went out fails with ECONNRESET; Node's documentation
 * suggests trying again once on a fresh socket (`reusedSocket`). Safe here: a POST carries its Idempotency-Key.
 */
function send(url: string, options: http.RequestOptions, payload?: string, retried = false) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') {
        send(url, options, payload, true).then(resolve, reject);
      } else reject(error);
    });
    req.end(payload);
  });
}

/** Reads a property path of an unknown JSON value without casts at every call. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
