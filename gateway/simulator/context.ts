/** What the simulator's routes share: knobs, state, clocks and the randomness tests can pin. */
import type { Response } from 'express';
import type { SimConfig } from './config';
import type { Lifecycle } from './lifecycle';
import type { SimLogger } from './log';
import type { TokenBucket } from './rate-limit';
import type { Scheduler } from './scheduler';
import type { SimStore } from './store';

export interface SimContext {
  config: () => SimConfig;
  random: () => number;
  store: SimStore;
  lifecycle: Lifecycle;
  scheduler: Scheduler;
  bucket: TokenBucket;
  log: SimLogger;
}

/** The gateway's error shape: `code` is the contract, `message` is for people. */
export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json(details === undefined ? { code, message } : { code, message, details });
}

/** 400 invalid_request: the one answer GATEWAY.md gives a malformed request, counted as such. */
export function invalid(ctx: Pick<SimContext, 'store'>, res: Response, details: unknown): void {
  ctx.store.count('invalid');
  sendError(res, 400, 'invalid_request', 'the request body does not match the contract', details);
}
