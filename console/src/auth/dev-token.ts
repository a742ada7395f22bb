/**
 * The development sign-in: `POST /api/v1/dev/token` signs a token with the dev secret. It exists only outside
 * production and is therefore not in the OpenAPI document; its small shape is typed here.
 */
import type { Role, Side } from '../../../domain/vocabulary';

export const DEV_TOKEN_PATH = '/api/v1/dev/token';

export interface DevTokenRequest {
  role: Role;
  sub: string;
  name?: string;
  provinces?: string[];
  side?: Side;
  nationalId?: string;
}

export async function devSignInAvailable(): Promise<boolean> {
  const reply = await fetch(DEV_TOKEN_PATH);
  return reply.ok;
}

export async function requestDevToken(request: DevTokenRequest): Promise<string> {
  const reply = await fetch(DEV_TOKEN_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body: unknown = await reply.json();
  if (reply.ok && typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string') {
    return body.token;
  }
  const message =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error
      ? String('message' in body.error ? body.error.message : reply.status)
      : String(reply.status);
  throw new Error(message);
}
