/** The bench's arithmetic: nearest-rank percentiles, summaries and ratios. */
import { percentile, ratio, runPool, Samples, summarize } from '../../../bench/lib/stats';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('summarizes and groups samples by name', () => {
    const samples = new Samples();
    [10, 20, 30].forEach((x) => samples.add('a', x));
    samples.add('b', 5);
    expect(samples.summaries()).toEqual({
      a: { n: 3, p50: 20, p95: 30, p99: 30, max: 30 },
      b: { n: 1, p50: 5, p95: 5, p99: 5, max: 5 },
    });
    expect(samples.all().sort()).toEqual([10, 20, 30, 5].sort());
    expect(summarize([])).toEqual({ n: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('gives a ratio to two places, and none of nothing', () => {
    expect(ratio(1, 3)).toBe(0.33);
    expect(ratio(1, 0)).toBeNull();
  });

  it('runs a pool with at most the given concurrency', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPool(10, 3, async (i) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      done.push(i);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
