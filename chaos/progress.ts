/** How far the run's cases have got, so a fault can strike while notices are in flight rather than at a guessed time. */
import type { Step } from './flow';

const order: Step[] = ['filing', 'serving', 'answering', 'scheduling', 'summoning', 'done'];

export class Progress {
  private readonly steps = new Map<number, Step>();
  private readonly numbers = new Map<number, string>();

  constructor(readonly total: number) {}

  set(caseIndex: number, step: Step, caseNumber?: string): void {
    this.steps.set(caseIndex, step);
    if (caseNumber) this.numbers.set(caseIndex, caseNumber);
  }

  /** The case numbers of the cases at `step` now. */
  casesAt(step: Step): string[] {
    return [...this.steps]
      .filter(([i, s]) => s === step && this.numbers.has(i))
      .map(([i]) => this.numbers.get(i) ?? '');
  }

  /** Cases at `step` or past it (a failed case counts nowhere). */
  atLeast(step: Step): number {
    const floor = order.indexOf(step);
    return [...this.steps.values()].filter((s) => s !== 'failed' && order.indexOf(s) >= floor).length;
  }

  failed(): number {
    return [...this.steps.values()].filter((s) => s === 'failed').length;
  }

  line(): string {
    const counts = order.map((step) => `${step} ${[...this.steps.values()].filter((s) => s === step).length}`);
    return `${counts.join(', ')}, failed ${this.failed()} (of ${this.total})`;
  }
}

/** Polls `probe` until it holds: faults wait for conditions, never for a guessed moment. */
export async function when(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`waited ${Math.round(timeoutMs / 1000)} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
