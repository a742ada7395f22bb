/**
 * How the case page follows a case: by long poll (`GET /cases/{n}?after=<version>&wait=<s>`, docs/api.md), one read
 * per change instead of one every few seconds. Pure, so it is tested without a browser (test/unit/console).
 */

/** The longest the page asks the API to hold a read: under the 30 s that proxies and browsers allow. */
export const LONGEST_WAIT_S = 20;

/** A read the API answered sooner than this without a change was not held (the caller has ten reads waiting). */
export const HELD_AT_LEAST_MS = 500;

/** Between reads that were not held, and after a failed read: the page's old polling pace, never faster. */
export const PAUSE_MS = 3000;

/** What of a case the clock alone moves on: a session that begins, a deadline that falls due. */
export interface Clocked {
  hearing?: { at?: string };
  deadlines: { dueAt: string; open: boolean }[];
}

/**
 * Seconds to hold a read: until the next instant the case shows ahead, at most LONGEST_WAIT_S. The passing of time
 * makes no change the API could wake on (a session that has begun opens `record-hearing-held`), so the page reads
 * again when that time comes.
 */
export function waitSeconds(detail: Clocked, now: number): number {
  const ahead = [detail.hearing?.at, ...detail.deadlines.filter((d) => d.open).map((d) => d.dueAt)]
    .map((at) => (at ? Date.parse(at) : Number.NaN))
    .filter((at) => at > now);
  const next = Math.min(now + LONGEST_WAIT_S * 1000, ...ahead);
  return Math.min(LONGEST_WAIT_S, Math.max(1, Math.ceil((next - now) / 1000)));
}

/** Below this, a difference between the server's clock and the browser's is the `Date` header's rounding and latency. */
const SKEW_NOISE_MS = 2000;

/**
 * How far the server's clock is ahead of the browser's (negative: behind), from an answer's `Date` header; 0 when
 * there is none or the two agree within its one-second resolution. An office computer's clock can be minutes off:
 * the page's waits for a session or a deadline are reckoned on the server's time, which the case's instants are.
 */
export function clockSkewMs(dateHeader: string | null, now: number): number {
  const server = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(server)) return 0;
  const skew = server - now;
  return Math.abs(skew) < SKEW_NOISE_MS ? 0 : skew;
}

/** Sleeps `ms`, or less if the page stops following (`signal`). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
