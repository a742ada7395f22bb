/** The app's own guards, without a stack: the rate limit and readiness when Temporal and PostgreSQL are away. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import knex, { type Knex } from 'knex';
import pino from 'pino';
import { createApp } from '../../api/app';
import { fastPolicy } from '../../domain/policy';
import { lifetime, signHs256 } from '../helpers/tokens';

let server: http.Server;
let url: string;
let db: Knex;

/** A client whose every call fails the way an unreachable frontend does. */
const unreachable = {
  options: { namespace: 'default' },
  workflowService: { getSystemInfo: () => Promise.reject(new Error('14 UNAVAILABLE: connection refused')) },
} as unknown as Client;

beforeAll(async () => {
  process.env.API_RATE_LIMIT_PER_MIN = '5';
  // Nothing listens on port 1: every query fails fast.
  const quiet = () => undefined;
  db = knex({
    client: 'pg',
    connection: 'postgres://nobody@127.0.0.1:1/none',
    pool: { min: 0, max: 1 },
    log: { error: quiet, warn: quiet, debug: quiet, deprecate: quiet },
  });
  const app = createApp({
    client: unreachable,
    db,
    taskQueue: 'none',
    policy: fastPolicy,
    jwtSecret: 'secret',
    webhookSecret: 'webhook',
    logger: pino({ level: 'silent' }),
  });
  delete process.env.API_RATE_LIMIT_PER_MIN;
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.destroy();
});

it('answers 503 not_ready naming both dependencies when neither answers', async () => {
  const reply = await fetch(`${url}/readyz`);
  const body = (await reply.json()) as { error: { code: string; details: Record<string, string> } };
  expect(reply.status).toBe(503);
  expect(body.error.code).toBe('not_ready');
  // Which dependency, never the driver's words (a host, a port, a user name).
  expect(body.error.details).toEqual({ temporal: 'unreachable', postgres: 'unreachable' });
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});

it('limits requests per verified user and answers 429 rate_limited in the error shape', async () => {
  const token = await signHs256(lifetime({ sub: 'u', role: 'clerk', provinces: ['THR'] }), 'secret');
  const other = await signHs256(lifetime({ sub: 'v', role: 'clerk', provinces: ['THR'] }), 'secret');
  const statuses: number[] = [];
  let last: unknown;
  for (let i = 0; i < 6; i += 1) {
    const reply = await fetch(`${url}/api/v1/cases/THR-1405-00000x`, { headers: { authorization: `Bearer ${token}` } });
    statuses.push(reply.status);
    last = await reply.json();
  }
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  expect(last).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  // Another user has its own allowance.
  const fresh = await fetch(`${url}/api/v1/cases/THR-1405-00000x`, { headers: { authorization: `Bearer ${other}` } });
  expect(fresh.status).toBe(400);
});

it('limits requests whose token does not verify by client address: a junk token per request does not escape', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const junk = await signHs256(lifetime({ sub: `x${i}`, role: 'clerk', provinces: ['THR'] }), `not-the-secret-${i}`);
    const reply = await fetch(`${url}/api/v1/cases`, { headers: { authorization: `Bearer ${junk}` } });
    statuses.push(reply.status);
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual([429, 429]);
});

it('answers a metrics scrape even when the read model is unreachable', async () => {
  const reply = await fetch(`${url}/metrics`);
  expect(reply.status).toBe(200);
  expect(await reply.text()).toContain('davar_http_request_duration_seconds');
});
