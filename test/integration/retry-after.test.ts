/**
 * Retry-After binds a gateway client that read the 429: the case's next attempt comes no sooner, as counted by the
 * simulator per idempotency key, on the real Temporal server.
 *
 * In a file of its own, so that no other stack shares this process. Beside the six busy stacks of
 * gateway-faults.test.ts it failed in clean-clone runs (one or two early requests, 0.3-0.5 s after their 429, where
 * the Retry-After was 2 s; in isolation it passed every time). Logging each violation showed one way: the gateway
 * client's own timeout (3 s in the tests) gave up on the request before a stalled event loop let the simulator
 * answer it, so the 429 counted was one the client never read, and its next attempt came on the retry policy's 1 s.
 * With the client waiting 9 s it still failed once on Temporal Server (CI, 2026-11-27), not explained; a guess: there
 * an attempt's report can take seconds, and the server's own start-to-close timeout may retry it first, on the
 * policy's interval.
 */
import { expectServedOnce, fileAndAccept } from '../helpers/gateway';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack | undefined;
afterAll(async () => {
  await stack?.close();
});

it('waits at least Retry-After before retrying when the gateway rate-limits', async () => {
  // The bucket's 429s depend on how fast a busy machine sends; the first-attempt throttle makes sure every key is
  // refused once, so every case has a Retry-After to honour. The client waits 9 s: near production's 10 s default,
  // and under the attempt's 10 s start-to-close of the fast policy.
  stack = await startStack({ sim: { rateLimitPerSecond: 3, throttleFirstAttempts: 1 }, gatewayTimeoutMs: 9_000 });
  const handles = await fileAndAccept(stack, 15);
  await expectServedOnce(stack, handles, 90_000);
  const { totals } = stack.sim.notices();
  expect(totals.rateLimited).toBeGreaterThanOrEqual(handles.length);
  expect(totals.retryAfterViolations).toBe(0);
}, 150_000);
