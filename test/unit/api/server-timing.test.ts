/** `Server-Timing`: each phase from the end of the one before, on the answer and on an error answer alike. */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parseServerTiming, startServerTiming, timingOf } from '../../../api/server-timing';

async function serve(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Server-Timing', () => {
  it('names each phase with its duration, in order, on the answer and on an error answer', async () => {
    const app = express();
    app.use(startServerTiming);
    app.get('/ok', (_req, res) => {
      const timing = timingOf(res);
      timing.lap('parse');
      const until = performance.now() + 5;
      while (performance.now() < until); // a phase that takes at least 5 ms
      timing.lap('update');
      res.json({});
    });
    app.get('/refused', (_req, res) => {
      timingOf(res).lap('parse');
      res.status(409).json({});
    });
    const { url, close } = await serve(app);
    try {
      const ok = await fetch(`${url}/ok`);
      const phases = parseServerTiming(ok.headers.get('server-timing') ?? undefined);
      expect(Object.keys(phases)).toEqual(['parse', 'update']);
      expect(phases.update).toBeGreaterThanOrEqual(5);
      const refused = await fetch(`${url}/refused`);
      expect(refused.status).toBe(409);
      expect(Object.keys(parseServerTiming(refused.headers.get('server-timing') ?? undefined))).toEqual(['parse']);
    } finally {
      await close();
    }
  });

  it('reads the header as the W3C syntax allows, leaving out entries without a duration', () => {
    expect(parseServerTiming('claim;dur=2.1, update;desc="Temporal";dur=19.4,cache, miss;dur=x')).toEqual({
      claim: 2.1,
      update: 19.4,
    });
    expect(parseServerTiming(undefined)).toEqual({});
  });
});
