/**
 * A test's own slice of the real stack: its own PostgreSQL schema, gateway simulator, task queue, worker and
 * API server, on the run's shared Temporal dev server. Nothing here is mocked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import pino from 'pino';
import { createApp } from '../../api/app';
import { signDevToken, type JwksOptions } from '../../api/auth';
import { createDb, migrate } from '../../db/knex';
import { jalaliYearOf } from '../../domain/calendar';
import type { Role, Side } from '../../domain/case';
import { formatCaseNumber } from '../../domain/ids';
import { provinces } from '../../domain/provinces';
import { fastPolicy, type Policy } from '../../domain/policy';
import { createHttpGateway } from '../../gateway/http-client';
import type { SimConfig } from '../../gateway/simulator/config';
import { startSimulator, type Simulator } from '../../gateway/simulator/server';
import { createCaseWorker } from '../../worker/create-worker';
import { dataConverterFromEnv } from '../../codec/keys';

export const JWT_SECRET = 'test-jwt-secret';
export const WEBHOOK_SECRET = 'test-webhook-secret';
const GATEWAY_TOKEN = 'test-gateway-token';

export interface TokenClaims {
  role: Role;
  provinces?: string[];
  sub?: string;
  name?: string;
  side?: Side;
  /** A party's national ID (a person's) or legal-entity ID (a company's). */
  nationalId?: string;
}

export interface Stack {
  apiUrl: string;
  client: Client;
  db: Knex;
  schema: string;
  taskQueue: string;
  sim: Simulator;
  worker: Worker;
  /** A case number no other stack of this run uses, for cases started without the API. */
  nextCaseNumber(): string;
  policy: Policy;
  /** A dev token; staff default to province THR (engineers to all), parties need side and nationalId. */
  token(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run integration tests through jest, whose global setup starts the stack`);
  return value;
}

/**
 * Stacks share one Temporal server, where a workflow ID (`case-<caseNumber>`) must be unique, but each has
 * its own schema and so its own case sequences. A run-wide PostgreSQL sequence gives each stack a block of
 * 1000 numbers, and its sequences start at that block.
 */
async function caseNumberBlock(db: Knex): Promise<number> {
  await db.raw('CREATE SEQUENCE IF NOT EXISTS public.davar_test_stack_block');
  const { rows } = await db.raw<{ rows: { n: string }[] }>("SELECT nextval('public.davar_test_stack_block') AS n");
  const block = (Number(rows[0]?.n ?? 1) % 998) * 1000;
  const year = jalaliYearOf(new Date().toISOString());
  await db('case_sequences').insert(provinces.map((p) => ({ province: p.code, jalali_year: year, last_value: block })));
  return block;
}

/**
 * The SDK's lines (worker state changes, activities completing after a test closed its cases) bury test output;
 * a jest worker process installs this once. Set DAVAR_TEST_SDK_LOG=WARN to see them.
 */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.DAVAR_TEST_SDK_LOG ?? 'ERROR') as 'ERROR') });
  } catch {
    // already installed in this jest worker process
  }
}

export async function startStack(
  options: { sim?: Partial<SimConfig>; policy?: Policy; temporalAddress?: string; jwks?: JwksOptions } = {},
): Promise<Stack> {
  quietRuntime();
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  const schema = `t_${id}`;
  const taskQueue = `cases-${id}`;
  const policy = options.policy ?? fastPolicy;
  const log = pino({ level: process.env.DAVAR_TEST_LOG ?? 'silent' });

  const db = createDb({ url: required('DAVAR_TEST_DATABASE_URL'), schema, poolMax: 5 });
  await migrate(db, schema);
  const block = await caseNumberBlock(db);
  let direct = 0;

  const address = options.temporalAddress ?? required('DAVAR_TEST_TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverterFromEnv() });
  const nativeConnection = await NativeConnection.connect({ address });

  const sim = await startSimulator({
    port: 0,
    config: {
      token: GATEWAY_TOKEN,
      callbackSecret: WEBHOOK_SECRET,
      deliverAfterMs: 100,
      viewAfterMs: 300,
      ...options.sim,
    },
  });
  const gateway = createHttpGateway({ baseUrl: sim.url, token: GATEWAY_TOKEN, timeoutMs: 3000 });
  const worker = await createCaseWorker({
    connection: nativeConnection,
    taskQueue,
    db,
    gateway,
    log,
    workflowBundlePath: required('DAVAR_TEST_WORKFLOW_BUNDLE'),
  });
  const running = worker.run();

  const app = createApp({
    client,
    db,
    taskQueue,
    policy,
    jwtSecret: JWT_SECRET,
    jwks: options.jwks,
    webhookSecret: WEBHOOK_SECRET,
    logger: log,
  });
  // Requests still being handled when the test ends must finish before the connections they use are closed.
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (options.sim?.callbackUrl === undefined) sim.setConfig({ callbackUrl: `${apiUrl}/api/v1/gateway/notice-events` });

  return {
    apiUrl,
    client,
    db,
    schema,
    taskQueue,
    sim,
    worker,
    policy,
    nextCaseNumber: () => formatCaseNumber('THR', 1399, block + ++direct),
    token: (claims) =>
      signDevToken(
        {
          sub: `${claims.role}-1`,
          ...(claims.role === 'party' ? {} : { provinces: claims.role === 'engineer' ? ['*'] : ['THR'] }),
          ...claims,
        } as Parameters<typeof signDevToken>[0],
        JWT_SECRET,
        3600,
      ),
    async close() {
      // The simulator first: no callback may arrive at an API that is closing.
      await sim.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      server.closeAllConnections();
      await closed;
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await db.destroy();
    },
  };
}
