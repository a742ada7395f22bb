/**
 * Everything one bench run needs, started through scripts/lib/stack.ts as `npm start` and the tests start it: a
 * throw-away Temporal (DAVAR_ENGINE picks the engine), PostgreSQL in a schema of its own, the gateway simulator
 * calling the API back, Davar's worker and API; and beside them the baseline's own worker and a bare client on the
 * same Temporal server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import pg from 'pg';
import pino from 'pino';
import { signDevToken } from '../../api/auth';
import type { Role, Side } from '../../domain/case';
import { fastPolicy, type Policy } from '../../domain/policy';
import type { Simulator } from '../../gateway/simulator/server';
import { dataDir } from '../../scripts/lib/paths';
import { writeCaseBundle } from '../../worker/bundle';
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
  type Engine,
  type RunningTemporal,
} from '../../scripts/lib/stack';
import { workflowThreadsOfOwnProcess } from '../../worker/create-worker';
import { bareActivities } from '../baseline/activities';

export const JWT_SECRET = 'bench-jwt-secret';
export const WEBHOOK_SECRET = 'bench-webhook-secret';
export const GATEWAY_TOKEN = 'bench-gateway-token';
export const BARE_TASK_QUEUE = 'bare';
export const DAVAR_TASK_QUEUE = 'davar';

export interface TokenClaims {
  role: Role;
  sub: string;
  side?: Side;
  nationalId?: string;
}

export interface BenchStack {
  engine: Engine;
  temporal: RunningTemporal;
  databaseUrl: string;
  db: Knex;
  schema: string;
  apiUrl: string;
  sim: Simulator;
  /** Davar's client (with the payload codec), as the API uses it. */
  client: Client;
  /** The baseline's client: no codec, nothing but the SDK's defaults. */
  bareClient: Client;
  policy: Policy;
  token(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

export interface BenchStackOptions {
  /** Davar's workflow code (its `workflows/case` directory); another checkout's for the "before" measurement. */
  davarWorkflowsPath?: string;
  policy?: Policy;
  /** Start Davar's worker in this process (the scale section runs it as a process of its own instead). */
  davarWorker?: boolean;
  /**
   * A database of its own (public schema), dropped at the end: for a worker process, which projects into the
   * public schema of DATABASE_URL. By default the run gets a schema of its own in `davar_bench`.
   */
  ownDatabase?: string;
  log: (message: string) => void;
}

/**
 * The fast policy (one day is one second) with the two windows the driver must act within lengthened: on a
 * loaded machine, polling every 200 ms, three seconds to answer or to record compliance are sometimes missed, and
 * the case would go another way. Neither window's length changes a case's duration: each ends with the action.
 */
export const benchPolicy: Policy = {
  ...fastPolicy,
  name: 'bench',
  windows: {
    ...fastPolicy.windows,
    response: { amount: 30, unit: 'business_days' },
    compliance: { amount: 30, unit: 'calendar_days' },
  },
};

/** The process's one warnings logger, made with the SDK's runtime (which can be installed once a process). */
let workerLog: pino.Logger | undefined;

async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Warnings of the workers in the bench's process, the SDK's core and runtime included (a workflow task that failed
 * or outlived its timeout, and why), go to a file: a case that failed under load can then be traced (stop 29's
 * could not: Davar's activities logged nowhere, the SDK's own lines went to a console log that was not kept). One
 * file and logger a process, made when the first stack installs the runtime; the run's log names the file.
 */
function workerWarnings(benchDir: string, log: (message: string) => void): pino.Logger {
  if (workerLog) return workerLog;
  const file = path.join(benchDir, `worker-warnings-${process.pid}.log`);
  // Written at once: the last lines before a crash are the ones wanted, and warnings are few.
  const logger = pino({ level: 'warn' }, pino.destination({ dest: file, sync: true }));
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) =>
      logger[level === 'ERROR' ? 'error' : 'warn']({ temporal: true, ...meta }, message),
    ),
    // The SDK's core ("Workflow task duration exceeded", "Task not found") prints to the console unless forwarded.
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
  log(`the workers' warnings: ${file}`);
  workerLog = logger;
  return logger;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  // The API's errors (a 500 is a bug) and the workers' warnings go to files, so a failed case can be traced.
  const benchDir = path.join(dataDir, 'bench');
  fs.mkdirSync(benchDir, { recursive: true });
  const warnings = workerWarnings(benchDir, options.log);
  // The bench drives a thousand requests a minute from a handful of users: the API's per-user limit would refuse them.
  process.env.API_RATE_LIMIT_PER_MIN = '0';
  process.env.OPS_RATE_LIMIT_PER_MIN = '0';
  const workflowThreads = workflowThreadsOfOwnProcess();
  const { log } = options;
  const policy = options.policy ?? benchPolicy;
  const engine = engineFromEnv();
  const database = await resolvePostgres({
    database: options.ownDatabase ?? 'davar_bench',
    embeddedDir: path.join(dataDir, 'pg-bench'),
  });
  const temporal = await startTemporal({
    engine,
    mode: 'ephemeral',
    dataDir: path.join(dataDir, 'bench'),
    postgresUrl: database.url,
    log,
  });
  const schema = options.ownDatabase ? 'public' : `bench_${process.pid}_${Date.now()}`;
  const { db } = await openDatabase({ url: database.url, schema, poolMax: 20 });
  const apiLog = pino(
    { level: 'error' },
    pino.destination({ dest: path.join(benchDir, `api-errors-${process.pid}.log`), sync: false }),
  );
  const sim = await startGatewaySim({
    port: 0,
    config: { token: GATEWAY_TOKEN, callbackSecret: WEBHOOK_SECRET, deliverAfterMs: 100, viewAfterMs: 300 },
  });
  const davar = await connectClient({ address: temporal.address });
  const davarWorker =
    options.davarWorker === false
      ? undefined
      : await startWorker({
          address: temporal.address,
          taskQueue: DAVAR_TASK_QUEUE,
          db,
          gatewayUrl: sim.url,
          gatewayToken: GATEWAY_TOKEN,
          log: warnings,
          // As a worker process of its own would run (worker/main.ts); the baseline's worker gets the same.
          tuning: { workflowThreadPoolSize: workflowThreads },
          workflowBundlePath: options.davarWorkflowsPath
            ? await writeCaseBundle(
                path.join(dataDir, 'bench', `workflow-bundle-${process.pid}.js`),
                options.davarWorkflowsPath,
              )
            : undefined,
        });
  const api = await startApi({
    client: davar.client,
    db,
    taskQueue: DAVAR_TASK_QUEUE,
    policy,
    jwtSecret: JWT_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    logger: apiLog,
    port: 0,
    host: '127.0.0.1',
  });
  sim.setConfig({ callbackUrl: noticeEventsUrl(api.url) });

  const bareConnection = await Connection.connect({ address: temporal.address });
  const bareClient = new Client({ connection: bareConnection, namespace: temporal.namespace });
  const bareNative = await NativeConnection.connect({ address: temporal.address });
  const bareWorker = await Worker.create({
    connection: bareNative,
    namespace: temporal.namespace,
    taskQueue: BARE_TASK_QUEUE,
    workflowsPath: require.resolve('../baseline/workflow'),
    activities: bareActivities,
    // The same threads for workflow code as Davar's worker: the two differ only in what their workflows do.
    workflowThreadPoolSize: workflowThreads,
  });
  const bareRunning = bareWorker.run();

  return {
    engine,
    temporal,
    databaseUrl: database.url,
    db,
    schema,
    apiUrl: api.url,
    sim,
    client: davar.client,
    bareClient,
    policy,
    token: (claims) =>
      signDevToken(
        { ...claims, ...(claims.role === 'party' ? {} : { provinces: ['THR'] }) } as Parameters<typeof signDevToken>[0],
        JWT_SECRET,
        4 * 3600,
      ),
    async close() {
      await sim.close();
      await api.stop();
      if (bareWorker.getState() === 'RUNNING') bareWorker.shutdown();
      await bareRunning;
      await bareNative.close();
      await bareConnection.close();
      await davarWorker?.stop();
      await davar.close();
      if (schema !== 'public') await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await db.destroy();
      if (options.ownDatabase) await dropDatabase(database.url, options.ownDatabase);
      await temporal.stop();
      await database.stop();
    },
  };
}
