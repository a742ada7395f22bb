/**
 * Structured concurrency for workflow code: background work belongs to a scope, ends with it, and a failure in it
 * is never lost. Nothing in a case is fire-and-forget.
 */
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';

/**
 * Resolves once the microtasks already queued in this activation have run. The SDK evaluates a blocked condition
 * only after they have drained; the first, eager evaluation answers "not yet".
 */
function afterQueuedWork(): Promise<void> {
  let asked = false;
  return condition(() => {
    const again = asked;
    asked = true;
    return again;
  });
}

/**
 * Tasks that run beside a piece of work in one cancellation scope. A task turns the failures it expects into
 * facts of the case; anything else it throws is a bug, kept here and rethrown by the owner, which fails the
 * workflow task so the bug is seen and fixed instead of swallowed.
 */
export class TaskGroup {
  readonly scope: CancellationScope;
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(parent?: CancellationScope) {
    this.scope = new CancellationScope({ cancellable: true, parent });
  }

  spawn(task: () => Promise<unknown>): void {
    const settled: Promise<void> = this.scope.run(task).then(
      () => undefined,
      (error: unknown) => {
        if (!isCancellation(error)) this.failure ??= { error };
      },
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Cancels what is still running and waits for it to unwind. */
  async close(): Promise<void> {
    this.scope.cancel();
    await Promise.all([...this.running]);
  }
}

/**
 * Runs `work` in a scope of its own that is cancelled as soon as `stop()` holds: true when the work finished, false
 * when it was stopped. A cancellation from outside (the stage ending) propagates as usual.
 */
export async function unless(stop: () => boolean, work: () => Promise<unknown>): Promise<boolean> {
  const scope = new CancellationScope();
  let stopped = false;
  const watch = scope
    .run(() => condition(stop))
    .then(
      () => {
        stopped = true;
        scope.cancel();
      },
      () => undefined,
    );
  try {
    await scope.run(work);
    return true;
  } catch (error) {
    if (stopped && isCancellation(error)) return false;
    throw error;
  } finally {
    scope.cancel();
    await watch;
  }
}

export type Raced<T, I> = { done: T } | { interrupted: I };

export interface ScopedOptions<I> {
  /** Told the reason before anything in the scope is cancelled: cancelled work may ask why. */
  onInterrupt?: (reason: I) => void;
  /**
   * Whether work already queued in the interrupting activation finishes first (the fix of 0.3.9, the default): a
   * case run started before that fix says no, so its history replays (the case asks its revision).
   */
  exitBeforeInterruption?: () => boolean;
}

/**
 * Runs `main` with a task group until it finishes or `interruption()` names a reason to stop, whichever comes
 * first; then cancels everything left in the scope and waits for it. A bug in `main` or in its tasks is rethrown.
 */
export async function runScoped<T, I>(
  main: (tasks: TaskGroup) => Promise<T>,
  interruption: () => I | undefined,
  { onInterrupt, exitBeforeInterruption = () => true }: ScopedOptions<I> = {},
): Promise<Raced<T, I>> {
  const tasks = new TaskGroup();
  const work = tasks.scope.run(() => main(tasks));
  const stop = tasks.scope.run(() => condition(() => interruption() !== undefined || tasks.failed));
  let outcome: Raced<T, I> | undefined;
  let failure: { error: unknown } | undefined;
  await Promise.race([
    work.then(
      (done) => {
        outcome ??= { done };
      },
      (error: unknown) => {
        if (!isCancellation(error)) failure ??= { error };
      },
    ),
    stop.then(
      async () => {
        for (;;) {
          // The stage may finish in the very activation that asks to stop it (the last vote seals a ruling as
          // Temporal suggests continue-as-new). Its exit, still queued behind this callback, must win: otherwise
          // its last change of state is kept while the stage is not left, and the next run restarts it (a sealed
          // ruling read as a second instance that nobody appealed for; CI, 2026-11-27).
          if (exitBeforeInterruption()) await afterQueuedWork().catch(() => undefined);
          const reason = interruption();
          if (outcome) return;
          if (reason !== undefined) {
            outcome = { interrupted: reason };
            onInterrupt?.(reason);
            return;
          }
          if (tasks.failed || failure) return;
          // That queued work withdrew the reason (a case began a gateway send, which a run lets finish before it
          // continues as new: index.ts): the stage goes on until a reason holds again.
          await condition(() => interruption() !== undefined || tasks.failed || outcome !== undefined || !!failure);
        }
      },
      () => undefined,
    ),
  ]);
  await tasks.close();
  await Promise.allSettled([work, stop]);
  tasks.rethrow();
  if (failure) throw failure.error;
  if (!outcome) throw new Error('a scoped run ended with neither a result nor an interruption');
  return outcome;
}
