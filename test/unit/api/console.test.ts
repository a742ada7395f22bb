/** The console's serving: its files and page paths at `/`, never the API's paths; the dev sign-in only in development. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { consoleRouter, devSignInEnabled } from '../../../api/console';
import type { RouteContext } from '../../../api/context';
import { errorHandler, notFound } from '../../../api/errors';
import { OperationRegistry } from '../../../api/openapi';

let server: Server;
let base: string;

beforeAll(async () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'davar-console-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  const app = express();
  app.get('/api/v1/cases', (_req, res) => {
    res.json({ items: [] });
  });
  // The router reads only the operation registry from the context.
  app.use(consoleRouter({ operations: new OperationRegistry() } as unknown as RouteContext, dist));
  app.use(notFound);
  app.use(errorHandler(pino({ level: 'silent' })));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the console router', () => {
  it('serves the app at / and at its page paths', async () => {
    for (const page of ['/', '/cases', '/cases/THR-1405-000123', '/file']) {
      const reply = await fetch(`${base}${page}`, { headers: html });
      expect([page, reply.status, await reply.text()]).toEqual([page, 200, '<!doctype html><div id="root"></div>']);
    }
  });

  it('serves its hashed assets as immutable', async () => {
    const reply = await fetch(`${base}/assets/index-abc.js`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toContain('immutable');
  });

  it("leaves the API's paths to the API, unknown ones included", async () => {
    expect(await (await fetch(`${base}/api/v1/cases`, { headers: html })).json()).toEqual({ items: [] });
    for (const apiPath of ['/api/v1/nothing', '/openapi.json', '/metrics', '/docs/x', '/healthz', '/codec/decode']) {
      const reply = await fetch(`${base}${apiPath}`, { headers: html });
      expect([apiPath, reply.status]).toEqual([apiPath, 404]);
      expect(reply.headers.get('content-type')).toContain('application/json');
    }
  });

  it('answers a JSON client with a JSON 404, not the page', async () => {
    const reply = await fetch(`${base}/no-such-page`, { headers: { accept: 'application/json' } });
    expect(reply.status).toBe(404);
  });
});

describe('the development sign-in', () => {
  it('exists only outside production and without JWKS', () => {
    expect(devSignInEnabled({ NODE_ENV: 'development' }, undefined)).toBe(true);
    expect(devSignInEnabled({}, undefined)).toBe(true);
    expect(devSignInEnabled({ NODE_ENV: 'production' }, undefined)).toBe(false);
    expect(devSignInEnabled({ NODE_ENV: 'development' }, { url: 'https://idp/jwks' })).toBe(false);
  });
});
