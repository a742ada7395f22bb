/**
 * A test's own slice of the real stack: its own PostgreSQL schema, gateway simulator, task queue, worker and
 * API server, on the run's shared Temporal (either engine), each started by scripts/lib/stack.ts as `npm start`
 * starts them. Nothing here is mocked.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import pino from 'pino';
import { signDevToken, type JwksOptions } from '../../api/auth';
import { jalaliYearOf } from '../../domain/calendar';
import type { Role, Side } from '../../domain/case';
import { formatCaseNumber } from '../../domain/ids';
import { provinces } from '../../domain/provinces';
import { fastPolicy, type Policy } from '../../domain/policy';
import type { SimConfig } from '../../gateway/simulator/config';
import type { Simulator } from '../../gateway/simulator/server';
import {
  connectClient,
  noticeEventsUrl,
  openDatabase,
  startApi,
  startGatewaySim,
  startWorker,
} from '../../scripts/lib/stack';

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
  options: {
    sim?: Partial<SimConfig>;
    policy?: Policy;
    temporalAddress?: string;
    jwks?: JwksOptions;
    /** How long the worker's gateway client waits for an answer: 3 s by default, so outages are found quickly. */
    gatewayTimeoutMs?: number;
  } = {},
): Promise<Stack> {
  quietRuntime();
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  const schema = `t_${id}`;
  const taskQueue = `cases-${id}`;
  const policy = options.policy ?? fastPolicy;
  const log = pino({ level: process.env.DAVAR_TEST_LOG ?? 'silent' });

  const { db } = await openDatabase({ url: required('DAVAR_TEST_DATABASE_URL'), schema, poolMax: 5 });
  const block = await caseNumberBlock(db);
  let direct = 0;

  const address = options.temporalAddress ?? required('DAVAR_TEST_TEMPORAL_ADDRESS');
  const temporal = await connectClient({ address });
  const client = temporal.client;

  const sim = await startGatewaySim({
    port: 0,
    logger: log,
    config: {
      token: GATEWAY_TOKEN,
      callbackSecret: WEBHOOK_SECRET,
      deliverAfterMs: 100,
      viewAfterMs: 300,
      ...options.sim,
    },
  });
  const running = await startWorker({
    address,
    taskQueue,
    db,
    gatewayUrl: sim.url,
    gatewayToken: GATEWAY_TOKEN,
    gatewayTimeoutMs: options.gatewayTimeoutMs ?? 3000,
    log,
    workflowBundlePath: required('DAVAR_TEST_WORKFLOW_BUNDLE'),
  });
  const worker = running.worker;

  const api = await startApi({
    client,
    db,
    taskQueue,
    policy,
    jwtSecret: JWT_SECRET,
    jwks: options.jwks,
    webhookSecret: WEBHOOK_SECRET,
    logger: log,
    port: 0,
  });
  const apiUrl = api.url;
  if (options.sim?.callbackUrl === undefined) sim.setConfig({ callbackUrl: noticeEventsUrl(apiUrl) });

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
      await api.stop();
      await running.stop();
      await temporal.close();
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await db.destroy();
    },
  };
}
