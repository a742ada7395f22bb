/**
 * The bench's HTTP client: JSON in and out, the status kept, the time each request took measured. It stands in for
 * people's browsers and the console on other machines, on `node:http` with kept-alive sockets (`sendHttp`, as the
 * gateway simulator's callbacks): `fetch` cost about 1.2 ms more CPU a request here (2.0 against 0.74 ms for
 * `GET /healthz`, client and server together, measured 2026-11-27), charged to Davar's side of every ratio.
 */
import { randomUUID } from 'node:crypto';
import { parseServerTiming } from '../../api/server-timing';
import { sendHttp } from '../../gateway/simulator/http-send';

export interface Reply {
  status: number;
  body: unknown;
  ms: number;
  /** The API's own account of where the time went (`Server-Timing`), phase → ms; empty where it sent none. */
  serverTiming: Record<string, number>;
}

export async function request(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
  idempotencyKey: string = randomUUID(),
): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  const payload = method === 'POST' ? JSON.stringify(body ?? {}) : undefined;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['idempotency-key'] = idempotencyKey;
  }
  const began = performance.now();
  const { status, headers: answered, text } = await sendHttp(`${baseUrl}${path}`, { method, headers, body: payload });
  const ms = performance.now() - began;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the error message
  }
  const timing = answered['server-timing'];
  return {
    status,
    body: parsed,
    ms,
    serverTiming: parseServerTiming(Array.isArray(timing) ? timing.join(',') : timing),
  };
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
