/**
 * The SDK's gRPC retry, made safe to close under. The Temporal client retries a call that failed with a retryable
 * status after a timer; if the connection was closed meanwhile (a shutting-down API, a test stack closing), the
 * retry's `createCall` throws "Channel has been shut down" inside that timer, an uncaught exception that takes
 * the process (or a jest file) down. Here a call on a closed channel ends with CANCELLED instead, so the caller's
 * promise rejects like any failed call.
 */
import { makeGrpcRetryInterceptor, defaultGrpcRetryOptions } from '@temporalio/client';
import { Metadata, status, type InterceptingListener, type Interceptor } from '@grpc/grpc-js';

type NextCall = Parameters<Interceptor>[1];
type Call = ReturnType<NextCall>;

/** A call that never reaches the network: it reports CANCELLED to whoever listens, on the next tick. */
function cancelledCall(reason: string): Call {
  const noop = () => undefined;
  return {
    start(_metadata: Metadata, listener?: Partial<InterceptingListener>) {
      setImmediate(() =>
        listener?.onReceiveStatus?.({ code: status.CANCELLED, details: reason, metadata: new Metadata() }),
      );
    },
    cancelWithStatus: noop,
    getPeer: () => '',
    sendMessageWithContext: noop,
    sendMessage: noop,
    startRead: noop,
    halfClose: noop,
  } as unknown as Call;
}

const guarded =
  (nextCall: NextCall): NextCall =>
  (options) => {
    try {
      return nextCall(options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/channel has been shut down/i.test(message)) throw error;
      return cancelledCall(message);
    }
  };

/** The SDK's default retry interceptor, whose retries end in CANCELLED once the connection is closed. */
export function closeSafeRetryInterceptor(): Interceptor {
  const retry = makeGrpcRetryInterceptor(defaultGrpcRetryOptions());
  return (options, nextCall) => retry(options, guarded(nextCall));
}
