/** Sends signed callbacks to Davar the way a real gateway does: at least once, with retries, sometimes not at all. */
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { GatewayCallback } from '../port';
import { SIGNATURE_HEADER, signPayload } from '../signature';
import type { SimConfig } from './config';
import type { SimLogger } from './log';
import type { Scheduler } from './scheduler';
import type { SimStore } from './store';

export interface CallbackSenderDeps {
  config: () => SimConfig;
  random: () => number;
  scheduler: Scheduler;
  store: SimStore;
  log: SimLogger;
}

const ATTEMPT_TIMEOUT_MS = 5000;

/**
 * Kept-alive sockets on `node:http`, not `fetch`: the simulator shares the machine with what the bench and chaos
 * measure, and undici's `fetch` cost about 1.2 ms more CPU a request here (docs/bench.md). About 15 callbacks a case.
 */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export class CallbackSender {
  private controller = CallbackSender.newController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: CallbackSenderDeps) {}

  /** Every POST in flight listens on this one signal: no limit on their number (Node warns past ten). */
  private static newController(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  /** Fire and forget: the outcome lands in the store's counters. */
  send(callback: GatewayCallback): void {
    if (this.deps.random() < this.deps.config().callbackFailRate) {
      this.deps.store.count('callbacksLost');
      return;
    }
    const task: Promise<void> = this.deliver(callback, this.controller.signal).finally(() =>
      this.inFlight.delete(task),
    );
    this.inFlight.add(task);
  }

  /** Stops every pending retry and in-flight POST; pair with `Scheduler.clear()` to wake retries that are waiting. */
  abort(): void {
    this.controller.abort();
    this.controller = CallbackSender.newController();
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(callback: GatewayCallback, signal: AbortSignal): Promise<void> {
    // One body for every attempt: the eventId stays the same so Davar can drop the repeats.
    const body = JSON.stringify(callback);
    for (let attempt = 1; ; attempt += 1) {
      const config = this.deps.config();
      const outcome = await this.post(config, body, signal);
      if (signal.aborted) return;
      if (outcome === 'ok') {
        this.deps.store.count('callbacksSent');
        return;
      }
      if (attempt >= config.callbackMaxAttempts) {
        this.deps.store.count('callbacksFailed');
        this.deps.log.warn({ eventId: callback.eventId, attempts: attempt, outcome }, 'callback given up');
        return;
      }
      await this.deps.scheduler.sleep(config.callbackRetryBaseMs * 2 ** (attempt - 1));
      if (signal.aborted) return;
    }
  }

  /** One attempt: 'ok' for a 2xx, else what went wrong. A socket the server closed as we reused it is tried afresh. */
  private post(config: SimConfig, body: string, signal: AbortSignal, retried = false): Promise<string> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(config.callbackUrl);
      } catch (error) {
        resolve(error instanceof Error ? error.message : String(error));
        return;
      }
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          // Signed per attempt, as real gateways do, so a late retry is not refused as stale.
          [SIGNATURE_HEADER]: signPayload(config.callbackSecret, body, Math.floor(Date.now() / 1000)),
        },
        // Redirects are not followed (node:http never does): the contract has none.
        signal,
      });
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)),
        ATTEMPT_TIMEOUT_MS,
      );
      const settle = (outcome: string) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', (error) => settle(error.message));
        res.on('end', () => settle(status >= 200 && status < 300 ? 'ok' : `status ${status}`));
        res.resume();
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET' && !signal.aborted) {
          clearTimeout(timer);
          this.post(config, body, signal, true).then(resolve, () => resolve(error.message));
        } else settle(error.message);
      });
      req.end(body);
    });
  }
}
