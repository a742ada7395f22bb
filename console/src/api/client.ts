/** The API client, typed from Davar's own OpenAPI document (schema.d.ts), with the bearer token added to each call. */
import createClient, { type Middleware } from 'openapi-fetch';
import { currentToken } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type CaseDetail = Schemas['CaseDetail'];
export type CaseListItem = Schemas['CaseList']['items'][number];
export type Filing = Schemas['Filing'];
export type ActionSegment = CaseDetail['availableActions'][number]['action'];

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** An answer other than 2xx, with the API's stable code and message (`{ error: { code, message } }`). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function failureOf(error: unknown, response: Response): ApiFailure {
  const parsed = typeof error === 'object' && error !== null && 'error' in error ? error.error : undefined;
  if (typeof parsed === 'object' && parsed !== null && 'code' in parsed && 'message' in parsed) {
    return new ApiFailure(response.status, String(parsed.code), String(parsed.message));
  }
  return new ApiFailure(response.status, 'http_error', `${response.status} ${response.statusText}`);
}

/** The data of a 2xx answer, or throws its ApiFailure. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw failureOf(error, response);
  return data;
}

/**
 * A fresh idempotency key, so a double click or a retried request is applied once. getRandomValues, not randomUUID:
 * the latter exists only on HTTPS or localhost, and an office LAN may serve the console over plain HTTP.
 */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
