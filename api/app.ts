/** The express app: routes, validation, auth, OpenAPI, webhook receiver and console. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import express from 'express';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { CaseChanges } from '../db/read-model/changes';
import type { Policy } from '../domain/policy';
import type { PayloadCodec } from '@temporalio/common';
import { keyringFromEnv } from '../codec/keys';
import { EncryptionCodec } from '../codec/payload-codec';
import {
  authenticate,
  jwksVerifier,
  rejectUnauthenticated,
  verifyToken,
  type JwksOptions,
  type TokenVerifier,
} from './auth';
import { codecRouter } from './routes/codec';
import { consoleRouter, devSignInEnabled, devTokenRouter } from './console';
import type { RouteContext } from './context';
import { ApiError, errorHandler, notFound } from './errors';
import { readBody } from './body-reader';
import { createMetrics } from './metrics';
import { OperationRegistry } from './openapi';
import { actionsRouter } from './routes/actions';
import { calendarRouter } from './routes/calendar';
import { casesRouter } from './routes/cases';
import { opsRouter } from './routes/ops';
import { oversightRouter } from './routes/oversight';
import { webhookRouter } from './routes/webhook';
import { startServerTiming } from './server-timing';
import { apiLogger } from './logger';

export interface ApiDeps {
  client: Client;
  db: Knex;
  taskQueue: string;
  /** The policy new cases start with (recorded in each case, so changing it never alters a running case). */
  policy: Policy;
  /** The HS256 secret of bearer tokens; unused when `jwks` is given. */
  jwtSecret: string;
  /** Production: verify bearer tokens (RS256/ES256) against this key set instead of `jwtSecret`. */
  jwks?: JwksOptions;
  webhookSecret: string;
  temporalUiUrl?: string;
  logger?: Logger;
  /** The payload codec (the same keys as the worker's); the codec server decrypts with it for supervisors. */
  codec?: PayloadCodec;
  /** Given by whoever closes it as the server stops (api/main.ts); otherwise one of the app's own, on `db`. */
  changes?: CaseChanges;
}

const JSON_LIMIT = '256kb';
const DEFAULT_RATE_LIMIT_PER_MIN = 600;

/** Accepts a caller's request ID when it is short and plain, so it can travel into logs and the audit log safely. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // No headers (tokens, signatures) and no query strings (a name search is personal data) in the logs.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}

/**
 * Per verified user, else per client address: a request whose token does not verify counts against its address, so
 * a junk token per request does not escape the limit. `API_RATE_LIMIT_PER_MIN=0` turns it off.
 */
function rateLimiter(name: string, perMinute: number): RequestHandler | undefined {
  if (!Number.isFinite(perMinute) || perMinute <= 0) return undefined;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      req.principal ? `${name}:user:${req.principal.sub}` : `${name}:ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, _res, next) => {
      next(new ApiError(429, 'rate_limited', `more than ${perMinute} requests a minute; slow down`));
    },
  });
}

const limitFromEnv = (name: string, byDefault: number) => Number(process.env[name] ?? byDefault);

export function createApp(deps: ApiDeps): express.Express {
  const logger = deps.logger ?? apiLogger();
  const metrics = createMetrics(deps.db, logger);
  const ctx: RouteContext = {
    client: deps.client,
    db: deps.db,
    changes: deps.changes ?? new CaseChanges(deps.db, logger),
    taskQueue: deps.taskQueue,
    policy: deps.policy,
    webhookSecret: deps.webhookSecret,
    temporalUiUrl: deps.temporalUiUrl,
    logger,
    metrics,
    operations: new OperationRegistry(),
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(startServerTiming);
  app.use(requestLogger(logger));
  // Plain-HTTP deployments (a dev box, a LAN) must still load the docs' assets, so nothing is upgraded to HTTPS.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(metrics.httpLatency);

  // The unauthenticated doors (metrics, the gateway webhook) are limited by client address.
  const opsLimiter = rateLimiter('ops', limitFromEnv('OPS_RATE_LIMIT_PER_MIN', DEFAULT_RATE_LIMIT_PER_MIN));
  if (opsLimiter) app.use(['/metrics', '/api/v1/gateway'], opsLimiter);
  app.use(opsRouter(ctx));
  // Before the JSON parser and the bearer check: the gateway signs the raw body and has no token.
  app.use(webhookRouter(ctx));

  const verifier: TokenVerifier = deps.jwks ? jwksVerifier(deps.jwks) : (token) => verifyToken(token, deps.jwtSecret);
  app.use(
    codecRouter({
      codec: deps.codec ?? new EncryptionCodec(keyringFromEnv(process.env)),
      verify: verifier,
      uiOrigin: deps.temporalUiUrl ? new URL(deps.temporalUiUrl).origin : undefined,
      secureCookie: process.env.NODE_ENV === 'production',
    }),
  );
  // The dev sign-in precedes the bearer check: it is how a developer gets a token in the first place.
  if (devSignInEnabled(process.env, deps.jwks)) app.use(devTokenRouter(deps.jwtSecret));
  app.use('/api/v1', authenticate(verifier));
  const limiter = rateLimiter('api', limitFromEnv('API_RATE_LIMIT_PER_MIN', DEFAULT_RATE_LIMIT_PER_MIN));
  if (limiter) app.use('/api/v1', limiter);
  app.use('/api/v1', rejectUnauthenticated, readBody(express.json({ limit: JSON_LIMIT })));
  app.use(casesRouter(ctx));
  app.use(actionsRouter(ctx));
  app.use(oversightRouter(ctx));
  app.use(calendarRouter(ctx));
  app.use(consoleRouter(ctx));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
