/**
 * `npm start`: the whole of Davar on one machine — Temporal dev server, PostgreSQL, gateway simulator,
 * worker and API (with console) — in one command; Ctrl-C stops everything, and the next start reuses the data.
 */
import http from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../api/app';
import { jwksFromEnv } from '../api/auth';
import { createDb, migrate } from '../db/knex';
import { resolveDatabase } from '../db/resolve';
import { createHttpGateway } from '../gateway/http-client';
import { configFromEnv } from '../gateway/simulator/config';
import { startSimulator } from '../gateway/simulator/server';
import { workerConfigFromEnv } from '../worker/config';
import { createCaseWorker } from '../worker/create-worker';
import { installWorkerRuntime } from '../worker/runtime';
import { dataDir } from './lib/paths';
import { resolveTemporalCli } from './lib/temporal-cli';
import { startDevServer } from './lib/temporal-server';
import { dataConverterFromEnv } from '../codec/keys';

const log = pino({ name: 'davar', level: process.env.LOG_LEVEL ?? 'info' });
const say = (message: string) => console.log(message);

async function main(): Promise<void> {
  // WARN by default: the SDK's INFO lines (webpack's bundle report among them) drown the URLs printed below.
  const { metricsUrl } = installWorkerRuntime(process.env);
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping Davar…');
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => log.warn({ err: e }, 'stop failed'));
    say('Stopped.');
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    const port = Number(process.env.PORT ?? 3000);
    const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
    const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
    const simPort = Number(process.env.GATEWAY_SIM_PORT ?? 7300);
    const webhookSecret = process.env.GATEWAY_WEBHOOK_SECRET ?? 'dev-webhook-secret';
    const gatewayToken = process.env.GATEWAY_TOKEN ?? 'dev-gateway-token';
    const jwtSecret = process.env.JWT_SECRET ?? 'dev-jwt-secret';
    const jwks = jwksFromEnv(process.env);

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let uiUrl = process.env.TEMPORAL_UI_URL ?? `http://127.0.0.1:${uiPort}`;
    if (!temporalAddress) {
      const cli = await resolveTemporalCli(say);
      const server = await startDevServer({ cli, dataDir, port: temporalPort, uiPort, log: say });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      uiUrl = server.uiUrl;
    }

    const database = await resolveDatabase({ database: 'davar', embeddedDir: path.join(dataDir, 'pg'), log: say });
    stops.push(() => database.stop());
    const db = createDb({ url: database.url });
    stops.push(() => db.destroy());
    const applied = await migrate(db);
    if (applied.length) say(`Migrations applied: ${applied.join(', ')}`);

    const callbackUrl = `http://127.0.0.1:${port}/api/v1/gateway/notice-events`;
    const sim = process.env.GATEWAY_URL
      ? undefined
      : await startSimulator({
          port: simPort,
          config: { ...configFromEnv(process.env), callbackUrl, callbackSecret: webhookSecret, token: gatewayToken },
          logger: log.child({ name: 'gateway-sim' }),
        });
    if (sim) stops.push(() => sim.close());

    const config = {
      ...workerConfigFromEnv(process.env),
      temporalAddress,
      gatewayUrl: sim?.url ?? workerConfigFromEnv(process.env).gatewayUrl,
    };
    const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    const worker = await createCaseWorker({
      connection: nativeConnection,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      db,
      gateway: createHttpGateway({ baseUrl: config.gatewayUrl, token: gatewayToken }),
      log: log.child({ name: 'worker' }),
    });
    const running = worker.run();
    stops.push(async () => {
      // The SDK already begins a graceful shutdown on SIGINT/SIGTERM by itself.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
    });

    const connection = await Connection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: config.namespace, dataConverter: dataConverterFromEnv() });
    const app = createApp({
      client,
      db,
      taskQueue: config.taskQueue,
      policy: config.policy,
      jwtSecret,
      jwks,
      webhookSecret,
      temporalUiUrl: uiUrl,
      logger: log.child({ name: 'api' }),
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, process.env.HOST ?? '127.0.0.1', resolve);
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );

    say(`
Davar is running (policy: ${config.policy.name}, PostgreSQL: ${database.source}).
  API            http://127.0.0.1:${port}/api/v1
  API docs       http://127.0.0.1:${port}/docs
  Console        http://127.0.0.1:${port}/ (placeholder)
  Temporal UI    ${uiUrl}
  Temporal       ${temporalAddress} (task queue ${config.taskQueue})
  Gateway        ${config.gatewayUrl}${sim ? ' (simulator)' : ''}
  Worker metrics ${metricsUrl ?? 'off'}
  ${jwks ? `Tokens         verified against ${jwks.url}` : 'Dev token      npm run token -- --role officer --provinces THR'}
Press Ctrl-C to stop.`);
  } catch (error) {
    log.error({ err: error }, 'Davar failed to start');
    await stopAll(1);
  }
}

void main();
