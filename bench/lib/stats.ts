/** Percentiles and summaries of latency samples: pure, so the unit tests pin them down. */

/** Nearest-rank percentile (p in 0..100) of `samples`; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    // A reduce, not Math.max(...samples): a spread passes one argument per sample, too many at 100,000.
    max: round(samples.length ? samples.reduce((a, b) => Math.max(a, b)) : 0),
  };
}

/** `a / b` to two places, or null when `b` is zero (a ratio of nothing measured is not a number to print). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : round(a / b, 2);
}

/** Samples grouped by a name (each action's latencies), added as they are measured. */
export class Samples {
  private readonly byName = new Map<string, number[]>();

  add(name: string, ms: number): void {
    const list = this.byName.get(name) ?? [];
    list.push(ms);
    this.byName.set(name, list);
  }

  /** Each entry of `byName` (the API's phases of one request), under `<prefix> <name>` when a prefix is given. */
  addAll(byName: Record<string, number>, prefix?: string): void {
    for (const [name, ms] of Object.entries(byName)) this.add(prefix ? `${prefix} ${name}` : name, ms);
  }

  all(): number[] {
    return [...this.byName.values()].flat();
  }

  summaries(): Record<string, Summary> {
    return Object.fromEntries([...this.byName].map(([name, list]) => [name, summarize(list)]));
  }
}

/** Runs `task(i)` for i in 0..total-1 with at most `concurrency` at once; returns the elapsed seconds. */
export async function runPool(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return (performance.now() - began) / 1000;
}
