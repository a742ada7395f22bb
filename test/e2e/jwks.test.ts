/**
 * Production auth: bearer tokens checked against a JWKS (RS256/ES256) with issuer and audience, on the real
 * stack. The key set is served by a tiny HTTP server of the test's own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import pino from 'pino';
import { createApp } from '../../api/app';
import { startStack, JWT_SECRET, WEBHOOK_SECRET, type Stack } from '../helpers/stack';
import { at, call, errorCode } from './helpers';
import { lifetime, signHs256 } from '../helpers/tokens';

const ISSUER = 'https://idp.test.davar/';
const AUDIENCE = 'davar-api';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  jwk: JWK;
}

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

let stack: Stack;
let jwksServer: http.Server;
let jwksUrl: string;
let jwksFetches = 0;
let rsa: SigningKey;
let ec: SigningKey;
let stranger: SigningKey;

const claims = { sub: 'officer-7', role: 'officer', provinces: ['THR'] };

function sign(
  key: SigningKey,
  payload: JWTPayload = claims,
  options: { issuer?: string; audience?: string; expiresAt?: number | string; kid?: string } = {},
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresAt ?? '1h')
    .sign(key.privateKey);
}

beforeAll(async () => {
  [rsa, ec, stranger] = await Promise.all([
    signingKey('rsa-1', 'RS256'),
    signingKey('ec-1', 'ES256'),
    signingKey('stranger', 'RS256'),
  ]);
  jwksServer = http.createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      jwksFetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [rsa.jwk, ec.jwk] }));
      return;
    }
    res.writeHead(500).end('key store down');
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  stack = await startStack({ jwks: { url: `${jwksUrl}/.well-known/jwks.json`, issuer: ISSUER, audience: AUDIENCE } });
});

afterAll(async () => {
  await stack?.close();
  jwksServer?.closeAllConnections();
  await new Promise<void>((resolve) => (jwksServer ? jwksServer.close(() => resolve()) : resolve()));
});

async function expectUnauthorized(token: string, message?: string): Promise<void> {
  const reply = await call(stack, 'GET', '/api/v1/cases', { token });
  expect(reply.status).toBe(401);
  expect(errorCode(reply)).toBe('unauthorized');
  if (message) expect(at(reply.body, 'error', 'message')).toBe(message);
}

test('a token signed by a JWKS key is accepted, and the key set is cached', async () => {
  const first = await call(stack, 'GET', '/api/v1/cases', { token: await sign(rsa) });
  expect(first.status).toBe(200);
  expect(at(first.body, 'items')).toEqual(expect.any(Array));
  const fetched = jwksFetches;
  expect(fetched).toBeGreaterThanOrEqual(1);

  const second = await call(stack, 'GET', '/api/v1/cases', { token: await sign(rsa, { ...claims, sub: 'other' }) });
  expect(second.status).toBe(200);
  expect(jwksFetches).toBe(fetched);
});

test('ES256 keys of the set are accepted too', async () => {
  const reply = await call(stack, 'GET', '/api/v1/cases', { token: await sign(ec) });
  expect(reply.status).toBe(200);
});

test('the claims are read as in dev mode: provinces still bind', async () => {
  const reply = await call(stack, 'GET', '/api/v1/cases?province=ISF', { token: await sign(rsa) });
  expect(reply.status).toBe(403);
  expect(errorCode(reply)).toBe('forbidden_province');
});

test('a token signed by a key outside the set is refused', async () => {
  await expectUnauthorized(await sign(stranger), 'the token is not valid');
});

test('a token signed by another key under a known kid is refused', async () => {
  await expectUnauthorized(await sign(stranger, claims, { kid: rsa.kid }), 'the token is not valid');
});

test('an HS256 token with the dev secret is refused in JWKS mode', async () => {
  const token = await signHs256(lifetime({ ...claims, iss: ISSUER, aud: AUDIENCE }), JWT_SECRET);
  await expectUnauthorized(token, 'the token is not valid');
  await expectUnauthorized(await stack.token({ role: 'officer' }), 'the token is not valid');
});

test('an unsigned (alg none) token is refused', async () => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  await expectUnauthorized(`${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, iss: ISSUER, aud: AUDIENCE })}.`);
});

test('a wrong issuer is refused', async () => {
  await expectUnauthorized(await sign(rsa, claims, { issuer: 'https://evil.example/' }), 'the token is not valid');
});

test('a wrong audience is refused', async () => {
  await expectUnauthorized(await sign(rsa, claims, { audience: 'another-api' }), 'the token is not valid');
});

test('an expired token is refused', async () => {
  const expiresAt = Math.floor(Date.now() / 1000) - 60;
  await expectUnauthorized(await sign(rsa, claims, { expiresAt }), 'the token has expired');
});

test('a well-signed token without the claims Davar needs is refused', async () => {
  await expectUnauthorized(
    await sign(rsa, { sub: 'x', role: 'officer' }),
    "the token's claims are not valid: a staff token carries provinces",
  );
});

test('garbage is refused', async () => {
  await expectUnauthorized('not-a-jwt', 'the token is not valid');
  await expectUnauthorized('a.b.c', 'the token is not valid');
});

test('a key server that is down is a 503, not a bad token', async () => {
  const app = createApp({
    client: stack.client,
    db: stack.db,
    taskQueue: stack.taskQueue,
    policy: stack.policy,
    jwtSecret: JWT_SECRET,
    jwks: { url: `${jwksUrl}/broken`, issuer: ISSUER, audience: AUDIENCE },
    webhookSecret: WEBHOOK_SECRET,
    logger: pino({ level: 'silent' }),
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const reply = await call({ ...stack, apiUrl }, 'GET', '/api/v1/cases', { token: await sign(rsa) });
    expect(reply.status).toBe(503);
    expect(errorCode(reply)).toBe('auth_unavailable');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
