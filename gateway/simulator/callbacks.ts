/** Sends signed callbacks to Davar the way a real gateway does: at least once, with retries, sometimes not at all. */
import { setMaxListeners } from 'node:events';
import type { GatewayCallback } from '../port';
import { SIGNATURE_HEADER, signPayload } from '../signature';
import type { SimConfig } from './config';
import { sendHttp } from './http-send';
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

  /** One attempt: 'ok' for a 2xx, else what went wrong. */
  private async post(config: SimConfig, body: string, signal: AbortSignal): Promise<string> {
    try {
      const { status } = await sendHttp(config.callbackUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          // Signed per attempt, as real gateways do, so a late retry is not refused as stale.
          [SIGNATURE_HEADER]: signPayload(config.callbackSecret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
      });
      return status >= 200 && status < 300 ? 'ok' : `status ${status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
