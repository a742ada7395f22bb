/** Starts the gateway simulator: the contract routes, the admin routes, and the machinery behind them. */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminRouter } from './admin-routes';
import { CallbackSender } from './callbacks';
import { applyConfigPatch, defaultSimConfig, simConfigSchema } from './config';
import type { SimConfig, SimConfigPatch } from './config';
import type { SimContext } from './context';
import { gatewayRouter } from './gateway-routes';
import { Lifecycle } from './lifecycle';
import { silentLogger } from './log';
import type { SimLogger } from './log';
import { loadSnapshot, Persistence } from './persistence';
import { TokenBucket } from './rate-limit';
import { Scheduler } from './scheduler';
import { SimStore } from './store';
import type { SimListing } from './store';

export interface SimulatorOptions {
  /** 0 picks a free port. Default 7300. */
  port?: number;
  host?: string;
  config?: Partial<SimConfig>;
  /** Replaces Math.random for every dice roll (fail, ack loss, latency, callback loss), so tests can pin them. */
  random?: () => number;
  logger?: SimLogger;
}

export interface Simulator {
  url: string;
  port: number;
  config(): SimConfig;
  /** Validates and applies a patch (top-level keys replace); throws a ZodError when invalid. */
  setConfig(patch: SimConfigPatch): SimConfig;
  notices(filter?: { caseRef?: string }): SimListing;
  /** Forgets every notice, referral and counter and cancels pending work; the config stays. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  let config = simConfigSchema.parse({ ...defaultSimConfig, ...options.config });
  const log = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;
  const getConfig = (): SimConfig => config;

  let persistence: Persistence | undefined;
  const store = new SimStore(() => persistence?.schedule());
  const scheduler = new Scheduler();
  const callbacks = new CallbackSender({ config: getConfig, random, scheduler, store, log });
  const lifecycle = new Lifecycle({ config: getConfig, store, scheduler, callbacks });
  const ctx: SimContext = { config: getConfig, random, store, lifecycle, scheduler, bucket: new TokenBucket(), log };

  // The file is named once, at start: switching files mid-run would make "what was saved" ambiguous.
  if (config.persistFile !== undefined) {
    const saved = await loadSnapshot(config.persistFile);
    if (saved) store.load(saved);
    persistence = new Persistence(config.persistFile, store, log);
    lifecycle.resume();
  }

  async function stopWork(): Promise<void> {
    callbacks.abort();
    scheduler.clear();
    await callbacks.settled();
  }

  const controls = {
    config: getConfig,
    setConfig(patch: unknown): SimConfig {
      config = applyConfigPatch(config, patch);
      // Names, not values: the patch may carry the token or the webhook secret.
      log.info({ changed: Object.keys(patch ?? {}) }, 'gateway simulator config changed');
      return config;
    },
    notices: (filter?: { caseRef?: string }): SimListing => store.listing(filter),
    async reset(): Promise<void> {
      await stopWork();
      ctx.bucket.reset();
      store.reset();
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.use('/_sim', adminRouter(controls));
  app.use('/v1', gatewayRouter(ctx));
  app.use((_req, res) => {
    res.status(404).json({ code: 'not_found', message: 'no such route' });
  });

  const server = createServer(app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7300, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    ...controls,
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets (the client's pool, a request held by latency) would otherwise hold close() open.
      server.closeAllConnections();
      await stopWork();
      await closed;
      await persistence?.flush();
    },
  };
}
