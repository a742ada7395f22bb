/**
 * The close-safe retry interceptor, on a real gRPC channel to an address where nothing listens: the SDK's retry
 * keeps trying UNAVAILABLE; closing the connection meanwhile must end the call with a rejection, where the
 * SDK's own interceptor throws "Channel has been shut down" from a timer and takes the process down.
 */
import net from 'node:net';
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';
import { closeSafeRetryInterceptor } from '../../../scripts/lib/grpc-retry';

/** A port that was free a moment ago: connections to it are refused, so every call fails UNAVAILABLE. */
async function refusedAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** Sits under the retry interceptor, so it sees each attempt; resolves once the first one has failed. */
function firstFailure(): { interceptor: Interceptor; failed: Promise<void> } {
  let onFailure = () => undefined as void;
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const interceptor: Interceptor = (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            onFailure();
            nextStatus(status);
          },
        });
      },
    });
  return { interceptor, failed };
}

describe('closeSafeRetryInterceptor', () => {
  it('ends a call that is being retried when its connection closes, with a rejection instead of a crash', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const attempts = firstFailure();
      const connection = Connection.lazy({
        address: await refusedAddress(),
        interceptors: [closeSafeRetryInterceptor(), attempts.interceptor],
      });
      const call = connection.workflowService.getSystemInfo({});
      const settled = call.then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      // Closing while the call waits between retries: the retry then finds the channel shut down.
      await attempts.failed;
      await connection.close();
      const outcome = await settled;
      expect(outcome).toMatch(/shut down|cancel/i);
      // Let any retry timer that was already due fire before counting crashes.
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, 15_000);
});
