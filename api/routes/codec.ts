/**
 * The codec server (`/codec/decode`, `/codec/encode`) the Temporal Web UI calls to show payloads: supervisors see
 * them decrypted, everyone else sees ciphertext. A supervisor signs the UI in with `POST /codec/session` (a cookie
 * the UI's "include credentials" sends along), or the UI passes a bearer token.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Principal, TokenVerifier } from '../auth';
import { bearerToken } from '../auth';
import { ApiError } from '../errors';
import { readBody } from '../body-reader';

const COOKIE = 'davar_codec';
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .max(4_000_000);
const payloadsSchema = z.strictObject({
  payloads: z
    .array(z.object({ metadata: z.record(z.string().max(200), base64).optional(), data: base64.optional() }))
    .max(1000),
});

const toPayload = (json: z.infer<typeof payloadsSchema>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(json.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(json.data ?? '', 'base64'),
});
const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

export interface CodecOptions {
  codec: PayloadCodec;
  verify: TokenVerifier;
  /** The Web UI's origin, allowed by CORS with credentials. */
  uiOrigin?: string;
  /** Whether the session cookie needs HTTPS (production). */
  secureCookie: boolean;
}

export function codecRouter(options: CodecOptions): Router {
  const router = Router();
  const cors: RequestHandler = (req, res, next) => {
    if (options.uiOrigin && req.get('origin') === options.uiOrigin) {
      res.setHeader('Access-Control-Allow-Origin', options.uiOrigin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };

  /** Supervisors only: the bearer token, or the session cookie the UI sends. */
  const supervisor = async (token: string | undefined): Promise<Principal> => {
    if (!token) throw new ApiError(401, 'unauthorized', 'a supervisor bearer token or codec session is required');
    const principal = await options.verify(token);
    if (principal.role !== 'supervisor')
      throw new ApiError(403, 'forbidden', 'only supervisors may see decrypted payloads');
    return principal;
  };

  router.use('/codec', cors, readBody(express.json({ limit: '8mb' })));

  router.post('/codec/session', async (req, res) => {
    const token = bearerToken(req);
    const principal = await supervisor(token);
    const maxAge = Math.max(0, principal.exp - Math.floor(Date.now() / 1000));
    res.setHeader(
      'Set-Cookie',
      `${COOKIE}=${token}; Path=/codec; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${options.secureCookie ? '; Secure' : ''}`,
    );
    res.status(204).end();
  });

  for (const direction of ['decode', 'encode'] as const) {
    router.post(`/codec/${direction}`, async (req, res) => {
      await supervisor(bearerToken(req) ?? cookieToken(req.get('cookie')));
      const parsed = payloadsSchema.safeParse(req.body);
      if (!parsed.success) throw new ApiError(400, 'malformed_request', 'the body is not {"payloads": [...]}');
      const payloads = parsed.data.payloads.map(toPayload);
      const result =
        direction === 'decode' ? await options.codec.decode(payloads) : await options.codec.encode(payloads);
      res.json({ payloads: result.map(toJson) });
    });
  }
  return router;
}
