/**
 * The SDK runtime of a worker process: its log level, and a Prometheus endpoint with the SDK's own metrics
 * (activity executions and failures by activity type, which is where gateway retries show, task latencies…).
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

export function installWorkerRuntime(env: NodeJS.ProcessEnv): { metricsUrl?: string } {
  const address = env.WORKER_METRICS_ADDRESS ?? '127.0.0.1:9464';
  const metricsOff = address === '' || address === 'off';
  Runtime.install({
    logger: new DefaultLogger((env.TEMPORAL_SDK_LOG_LEVEL ?? 'WARN') as LogLevel),
    ...(metricsOff ? {} : { telemetryOptions: { metrics: { prometheus: { bindAddress: address } } } }),
  });
  return { metricsUrl: metricsOff ? undefined : `http://${address}/metrics` };
}
