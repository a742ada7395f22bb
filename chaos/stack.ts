/**
 * One chaos stack: Temporal, PostgreSQL (a database of its own), the gateway simulator and the API in this
 * process, and the workers as child processes, each started by the same modules as `npm start`. A scenario
 * breaks one piece through the handles kept here.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import pino from 'pino';
import type { Policy } from '../domain/policy';
import type { SimConfig } from '../gateway/simulator/config';
import type { Simulator } from '../gateway/simulator/server';
import {
  connectClient,
  noticeEventsUrl,
  openDatabase,
  startApi,
  startGatewaySim,
  type RunningApi,
} from '../scripts/lib/stack';
import type { ChaosPostgres } from './postgres';
import type { ChaosTemporal } from './temporal';
import { WorkerProcesses } from './workers';

export const JWT_SECRET = 'chaos-jwt-secret';
const WEBHOOK_SECRET = 'chaos-webhook-secret';
const GATEWAY_TOKEN = 'chaos-gateway-token';

export interface ChaosStack {
  temporal: ChaosTemporal;
  postgres: ChaosPostgres;
  client: Client;
  db: Knex;
  sim: Simulator;
  api: RunningApi;
  workers: WorkerProcesses;
  taskQueue: string;
  policy: Policy;
  close(): Promise<void>;
}

export async function startChaosStack(options: {
  temporal: ChaosTemporal;
  postgres: ChaosPostgres;
  policy: Policy;
  sim: Partial<SimConfig>;
  workers: number;
  bundlePath: string;
  logDir: string;
}): Promise<ChaosStack> {
  const { temporal, postgres, policy } = options;
  const taskQueue = `chaos-${randomUUID().slice(0, 8)}`;
  fs.mkdirSync(options.logDir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of closers.reverse()) await step().catch((e: unknown) => console.log(`  closing: ${String(e)}`));
  };
  try {
    // The API never migrates (api/main.ts): the read model exists before anything writes to it.
    const { db } = await openDatabase({ url: postgres.url, poolMax: 10 });
    closers.push(() => db.destroy());
    const { client, close: closeClient } = await connectClient({ address: temporal.address });
    closers.push(closeClient);
    const sim = await startGatewaySim({
      port: 0,
      config: { token: GATEWAY_TOKEN, callbackSecret: WEBHOOK_SECRET, deliverAfterMs: 200, viewAfterMs: 500 },
    });
    const api = await startApi({
      client,
      db,
      taskQueue,
      policy,
      jwtSecret: JWT_SECRET,
      webhookSecret: WEBHOOK_SECRET,
      // Warnings and errors (a 503's cause, a 500's error) to a file: the run's findings are explained there.
      logger: pino({ level: 'warn' }, pino.destination({ dest: path.join(options.logDir, 'api.log'), sync: true })),
      port: 0,
    });
    // Closed in reverse: the simulator first (no callback arrives at a closing API), then the API once its requests
    // are answered, the workers, and only then the client: a call still retrying on a closed channel throws.
    closers.push(
      () => api.stop(),
      () => sim.close(),
    );
    // The callback URL is known only now; the scenario's knobs go on top of it.
    sim.setConfig({ callbackUrl: noticeEventsUrl(api.url), ...options.sim });
    const workers = new WorkerProcesses(
      {
        TEMPORAL_ADDRESS: temporal.address,
        TASK_QUEUE: taskQueue,
        DATABASE_URL: postgres.url,
        GATEWAY_URL: sim.url,
        GATEWAY_TOKEN,
        WORKFLOW_BUNDLE_PATH: options.bundlePath,
      },
      client,
      options.logDir,
    );
    closers.splice(2, 0, () => workers.stopAll());
    await workers.startAll(options.workers);
    workers.supervise();
    return { temporal, postgres, client, db, sim, api, workers, taskQueue, policy, close };
  } catch (error) {
    await close();
    throw error;
  }
}
