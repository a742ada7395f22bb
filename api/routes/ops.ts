/** Operations and documentation: health, readiness, metrics, the OpenAPI document, and Swagger UI (the console is api/console.ts). */
import { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import type { RouteContext } from '../context';
import { ApiError } from '../errors';
import { openApiDocument } from '../openapi';
import { pingDb } from '../../db/read-model/reader';
import { healthSchema, readySchema } from '../schemas';
import { pingTemporal } from '../temporal';
import { error } from './common';

const READY_TIMEOUT_MS = 2000;

/**
 * 'ok', 'timeout' or 'unreachable': the probe's own error (a driver's text, a host name, a user) stays in the log,
 * never in an unauthenticated answer.
 */
async function check(
  probe: () => Promise<void>,
  log: (err: unknown) => void,
): Promise<'ok' | 'timeout' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().then(() => 'ok' as const), timeout]);
  } catch (err) {
    log(err);
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

// Inline scripts are refused by the Content-Security-Policy, so the page loads its initialiser from a file.
const swaggerPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Davar API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

const swaggerInit = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

export function opsRouter(ctx: RouteContext): Router {
  const router = Router();
  const { operations } = ctx;
  const ops = { tag: 'ops', security: 'none' as const };

  operations.add(
    router,
    {
      ...ops,
      method: 'get',
      path: '/healthz',
      operationId: 'healthz',
      summary: 'The process is up',
      responses: { 200: { description: 'Up', schema: healthSchema } },
    },
    (_req, res) => {
      res.json({ status: 'ok' });
    },
  );

  operations.add(
    router,
    {
      ...ops,
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      summary: 'Temporal and PostgreSQL answer',
      responses: {
        200: { description: 'Ready', schema: readySchema },
        503: error('`not_ready`; `details` says which dependency is `unreachable` or answered with a `timeout`'),
      },
    },
    async (req, res) => {
      const log = (what: string) => (err: unknown) => req.log.warn({ err }, `readiness: ${what} failed`);
      const [temporal, postgres] = await Promise.all([
        check(() => pingTemporal(ctx.client), log('temporal')),
        check(() => pingDb(ctx.db), log('postgres')),
      ]);
      if (temporal !== 'ok' || postgres !== 'ok') {
        const failed = [temporal !== 'ok' && 'temporal', postgres !== 'ok' && 'postgres'].filter(Boolean).join(', ');
        throw new ApiError(503, 'not_ready', `not reachable: ${failed}`, { temporal, postgres });
      }
      res.json({ status: 'ready', checks: { temporal, postgres } });
    },
  );

  operations.add(
    router,
    {
      ...ops,
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
    },
    async (_req, res) => {
      const body = await ctx.metrics.registry.metrics();
      res.type(ctx.metrics.registry.contentType).send(body);
    },
  );

  let document: Record<string, unknown> | undefined;
  operations.add(
    router,
    {
      ...ops,
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { description: 'OpenAPI 3.1', contentType: 'application/json' } },
    },
    (_req, res) => {
      // Built on first request, when every router has registered its operations.
      document ??= openApiDocument(operations.operations);
      res.json(document);
    },
  );

  operations.add(
    router,
    {
      ...ops,
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'Swagger UI for this document',
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    },
    (_req, res) => {
      res.type('html').send(swaggerPage);
    },
  );
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(swaggerInit);
  });
  // Only the assets the page uses: the package also ships a demo page that points at someone else's API.
  const assets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-16x16.png', 'favicon-32x32.png']);
  const assetDir = getAbsoluteFSPath();
  router.get('/docs/:asset', (req, res, next) => {
    const asset = String(req.params.asset);
    if (!assets.has(asset)) {
      next();
      return;
    }
    res.sendFile(asset, { root: assetDir, maxAge: '1d' });
  });

  return router;
}
