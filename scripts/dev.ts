/**
 * `npm start`: the whole of Davar on one machine — Temporal, PostgreSQL, gateway simulator, worker and API —
 * in one command; Ctrl-C stops everything, and the next start reuses the data. `DAVAR_ENGINE=dev` (the default)
 * runs the Temporal CLI's dev server and the worker and API in this process; `DAVAR_ENGINE=server` runs
 * Temporal Server on PostgreSQL with two worker processes and an API process, as in production.
 */
import path from 'node:path';
import pino from 'pino';
import { jwksFromEnv } from '../api/auth';
import { logLevelFrom } from '../domain/log-level';
import { configFromEnv } from '../gateway/simulator/config';
import { workerConfigFromEnv } from '../worker/config';
import { installWorkerRuntime } from '../worker/runtime';
import { dataDir } from './lib/paths';
import type { Child } from './lib/processes';
import {
  connectClient,
  engineFromEnv,
  noticeEventsUrl,
  openDatabase,
  resolvePostgres,
  startApi,
  startGatewaySim,
  startTemporal,
  startWorker,
} from './lib/stack';
import { startApiProcess, startWorkerProcesses } from './lib/stack-processes';

const log = pino({ name: 'davar', level: logLevelFrom(process.env) });
const say = (message: string) => console.log(message);

/** Production runs workers as N replicas; two show that cases move between processes. */
const SERVER_ENGINE_WORKERS = 2;

async function main(): Promise<void> {
  const engine = engineFromEnv();
  const stops: (() => Promise<unknown>)[] = [];
  const children: Child[] = [];
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
  /** A process of ours that dies on its own leaves Davar half-running: stop the rest and say which. */
  const watch = (child: Child) => {
    children.push(child);
    stops.push(() => child.stop());
    child.process.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${child.name} (pid ${child.pid}) exited (${code ?? signal}); stopping Davar.`);
      void stopAll(1);
    });
  };

  try {
    const port = Number(process.env.PORT ?? 3000);
    const host = process.env.HOST ?? '127.0.0.1';
    const simPort = Number(process.env.GATEWAY_SIM_PORT ?? 7300);
    const webhookSecret = process.env.GATEWAY_WEBHOOK_SECRET ?? 'dev-webhook-secret';
    const gatewayToken = process.env.GATEWAY_TOKEN ?? 'dev-gateway-token';
    const jwtSecret = process.env.JWT_SECRET ?? 'dev-jwt-secret';
    const jwks = jwksFromEnv(process.env);
    const config = workerConfigFromEnv(process.env);

    // PostgreSQL first: the server engine keeps Temporal's own databases on the same server.
    const database = await resolvePostgres({ database: 'davar', embeddedDir: path.join(dataDir, 'pg'), log: say });
    stops.push(() => database.stop());

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let uiUrl = process.env.TEMPORAL_UI_URL;
    let temporalPid: number | undefined;
    if (!temporalAddress) {
      const temporal = await startTemporal({
        engine,
        mode: 'app',
        dataDir,
        postgresUrl: database.url,
        port: Number(process.env.TEMPORAL_PORT ?? 7233),
        uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
        // The API (started below) is the UI's codec server: supervisors sign in to it to read payloads.
        uiCodecEndpoint: process.env.TEMPORAL_CODEC_ENDPOINT ?? `http://127.0.0.1:${port}/codec`,
        namespace: config.namespace,
        log: say,
      });
      stops.push(() => temporal.stop());
      temporalAddress = temporal.address;
      uiUrl = temporal.uiUrl ?? uiUrl;
      temporalPid = temporal.pid;
    }

    // Migrations once, here, before any worker starts (they would also apply them, safely, under knex's lock).
    const { db, applied } = await openDatabase({ url: database.url });
    stops.push(() => db.destroy());
    if (applied.length) say(`Migrations applied: ${applied.join(', ')}`);

    const apiUrl = `http://127.0.0.1:${port}`;
    const sim = process.env.GATEWAY_URL
      ? undefined
      : await startGatewaySim({
          port: simPort,
          config: {
            ...configFromEnv(process.env),
            callbackUrl: noticeEventsUrl(apiUrl),
            callbackSecret: webhookSecret,
            token: gatewayToken,
          },
          logger: log.child({ name: 'gateway-sim' }),
        });
    if (sim) stops.push(() => sim.close());
    const gatewayUrl = sim?.url ?? config.gatewayUrl;

    const temporalClient = await connectClient({ address: temporalAddress, namespace: config.namespace });
    stops.push(() => temporalClient.close());

    let pieces: string;
    let metricsUrl: string | undefined;
    if (engine === 'server') {
      const env = {
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_NAMESPACE: config.namespace,
        TASK_QUEUE: config.taskQueue,
        DATABASE_URL: database.url,
        GATEWAY_URL: gatewayUrl,
        GATEWAY_TOKEN: gatewayToken,
        GATEWAY_WEBHOOK_SECRET: webhookSecret,
        JWT_SECRET: jwtSecret,
        TEMPORAL_UI_URL: uiUrl,
      };
      say(`Starting ${SERVER_ENGINE_WORKERS} worker processes and the API process…`);
      const metricsAddress = process.env.WORKER_METRICS_ADDRESS;
      const workers = await startWorkerProcesses({
        count: SERVER_ENGINE_WORKERS,
        env,
        client: temporalClient.client,
        metricsAddress,
      });
      workers.forEach(watch);
      watch(await startApiProcess({ env, port, host }));
      pieces = children.map((child) => `${child.name} pid ${child.pid}`).join(', ');
      metricsUrl =
        metricsAddress === 'off' ? undefined : `http://${metricsAddress ?? '127.0.0.1:9464'}/metrics (+1 each)`;
    } else {
      // WARN by default: the SDK's INFO lines (webpack's bundle report among them) drown the URLs printed below.
      metricsUrl = installWorkerRuntime(process.env).metricsUrl;
      const worker = await startWorker({
        address: temporalAddress,
        namespace: config.namespace,
        taskQueue: config.taskQueue,
        db,
        gatewayUrl,
        gatewayToken,
        log: log.child({ name: 'worker' }),
      });
      stops.push(() => worker.stop());
      const api = await startApi({
        client: temporalClient.client,
        db,
        taskQueue: config.taskQueue,
        policy: config.policy,
        jwtSecret,
        jwks,
        webhookSecret,
        temporalUiUrl: uiUrl,
        logger: log.child({ name: 'api' }),
        port,
        host,
      });
      stops.push(() => api.stop());
      pieces = `worker and API in this process (pid ${process.pid})`;
    }

    say(`
Davar is running (engine: ${engine}, policy: ${config.policy.name}, PostgreSQL: ${database.source}).
  API            ${apiUrl}/api/v1
  API docs       ${apiUrl}/docs
  Console        ${apiUrl}/ (staff console; sign in with the dev picker)
  Temporal UI    ${uiUrl ?? 'none (see the log above)'}
  Temporal       ${temporalAddress} (${engine === 'server' ? 'Temporal Server' : 'dev server'}${temporalPid ? `, pid ${temporalPid}` : ''}; task queue ${config.taskQueue})
  Processes      ${pieces}
  Gateway        ${gatewayUrl}${sim ? ' (simulator)' : ''}
  Worker metrics ${metricsUrl ?? 'off'}
  ${jwks ? `Tokens         verified against ${jwks.url}` : 'Dev token      npm run token -- --role officer --provinces THR'}
Press Ctrl-C to stop.`);
  } catch (error) {
    log.error({ err: error }, 'Davar failed to start');
    await stopAll(1);
  }
}

void main();
