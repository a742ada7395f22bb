/**
 * `sendHttp`'s one retry: a kept-alive socket that the server closed as the request went out. The server below
 * answers the first request on each connection and hangs up on the next, as a server does whose keep-alive
 * timeout has just closed its idle sockets.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { sendHttp } from '../../../gateway/simulator/http-send';

let server: net.Server;
let url: string;
let connections = 0;
const open = new Set<net.Socket>();

beforeAll(async () => {
  server = net.createServer((socket) => {
    connections += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let requests = 0;
    let seen = '';
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1');
      while (seen.includes('\r\n\r\n')) {
        seen = seen.slice(seen.indexOf('\r\n\r\n') + 4);
        requests += 1;
        if (requests > 1) {
          socket.destroy();
          return;
        }
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  // The retry's connection is still open: close would wait for it.
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('retries a request whose reused socket the server closed, on a new connection, not another pooled one', async () => {
  // Two requests at once leave two idle sockets in the pool, both of which the server will hang up on.
  const first = await Promise.all([
    sendHttp(url, { method: 'GET', headers: {} }),
    sendHttp(url, { method: 'GET', headers: {} }),
  ]);
  expect(first.map((a) => a.status)).toEqual([200, 200]);
  expect(connections).toBe(2);

  const answer = await sendHttp(url, { method: 'GET', headers: {} });
  expect(answer).toMatchObject({ status: 200, text: 'ok' });
  expect(connections).toBe(3);
});

it('gives up after that one retry when the new connection fails too', async () => {
  const refused = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(refused.address() as AddressInfo).port}/`;
  try {
    await expect(sendHttp(target, { method: 'GET', headers: {} })).rejects.toThrow(/socket hang up|ECONNRESET/);
  } finally {
    await new Promise<void>((resolve) => refused.close(() => resolve()));
  }
});
