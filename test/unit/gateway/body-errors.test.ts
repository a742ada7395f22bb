/** The simulator's answer to a body it could not read, on a real express app over real HTTP. */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { bodyErrors } from '../../../gateway/simulator/body-errors';
import type { SimLogger } from '../../../gateway/simulator/log';
import { SimStore } from '../../../gateway/simulator/store';

/** What body-parser hands on when the request stream itself fails: its error, labelled 400, with no `type`. */
const streamFailure = (): Error => Object.assign(new Error('aborted'), { status: 400, code: 'ECONNRESET' });
const typedRefusal = (): Error =>
  Object.assign(new Error('request size did not match content length'), { status: 400, type: 'request.size.invalid' });

describe('the simulator answering a body it could not read', () => {
  let server: Server;
  let url: string;
  const store = new SimStore();
  const warnings: object[] = [];
  const log: SimLogger = { info: () => {}, warn: (details) => warnings.push(details), error: () => {} };

  beforeAll(async () => {
    const app = express();
    app.post('/stream-failed', (_req, _res, next) => next(streamFailure()));
    app.post('/length-lied', (_req, _res, next) => next(typedRefusal()));
    app.post('/json', express.json(), (_req, res) => void res.json({}));
    app.use(bodyErrors({ store, log }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers a failed read 503 unavailable, which the client retries with the same key, and says why', async () => {
    const answer = await fetch(`${url}/stream-failed`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      code: 'unavailable',
      message: 'the request body could not be read (Error: aborted); send it again',
    });
    expect(store.listing().totals).toMatchObject({ failed503: 1, invalid: 0 });
    expect(warnings).toEqual([{ error: 'Error: aborted', fields: { status: '400', code: 'ECONNRESET' } }]);
  });

  it('still answers the body reader’s own refusals, which name their type, as malformed (400)', async () => {
    const answer = await fetch(`${url}/length-lied`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'invalid_request',
      details: [{ path: '', message: 'the body could not be read (request.size.invalid)' }],
    });
    expect(store.listing().totals).toMatchObject({ failed503: 1, invalid: 1 });
  });

  it('answers a body that does not inflate as its Content-Encoding says 400, not "send it again"', async () => {
    // body-parser hands zlib's error on with no type, as it does a failed read; resending the same bytes cannot help.
    const answer = await fetch(`${url}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'this is not gzip',
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'invalid_request',
      details: [{ path: '', message: 'the body does not decode as its Content-Encoding says' }],
    });
    expect(store.listing().totals).toMatchObject({ failed503: 1, invalid: 2 });
  });
});

it('finds body-parser’s decoder (iconv-lite) loaded by the test setup before the file’s first body', () => {
  // Loaded lazily, inside a request in the middle of a burst, it failed for a whole file (test/setup-body-decoder.ts).
  expect((iconv as unknown as { encodings: object | null }).encodings).not.toBeNull();
});
