/**
 * The long poll of `GET /cases/{n}?after=…`: a client waiting for a case to move (a notice delivered, a stage
 * changed) asks once and is answered when it has, instead of reading every few hundred milliseconds. Each read is a
 * workflow query; the read model's change notices (db/read-model/changes.ts) say when another one is worth making.
 */
import type { CaseChanges } from '../db/read-model/changes';
import type { CaseStateView } from '../domain/case';

/** How long a read with `after` and no `wait` waits, in seconds: under the usual 30 s of proxies and browsers. */
export const DEFAULT_WAIT_S = 20;

/**
 * Reads a caller may have waiting at once. Each change of a case wakes every read waiting on it, and each read then
 * queries the workflow: without a bound, one caller holding hundreds of waiting reads (within the rate limit, which
 * counts requests) would turn every change into hundreds of queries. Past the bound a read answers at once.
 */
export const MAX_WAITING_READS_PER_CALLER = 10;

/** Counts each caller's waiting reads; `take` gives a release, or nothing when the caller is at the bound. */
export class WaitingReads {
  private readonly byCaller = new Map<string, number>();

  take(caller: string): (() => void) | undefined {
    const held = this.byCaller.get(caller) ?? 0;
    if (held >= MAX_WAITING_READS_PER_CALLER) return undefined;
    this.byCaller.set(caller, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.byCaller.get(caller) ?? 1) - 1;
      if (left > 0) this.byCaller.set(caller, left);
      else this.byCaller.delete(caller);
    };
  }
}

/**
 * A plain read without `after`; with it, a read that waits for the case to change (`readAfter`), unless the caller
 * already has its bound of waiting reads, when it answers at once.
 */
export async function readCaseOrWait<T extends { state: CaseStateView }>(
  target: { changes: CaseChanges; waiting: WaitingReads; caller: string; caseNumber: string },
  options: { after?: number; waitMs: number; gone: AbortSignal },
  read: () => Promise<T>,
): Promise<T> {
  const { after } = options;
  const release = after === undefined ? undefined : target.waiting.take(target.caller);
  if (after === undefined || !release) return read();
  try {
    return await readAfter(target.changes, target.caseNumber, { ...options, after }, read);
  } finally {
    release();
  }
}

/**
 * Reads the case until its version is above `after`, it has closed, `waitMs` has passed, or the caller has gone
 * (`gone`); answers with the last read. Waits on the case's change notices, not on a clock: a read follows each one.
 */
async function readAfter<T extends { state: CaseStateView }>(
  changes: CaseChanges,
  caseNumber: string,
  options: { after: number; waitMs: number; gone: AbortSignal },
  read: () => Promise<T>,
): Promise<T> {
  const until = Date.now() + options.waitMs;
  for (;;) {
    // Watching before reading: a change that lands between the read and the wait still wakes it.
    const watch = await changes.watch(caseNumber);
    let timer: NodeJS.Timeout | undefined;
    const stop = () => watch?.cancel();
    try {
      const answer = await read();
      const left = until - Date.now();
      const settled = answer.state.auditSeq > options.after || answer.state.stage === 'closed';
      if (settled || !watch || left <= 0 || options.gone.aborted) return answer;
      options.gone.addEventListener('abort', stop, { once: true });
      timer = setTimeout(stop, left);
      await watch.changed;
    } finally {
      clearTimeout(timer);
      options.gone.removeEventListener('abort', stop);
      stop();
    }
  }
}
