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
 * Reads the case until its version is above `after`, it has closed, `waitMs` has passed, or the caller has gone
 * (`gone`); answers with the last read. Waits on the case's change notices, not on a clock: a read follows each one.
 */
export async function readAfter<T extends { state: CaseStateView }>(
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
