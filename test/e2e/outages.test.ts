/**
 * Nothing hangs: an action answers within ACTION_TIMEOUT_MS (202 action_pending once the case accepted it), and
 * PostgreSQL or Temporal being away answers 503 unavailable, never a 500 or a request left open.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import knex, { type Knex } from 'knex';
import pino from 'pino';
import { createApp } from '../../api/app';
import { fastPolicy, type Policy } from '../../domain/policy';
import { policyWith } from '../helpers/cases';
import { testSchema, type TestSchema } from '../helpers/schema';
import { JWT_SECRET } from '../helpers/stack';
import { signDevToken } from '../../api/auth';
import { startHarness, type Harness } from '../workflow/harness';
import { at, eventually, filing } from './helpers';

interface Served {
  url: string;
  close(): Promise<void>;
}

async function serve(app: http.RequestListener): Promise<Served> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const appOf = (client: Client, db: Knex, taskQueue: string, policy: Policy = fastPolicy) =>
  createApp({
    client,
    db,
    taskQueue,
    policy,
    jwtSecret: JWT_SECRET,
    webhookSecret: 'w',
    logger: pino({ level: process.env.DAVAR_TEST_LOG ?? 'silent' }),
  });

async function request(base: string, method: string, path: string, token: string, body?: unknown, key?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A request that hangs fails the test here instead of timing the whole file out.
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

let clerk: string;
let officer: string;
beforeAll(async () => {
  clerk = await signDevToken({ sub: 'clerk-o', role: 'clerk', provinces: ['THR'] }, JWT_SECRET);
  officer = await signDevToken({ sub: 'officer-o', role: 'officer', provinces: ['THR'] }, JWT_SECRET);
});

describe('a slow case', () => {
  let harness: Harness;
  let schema: TestSchema;
  let api: Served;
  const previous = process.env.ACTION_TIMEOUT_MS;
  beforeAll(async () => {
    harness = await startHarness();
    schema = await testSchema();
    // A response window of a minute of fast days: it must stay open while the slow extension is retried.
    api = await serve(appOf(harness.client, schema.db, harness.taskQueue, policyWith({ response: 60 })));
  });
  afterAll(async () => {
    process.env.ACTION_TIMEOUT_MS = previous;
    await api?.close();
    await harness?.close();
    await schema?.drop();
  });

  it('answers 202 action_pending when an accepted action outlasts ACTION_TIMEOUT_MS, then the first result', async () => {
    const filed = await request(api.url, 'POST', '/api/v1/cases', clerk, filing(), 'file-1');
    const caseNumber = at(filed.body, 'caseNumber') as string;
    await request(api.url, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, clerk, {}, 'accept-1');
    // In the response window the officer extends it: an action that asks the calendar before it is recorded.
    await eventually(
      async () => {
        const detail = await request(api.url, 'GET', `/api/v1/cases/${caseNumber}`, officer);
        return at(detail.body, 'stage') === 'response' ? true : undefined;
      },
      20_000,
      'the response window',
    );
    // The calendar now takes three seconds: the update waits for it before it records the extension.
    harness.gateway.calendarDelayMs = 3_000;
    process.env.ACTION_TIMEOUT_MS = '1000';
    const extend = { deadline: 'response', businessDays: 2, reason: 'the employer asked in writing' };
    const path = `/api/v1/cases/${caseNumber}/actions/extend-deadline`;
    const started = Date.now();
    const pending = await request(api.url, 'POST', path, officer, extend, 'extend-1');
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(pending).toEqual({
      status: 202,
      body: {
        code: 'action_pending',
        message: expect.any(String),
        links: expect.objectContaining({ self: `/api/v1/cases/${caseNumber}` }),
      },
    });
    harness.gateway.calendarDelayMs = 0;
    process.env.ACTION_TIMEOUT_MS = '15000';
    // The same key again: the action is not taken twice; the retry gets its result once it is done.
    const done = await eventually(
      async () => {
        const retry = await request(api.url, 'POST', path, officer, extend, 'extend-1');
        return retry.status === 200 ? retry : undefined;
      },
      20_000,
      'the accepted action to finish',
    );
    const response = (at(done.body, 'deadlines') as { id: string; extensions: number }[]).find(
      (d) => d.id === 'response',
    );
    expect(response?.extensions).toBe(1);
    await eventually(
      async () => {
        const audit = harness.gateway.audit.get(caseNumber) ?? [];
        const extensions = audit.filter((e) => e.kind === 'action' && e.data?.action === 'extendDeadline');
        return extensions.length > 0 ? extensions : undefined;
      },
      10_000,
      'the extension in the read model',
    ).then((extensions) => expect(extensions).toHaveLength(1));
  });
});

describe('PostgreSQL away', () => {
  let harness: Harness;
  let dead: Knex;
  let api: Served;
  beforeAll(async () => {
    harness = await startHarness();
    const quiet = () => undefined;
    dead = knex({
      client: 'pg',
      connection: 'postgres://nobody@127.0.0.1:1/none',
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 2_000,
      log: { error: quiet, warn: quiet, debug: quiet, deprecate: quiet },
    });
    api = await serve(appOf(harness.client, dead, harness.taskQueue));
  });
  afterAll(async () => {
    await api?.close();
    await harness?.close();
    await dead?.destroy();
  });

  it.each([
    ['filing', 'POST', '/api/v1/cases', filing(), 'k-1'],
    ['listing', 'GET', '/api/v1/cases', undefined, undefined],
    ['an action with a key', 'POST', '/api/v1/cases/THR-1405-000001/actions/accept-complaint', {}, 'k-2'],
    ['the escalations', 'GET', '/api/v1/escalations', undefined, undefined],
  ])('answers %s with 503 unavailable', async (_name, method, path, body, key) => {
    const reply = await request(api.url, method, path, clerk, body, key);
    expect([reply.status, at(reply.body, 'error', 'code')]).toEqual([503, 'unavailable']);
    expect(JSON.stringify(reply.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nobody/);
  });
});

describe('Temporal away', () => {
  let schema: TestSchema;
  let connection: Connection;
  let api: Served;
  beforeAll(async () => {
    schema = await testSchema();
    // Nothing listens on port 1: every call fails as an unreachable frontend does.
    connection = Connection.lazy({ address: '127.0.0.1:1' });
    api = await serve(appOf(new Client({ connection }), schema.db, 'none'));
  });
  afterAll(async () => {
    await api?.close();
    await connection?.close();
    await schema?.drop();
  });

  it.each([
    ['reading a case', 'GET', '/api/v1/cases/THR-1405-000001', undefined, undefined],
    ['an action', 'POST', '/api/v1/cases/THR-1405-000001/actions/accept-complaint', {}, 'k-3'],
  ])('answers %s with 503 unavailable, within the action timeout', async (_name, method, path, body, key) => {
    process.env.ACTION_TIMEOUT_MS = '2000';
    const started = Date.now();
    const reply = await request(api.url, method, path, clerk, body, key);
    expect([reply.status, at(reply.body, 'error', 'code')]).toEqual([503, 'unavailable']);
    expect(Date.now() - started).toBeLessThan(10_000);
    delete process.env.ACTION_TIMEOUT_MS;
  });
});
