/**
 * The case page's live state: read once, then followed by long poll. A timer moves a case on its own (a window
 * passes, a notice is delivered); the page used to read the case every 3 s for that, a workflow query each time,
 * whether anything had moved or not. Now each read waits in the API until the case's version passes the one shown.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type MutableRefObject } from 'react';
import { api, unwrap, type CaseDetail } from '../api/client';
import { clockSkewMs, HELD_AT_LEAST_MS, PAUSE_MS, pause, waitSeconds } from '../lib/follow';

const caseKey = (caseNumber: string) => ['case', caseNumber] as const;

/**
 * One read of the case (held by the API when `query` says so), and how far the browser's clock is from the server's
 * by the answer's `Date` header: an office computer's clock can be minutes off, and the waits are reckoned on it.
 */
async function readCase(
  caseNumber: string,
  signal: AbortSignal,
  query?: { after: number; wait: number },
): Promise<{ detail: CaseDetail; skewMs: number }> {
  const call = api.GET('/api/v1/cases/{caseNumber}', { params: { path: { caseNumber }, query }, signal });
  const detail = await unwrap(call);
  return { detail, skewMs: clockSkewMs((await call).response.headers.get('date'), Date.now()) };
}

export function useFollowedCase(caseNumber: string) {
  const queryClient = useQueryClient();
  // Learnt from every answer, the first read's too, so that even the first held read waits by the server's clock.
  const skewMs = useRef(0);
  const query = useQuery({
    queryKey: caseKey(caseNumber),
    queryFn: async ({ signal }) => {
      const read = await readCase(caseNumber, signal);
      skewMs.current = read.skewMs;
      return read.detail;
    },
  });
  const loaded = query.data !== undefined;
  useEffect(() => {
    if (!loaded) return;
    const stop = new AbortController();
    void follow(caseNumber, queryClient, skewMs, stop.signal);
    return () => stop.abort();
  }, [caseNumber, loaded, queryClient]);
  return query;
}

/** Until the page leaves or the case closes: one held read at a time, each from the version the page shows. */
async function follow(
  caseNumber: string,
  queryClient: QueryClient,
  skewMs: MutableRefObject<number>,
  signal: AbortSignal,
): Promise<void> {
  const shown = () => queryClient.getQueryData<CaseDetail>(caseKey(caseNumber));
  for (let current = shown(); current && current.stage !== 'closed' && !signal.aborted; current = shown()) {
    const asked = Date.now();
    try {
      const read = await readCase(caseNumber, signal, {
        after: current.version,
        wait: waitSeconds(current, asked + skewMs.current),
      });
      const detail = read.detail;
      skewMs.current = read.skewMs;
      // An action's own answer may have shown a later version meanwhile (ActionPanel): never step back.
      if (detail.version >= (shown()?.version ?? 0)) queryClient.setQueryData(caseKey(caseNumber), detail);
      if (detail.version > current.version) {
        // The change was projected before the API woke: the read model's lists have it too.
        void queryClient.invalidateQueries({ queryKey: [...caseKey(caseNumber), 'notices'] });
        void queryClient.invalidateQueries({ queryKey: [...caseKey(caseNumber), 'timeline'] });
      } else if (Date.now() - asked < HELD_AT_LEAST_MS) {
        await pause(PAUSE_MS, signal);
      }
    } catch {
      // Offline, the API restarting, Temporal unavailable: try again at the old pace; the page keeps what it shows.
      await pause(PAUSE_MS, signal);
    }
  }
}
