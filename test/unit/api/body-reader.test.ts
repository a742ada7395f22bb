/** How the API answers a body it could not read, on a real express app over real HTTP with body-parser reading. */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { readBody } from '../../../api/body-reader';
import { errorHandler } from '../../../api/errors';

/** What the request stream emits when the socket is reset in the middle of a body. */
const resetError = (): Error => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

describe('the API answering a body it could not read', () => {
  let server: Server;
  let port: number;
  const logged: { level: number; msg: string; err?: { message?: string } }[] = [];

  beforeAll(async () => {
    const app = express();
    // Fails the request stream as soon as the body reader listens to it (body-parser attaches its listeners before
    // `next` returns), before any of the body has arrived. body-parser then reads off the rest and answers.
    app.post('/fails-mid-body', (req, _res, next) => {
      next();
      req.emit('error', req.headers['x-fault'] === 'reset' ? resetError() : new Error('read failed'));
    });
    app.use(readBody(express.json({ limit: '1kb' })));
    app.post(['/fails-mid-body', '/echo'], (req, res) => {
      res.json({ body: req.body as unknown });
    });
    app.use(errorHandler(pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) })));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failedRead(fault: 'reset' | 'plain') {
    const res = await fetch(`http://127.0.0.1:${port}/fails-mid-body`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'x-fault': fault },
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown };
  }

  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));

  it('answers a stream reset mid-body 503 about the body, not as the database’s outage', async () => {
    const answer = await failedRead('reset');
    expect(answer).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        error: {
          code: 'unavailable',
          message: 'the request body could not be read; send it again (with the same Idempotency-Key)',
        },
      },
    });
    // The log keeps the stream's own error, under the answer's words.
    expect(logged.at(-1)).toMatchObject({
      msg: 'the request body could not be read; send it again (with the same Idempotency-Key)',
      err: { message: 'aborted' },
    });
  });

  it('answers a read that failed without a code the same way, not 500', async () => {
    const answer = await failedRead('plain');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: 'unavailable' } });
    expect(logged.at(-1)).toMatchObject({ err: { message: 'read failed' } });
  });

  it('keeps the client’s own faults 4xx with their codes', async () => {
    expect(await post('{"a":')).toEqual({
      status: 400,
      body: { error: { code: 'malformed_request', message: 'the request body is not valid JSON' } },
    });
    expect(await post(new Uint8Array(gzipSync('{"a":')), { 'content-encoding': 'gzip' })).toMatchObject({
      status: 400,
      body: { error: { code: 'malformed_request', message: 'the request body is not valid JSON' } },
    });
    expect(await post('{"a":1}', { 'content-encoding': 'gzip' })).toEqual({
      status: 400,
      body: {
        error: {
          code: 'malformed_request',
          message: 'the request body does not decode as its Content-Encoding says',
        },
      },
    });
    expect(await post(JSON.stringify({ a: 'x'.repeat(2000) }))).toEqual({
      status: 413,
      body: { error: { code: 'payload_too_large', message: 'the request body is larger than 1024 bytes' } },
    });
    expect(await post('{"a":1}', { 'content-encoding': 'br2' })).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_encoding' } },
    });
    expect(await post('{"a":1}')).toEqual({ status: 200, body: { body: { a: 1 } } });
  });
});
