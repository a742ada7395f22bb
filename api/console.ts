/**
 * The staff console (console/dist, built by `npm install`) served at `/`, with the SPA fallback for its pages, and
 * the development sign-in that signs a token with the dev secret (absent in production and with JWKS).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { RouteContext } from './context';
import { claimsSchema, MAX_TOKEN_LIFETIME_S, signDevToken } from './auth';
import { ApiError } from './errors';
import { readBody } from './body-reader';

const fromSources = path.join(__dirname, '..', 'console', 'dist');
/** console/dist beside the sources (tsx), or two levels up from a compiled build in dist/api; DAVAR_CONSOLE_DIR wins. */
export const CONSOLE_DIST =
  process.env.DAVAR_CONSOLE_DIR ??
  [fromSources, path.join(__dirname, '..', '..', 'console', 'dist')].find((dir) => existsSync(dir)) ??
  fromSources;

/** Paths that belong to the API, never to the console's fallback page: an unknown one stays a JSON 404. */
const apiPrefixes = ['/api/', '/openapi.json', '/docs', '/metrics', '/healthz', '/readyz', '/codec'];

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Davar</title></head>
<body><h1>Davar</h1><p>The console is not built: run <code>npm run console:build</code> (or <code>npm install</code>).
The API is at <a href="/docs">/docs</a>.</p></body></html>`;

export function consoleRouter(ctx: RouteContext, dist = CONSOLE_DIST): Router {
  const router = Router();
  const index = path.join(dist, 'index.html');
  ctx.operations.add(
    router,
    {
      method: 'get',
      path: '/',
      operationId: 'console',
      summary: 'The staff console (a single-page app; its other pages answer with the same document)',
      tag: 'ops',
      security: 'none',
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    },
    (_req, res) => {
      if (existsSync(index)) res.sendFile(index);
      else res.status(503).type('html').send(notBuilt);
    },
  );
  // Hashed file names: the assets never change under their name, so browsers may keep them.
  router.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use(express.static(dist, { index: false }));
  router.get(/.*/, (req, res, next) => {
    if (apiPrefixes.some((prefix) => req.path === prefix || req.path.startsWith(prefix))) return next();
    if (!req.accepts('html') || !existsSync(index)) return next();
    res.sendFile(index);
  });
  return router;
}

/** Only outside production, and only with the shared secret (a JWKS deployment has no secret to sign with). */
export function devSignInEnabled(env: NodeJS.ProcessEnv, jwks: unknown): boolean {
  return env.NODE_ENV !== 'production' && !jwks;
}

/** `GET` says the dev sign-in exists (the console shows its picker); `POST` signs a token for the claims given. */
export function devTokenRouter(jwtSecret: string): Router {
  const router = Router();
  router.get('/api/v1/dev/token', (_req, res) => {
    res.json({ available: true });
  });
  router.post('/api/v1/dev/token', readBody(express.json({ limit: '8kb' })), async (req, res) => {
    const now = Math.floor(Date.now() / 1000);
    const body: unknown = req.body;
    // The same claims check as a presented token: what is signed here is what the API accepts.
    const parsed = claimsSchema.safeParse({
      ...(typeof body === 'object' && body !== null ? body : {}),
      iat: now,
      exp: now + MAX_TOKEN_LIFETIME_S,
    });
    if (!parsed.success) {
      throw new ApiError(422, 'invalid_input', parsed.error.issues.map((i) => i.message).join('; '));
    }
    const { iat: _iat, exp: _exp, ...claims } = parsed.data;
    res.json({ token: await signDevToken(claims, jwtSecret) });
  });
  return router;
}
