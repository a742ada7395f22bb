/** The API process (`npm run api`, docker-compose): one Temporal client and one knex pool, served until SIGINT/SIGTERM. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createDb } from '../db/knex';
import { CaseChanges } from '../db/read-model/changes';
import { policyByName } from '../domain/policy';
import { secretFrom } from '../domain/secrets';
import { createApp, type ApiDeps } from './app';
import { jwksFromEnv } from './auth';
import { dataConverterFromEnv } from '../codec/keys';
import { apiLogger } from './logger';

export interface RunningApi {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** Serves the app on `port` (0 picks a free one); `close` stops accepting and drops idle keep-alive sockets. */
export async function startApi(options: ApiDeps & { port: number; host?: string }): Promise<RunningApi> {
  const { port, host = '127.0.0.1', ...deps } = options;
  const logger = deps.logger ?? apiLogger();
  const changes = deps.changes ?? new CaseChanges(deps.db, logger);
  const server = http.createServer(createApp({ ...deps, logger, changes }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Reads waiting for a change answer now, with the case as it is, so the server can finish closing.
      await changes.close();
      await closed;
    },
  };
}

/** Dev defaults and short secrets are refused in production: a known JWT secret would let anyone mint a token. */
const secret = (name: string, devDefault: string): string => secretFrom(process.env, name, devDefault);

async function main(): Promise<void> {
  const logger = apiLogger();
  const databaseUrl = process.env.DATABASE_URL;
  // Migrations belong to the worker and `npm run migrate`, so two processes never race to apply them.
  if (!databaseUrl) throw new Error('DATABASE_URL is required for a standalone API (npm start sets up its own)');
  const jwks = jwksFromEnv(process.env);
  const db = createDb({ url: databaseUrl });
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const client = new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    dataConverter: dataConverterFromEnv(),
  });
  const api = await startApi({
    client,
    db,
    taskQueue: process.env.TASK_QUEUE ?? 'davar-cases',
    policy: policyByName(process.env.DAVAR_POLICY),
    // With a JWKS the shared secret is not used, so production need not set it.
    jwtSecret: jwks ? (process.env.JWT_SECRET ?? '') : secret('JWT_SECRET', 'dev-jwt-secret'),
    jwks,
    webhookSecret: secret('GATEWAY_WEBHOOK_SECRET', 'dev-webhook-secret'),
    temporalUiUrl: process.env.TEMPORAL_UI_URL,
    logger,
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '0.0.0.0',
  });
  logger.info({ url: api.url, auth: jwks ? `JWKS ${jwks.url}` : 'HS256 (JWT_SECRET)' }, 'API listening');

  const stop = async () => {
    logger.info('stopping');
    // In-flight requests get a grace period, not for ever: a stuck one must not keep a replica from stopping.
    setTimeout(() => {
      logger.warn('requests still open after 10 s: exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    await api.close();
    await connection.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
