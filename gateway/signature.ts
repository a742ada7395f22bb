/** Signing and checking the `X-Gateway-Signature` header that authenticates gateway callbacks. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Gateway-Signature';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface VerifySignatureOptions {
  secret: string;
  header: string | undefined;
  /** The body exactly as received: re-serialised JSON would not match the signature. */
  rawBody: string | Buffer;
  nowSeconds?: number;
  toleranceSeconds?: number;
}

function hmacHex(secret: string, rawBody: string | Buffer, unixSeconds: number): string {
  // Two updates rather than a string concatenation, so a Buffer body is hashed as bytes, never re-decoded.
  return createHmac('sha256', secret).update(`${unixSeconds}.`).update(rawBody).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signPayload(secret: string, rawBody: string | Buffer, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, rawBody, unixSeconds)}`;
}

interface ParsedHeader {
  t: number;
  v1: string[];
}

function parseHeader(header: string): ParsedHeader | undefined {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return undefined;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || t !== undefined) return undefined;
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      v1.push(value.toLowerCase());
    }
    // Other schemes (a future v2) are ignored, as a verifier that only knows v1 must.
  }
  if (t === undefined || v1.length === 0) return undefined;
  return { t, v1 };
}

/**
 * Accepts the header when one of its `v1` values matches and its timestamp is within the tolerance either way.
 * The HMAC is checked before the age, so `stale` is only reported for a genuine but old (or replayed) request.
 */
export function verifySignature(options: VerifySignatureOptions): SignatureCheck {
  const { secret, header, rawBody } = options;
  const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const toleranceSeconds = options.toleranceSeconds ?? 300;
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };

  const expected = Buffer.from(hmacHex(secret, rawBody, parsed.t), 'hex');
  // Several v1 values let the sender roll its secret without a gap.
  const matches = parsed.v1.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - parsed.t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true };
}
