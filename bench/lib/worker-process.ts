/** Davar's worker as a process of its own, as production runs it (`worker/main.ts`), on the bench's stack. */
import path from 'node:path';
import { dataDir } from '../../scripts/lib/paths';
import type { Child } from '../../scripts/lib/processes';
import { startWorkerProcesses } from '../../scripts/lib/stack-processes';
import { writeCaseBundle } from '../../worker/bundle';
import { DAVAR_TASK_QUEUE, GATEWAY_TOKEN, type BenchStack } from './bench-stack';

/**
 * It projects into the public schema of the stack's database, so the stack must have a database of its own
 * (`ownDatabase`) and no worker in the bench's process (`davarWorker: false`). With `davarWorkflowsPath` (another
 * checkout's `workflows/case`) it runs that code; without it, a `WORKFLOW_BUNDLE_PATH` in the bench's own
 * environment still reaches the worker, as it did before this helper.
 */
export async function startDavarWorkerProcess(
  stack: BenchStack,
  options: { davarWorkflowsPath?: string } = {},
): Promise<Child> {
  if (stack.schema !== 'public') throw new Error('a worker process needs a bench stack with a database of its own');
  const bundle = options.davarWorkflowsPath
    ? {
        WORKFLOW_BUNDLE_PATH: await writeCaseBundle(
          path.join(dataDir, 'bench', `worker-process-bundle-${process.pid}.js`),
          options.davarWorkflowsPath,
        ),
      }
    : {};
  const [worker] = await startWorkerProcesses({
    count: 1,
    client: stack.client,
    metricsAddress: 'off',
    // A profile of the worker alone: BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=<dir>' (a file per thread).
    nodeArgs: process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean),
    env: {
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_NAMESPACE: stack.temporal.namespace,
      TASK_QUEUE: DAVAR_TASK_QUEUE,
      DATABASE_URL: stack.databaseUrl,
      GATEWAY_URL: stack.sim.url,
      GATEWAY_TOKEN,
      LOG_LEVEL: 'warn',
      ...bundle,
    },
  });
  if (!worker) throw new Error('no worker process');
  return worker;
}
