/** How long the case page asks the API to hold a read (console/src/lib/follow.ts). */
import { clockSkewMs, LONGEST_WAIT_S, pause, waitSeconds } from '../../../console/src/lib/follow';

const now = Date.parse('2026-11-27T08:00:00Z');
const inSeconds = (s: number) => new Date(now + s * 1000).toISOString();
const deadline = (s: number, open = true) => ({ dueAt: inSeconds(s), open });

it('holds a read the longest when nothing is due soon', () => {
  expect(waitSeconds({ deadlines: [deadline(3600)] }, now)).toBe(LONGEST_WAIT_S);
  expect(waitSeconds({ deadlines: [] }, now)).toBe(LONGEST_WAIT_S);
});

it('reads again when the session the case shows begins, which no change of the case marks', () => {
  expect(waitSeconds({ hearing: { at: inSeconds(6.2) }, deadlines: [deadline(3600)] }, now)).toBe(7);
});

it('reads again when an open deadline falls due, not a closed one', () => {
  expect(waitSeconds({ deadlines: [deadline(4, false), deadline(9)] }, now)).toBe(9);
});

it('never asks for less than a second, nor counts what has passed', () => {
  expect(waitSeconds({ hearing: { at: inSeconds(0.2) }, deadlines: [] }, now)).toBe(1);
  expect(waitSeconds({ hearing: { at: inSeconds(-30) }, deadlines: [deadline(-5)] }, now)).toBe(LONGEST_WAIT_S);
});

it('stops pausing as soon as the page stops following', async () => {
  const stop = new AbortController();
  const paused = pause(60_000, stop.signal);
  stop.abort();
  await expect(paused).resolves.toBeUndefined();
});

it('reckons the wait on the server’s clock when the browser’s is off', () => {
  // The browser's clock is five minutes behind: the server's Date says it is 08:05 already.
  const skew = clockSkewMs('Fri, 27 Nov 2026 08:05:00 GMT', now);
  expect(skew).toBe(300_000);
  const session = { hearing: { at: new Date(now + 300_000 + 6_000).toISOString() }, deadlines: [] };
  expect(waitSeconds(session, now + skew)).toBe(6);
  // Within the Date header's one-second resolution and the request's latency, the clocks agree.
  expect(clockSkewMs('Fri, 27 Nov 2026 08:00:01 GMT', now)).toBe(0);
  expect(clockSkewMs(null, now)).toBe(0);
  expect(clockSkewMs('not a date', now)).toBe(0);
});
