import http from 'node:http';
import knex from 'knex';
import type { Client } from '@temporalio/client';
import { createApp } from './api/app';
import { fastPolicy } from './domain/policy';
import pino from 'pino';
async function main() {
  const db = knex({ client: 'pg', connection: 'postgres://x@127.0.0.1:1/x' });
  const app = createApp({ client: { options: { namespace: 'default' } } as unknown as Client, db, taskQueue: 'q', policy: fastPolicy, jwtSecret: 's', webhookSecret: 'w', logger: pino({ level: 'silent' }) });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, r));
  const port = (server.address() as { port: number }).port;
  const doc = await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json();
  console.log(Object.keys(doc.paths).length, Object.keys(doc.paths).join('\n'));
  console.log(JSON.stringify(doc.paths['/api/v1/cases'].get.parameters, null, 1).slice(0, 1500));
  console.log(Object.keys(doc.components.schemas).join(' '));
  for (const u of ['/nope', '/api/v1/cases', '/docs', '/docs/swagger-ui.css', '/docs/index.html', '/']) {
    const r = await fetch(`http://127.0.0.1:${port}${u}`);
    console.log(u, r.status, r.headers.get('content-type'), r.headers.get('x-request-id'), (await r.text()).slice(0, 100));
  }
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/gateway/notice-events`, { method: 'POST', body: '{}' });
  console.log(r.status, await r.text());
  server.close(); await db.destroy();
}
main().catch((e) => { console.error(e); process.exit(1); });
