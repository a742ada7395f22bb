/** A token bucket shared by every /v1 route, refilled continuously at the configured rate. */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBucket {
  private rate = 0;
  private tokens = 0;
  private lastMs = 0;

  /** `ratePerSecond` is read on every call so a config change takes effect at once, with a full bucket. */
  take(ratePerSecond: number, nowMs: number): RateDecision {
    if (ratePerSecond <= 0) return { ok: true };
    const capacity = Math.max(1, ratePerSecond);
    if (ratePerSecond !== this.rate) {
      this.rate = ratePerSecond;
      this.tokens = capacity;
      this.lastMs = nowMs;
    }
    this.tokens = Math.min(capacity, this.tokens + ((nowMs - this.lastMs) / 1000) * ratePerSecond);
    this.lastMs = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    // Retry-After is whole seconds; rounding up keeps a client that obeys it from being refused again.
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / ratePerSecond)) };
  }

  reset(): void {
    this.rate = 0;
  }
}
