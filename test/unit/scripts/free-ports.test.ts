/** Ports for servers started by number (the Temporal dev server, chaos's PostgreSQL): free, distinct, not outbound. */
import net from 'node:net';
import { freePorts, lowestOutboundPort } from '../../../scripts/lib/processes';

const listen = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

it('gives distinct ports a server can bind, below the range the kernel takes outbound connections’ ports from', async () => {
  const ports = await freePorts(5);
  expect(new Set(ports).size).toBe(5);
  // On Linux (this project's machines), no outbound connection can have taken one before its server binds it.
  const low = lowestOutboundPort();
  if (low > 11_000) for (const port of ports) expect(port).toBeLessThan(low);
  const servers = await Promise.all(ports.map(listen));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});
