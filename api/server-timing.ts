/**
 * `Server-Timing` (W3C) on the writes that wait on PostgreSQL and Temporal: how long each phase of the request took
 * on the server, shown by a browser's developer tools and read by the bench, so an operator can tell a slow
 * idempotency claim from a slow workflow task without a profiler. Durations only; nothing about the case.
 */
import type { RequestHandler, Response } from 'express';

const clocks = new WeakMap<Response, ServerTiming>();

/** Phases of one request, each from the end of the one before (the first from the request's arrival). */
export class ServerTiming {
  private readonly phases: string[] = [];
  private last = performance.now();

  constructor(private readonly res: Response) {}

  /** Ends the phase called `name`; the header is set at once, so an error answer carries the phases so far. */
  lap(name: string): void {
    const now = performance.now();
    this.phases.push(`${name};dur=${(now - this.last).toFixed(1)}`);
    this.last = now;
    if (!this.res.headersSent) this.res.setHeader('Server-Timing', this.phases.join(', '));
  }
}

/** Starts the clock as the request arrives, before authentication and the body are read. */
export const startServerTiming: RequestHandler = (_req, res, next) => {
  clocks.set(res, new ServerTiming(res));
  next();
};

/** The request's clock (a fresh one if the middleware did not run, as in a router mounted alone). */
export function timingOf(res: Response): ServerTiming {
  const clock = clocks.get(res) ?? new ServerTiming(res);
  clocks.set(res, clock);
  return clock;
}

/** `claim;dur=2.1, update;dur=19.4` → `{ claim: 2.1, update: 19.4 }`; entries without a duration are left out. */
export function parseServerTiming(header: string | undefined): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    const dur = params.find((p) => p.startsWith('dur='));
    const ms = dur === undefined ? Number.NaN : Number(dur.slice('dur='.length));
    if (name && Number.isFinite(ms)) phases[name] = ms;
  }
  return phases;
}
