/** Tokens for tests that need them wrong on purpose (forged, expired, missing claims), signed with jose. */
import { SignJWT, type JWTPayload } from 'jose';

export async function signHs256(payload: JWTPayload, secret: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

/** `iat` now and `exp` an hour later, unless the payload says otherwise. */
export function lifetime(payload: JWTPayload, seconds = 3600): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iat: now, exp: now + seconds, ...payload };
}
