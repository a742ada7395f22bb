import { payloadHash } from '../../../gateway/simulator/canonical-json';
import { TokenBucket } from '../../../gateway/simulator/rate-limit';

describe('payload fingerprints', () => {
  it('ignore the order of object keys but not the order of array items', () => {
    expect(payloadHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(payloadHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(payloadHash({ a: [1, 2] })).not.toBe(payloadHash({ a: [2, 1] }));
    expect(payloadHash({ a: '1' })).not.toBe(payloadHash({ a: 1 }));
  });
});

describe('the rate limit bucket', () => {
  it('lets a burst of the per-second rate through, then refuses until a token has refilled', () => {
    const bucket = new TokenBucket();
    expect([0, 0, 0].map(() => bucket.take(2, 1000).ok)).toEqual([true, true, false]);
    expect(bucket.take(2, 1000)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(bucket.take(2, 1500).ok).toBe(true);
  });

  it('asks for a longer wait when the rate is below one per second', () => {
    const bucket = new TokenBucket();
    expect(bucket.take(0.25, 0).ok).toBe(true);
    expect(bucket.take(0.25, 0)).toEqual({ ok: false, retryAfterSeconds: 4 });
  });

  it('lets everything through at rate 0', () => {
    const bucket = new TokenBucket();
    expect(Array.from({ length: 100 }, () => bucket.take(0, 0).ok).every(Boolean)).toBe(true);
  });
});
