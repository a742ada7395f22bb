/** The worker process (`npm run worker`, docker-compose): polls the case task queue until SIGINT/SIGTERM. */
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createDb, migrate } from '../db/knex';
import { logLevelFrom } from '../domain/log-level';
import { createHttpGateway } from '../gateway/http-client';
import { workerConfigFromEnv } from './config';
import { createCaseWorker, workflowThreadsOfOwnProcess } from './create-worker';
import { installWorkerRuntime } from './runtime';

async function main(): Promise<void> {
  const log = pino({ name: 'worker', level: logLevelFrom(process.env) });
  const { metricsUrl } = installWorkerRuntime(process.env);
  const config = workerConfigFromEnv(process.env);
  const workflowThreads = workflowThreadsOfOwnProcess();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for a standalone worker (npm start sets it)');
  const db = createDb({ url: config.databaseUrl });
  await migrate(db);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createCaseWorker({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    db,
    gateway: createHttpGateway({ baseUrl: config.gatewayUrl, token: config.gatewayToken }),
    log,
    workflowBundlePath: config.workflowBundlePath,
    // A process of its own: both cores are the worker's to use.
    tuning: { workflowThreadPoolSize: workflowThreads },
  });
  log.info(
    { taskQueue: config.taskQueue, temporal: config.temporalAddress, metricsUrl, workflowThreads },
    'worker running',
  );
  await worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
  await connection.close();
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
